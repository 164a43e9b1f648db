from django.apps import AppConfig


class LogReviewConfig(AppConfig):
    name = "laget.logreview"
    label = "logreview"
