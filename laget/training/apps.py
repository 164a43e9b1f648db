from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "laget.training"
    label = "training"
