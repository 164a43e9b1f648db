from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "laget.archive"
    label = "archive"
