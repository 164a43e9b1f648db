from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "laget.portal"
    label = "portal"
    verbose_name = "Familiesiden"
