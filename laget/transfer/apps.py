from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "laget.transfer"
    label = "transfer"
