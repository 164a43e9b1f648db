from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "laget.orgs"
    label = "orgs"
