from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "laget.registry"
    label = "registry"
    verbose_name = "Programregister"
