from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "laget.guide"
    label = "guide"
