from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "laget.api"
    label = "api"
