from django.apps import AppConfig


class ToolsConfig(AppConfig):
    name = "laget.tools"
    label = "tools"
