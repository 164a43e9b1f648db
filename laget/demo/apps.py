from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "laget.demo"
    label = "demo"
