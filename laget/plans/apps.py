from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "laget.plans"
    label = "plans"
