from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "laget.directory"
    label = "directory"
