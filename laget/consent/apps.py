from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "laget.consent"
    label = "consent"
    verbose_name = "Samtykke"
