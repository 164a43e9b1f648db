from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "laget.family"
    label = "family"
    verbose_name = "Familien i saken"
