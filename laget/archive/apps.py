"""Arkivpakker (Noark 5) for avsluttede stafettlogger, med dokumenter som PDF/A."""

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "laget.archive"
    label = "archive"
    verbose_name = "Arkiv"

    def ready(self) -> None:
        # Queues the archive package when a case is closed (laget.cases.signals).
        from laget.archive import receivers  # noqa: F401
