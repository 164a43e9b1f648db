from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "laget.retention"
    label = "retention"
