from django.apps import AppConfig


class FolkeregisterConfig(AppConfig):
    name = "laget.folkeregister"
    label = "folkeregister"
    verbose_name = "Folkeregisteret"
