from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "laget.signin"
    label = "signin"
