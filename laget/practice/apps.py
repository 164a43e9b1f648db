from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "laget.practice"
    label = "practice"
