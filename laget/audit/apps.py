from django.apps import AppConfig
from django.db.models.signals import post_migrate

from laget.audit.sqlite import ensure_sqlite_triggers


class AuditConfig(AppConfig):
    name = "laget.audit"
    label = "audit"

    def ready(self) -> None:
        post_migrate.connect(ensure_sqlite_triggers, sender=self)
