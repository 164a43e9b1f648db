from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "laget.ops"
    label = "ops"
