from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "laget.public"
    label = "public"
