from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Synthetic data at national scale and the benchmark suite (issue 7)."""

    name = "laget.scale"
