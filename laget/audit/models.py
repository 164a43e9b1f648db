"""The access log: one append-only row for every read and write of case content.

Rows form a hash chain (each row's hash covers the previous row's hash), so that a restore
or an export can prove nothing was removed or altered. The application cannot change or
delete a row: the model refuses, the queryset refuses, and on PostgreSQL a trigger refuses.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditImmutableError(Exception):
    """Raised on any attempt to change or delete an audit record."""


class AuditAction(models.TextChoices):
    READ = "read", _("lest")
    LIST = "list", _("listet")
    CREATE = "create", _("opprettet")
    UPDATE = "update", _("endret")
    DELETE = "delete", _("slettet")


class Via(models.TextChoices):
    WEB = "web", _("nettleser")
    API = "api", _("API")
    SYSTEM = "system", _("system")
    PORTAL = "portal", _("familiesiden")


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError("audit records cannot be changed")

    def delete(self) -> NoReturn:
        raise AuditImmutableError("audit records cannot be deleted")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError("audit records cannot be changed")


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Snapshots, so that the family is shown the name and unit as they were at the time.
    actor_name = models.CharField(max_length=200)
    actor_unit = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    via = models.CharField(max_length=10, choices=Via.choices)
    # The case the content belongs to; a plain id so that the log outlives a deleted case.
    case_id = models.BigIntegerField(null=True, db_index=True)
    object_type = models.CharField(max_length=40)
    object_id = models.BigIntegerField(null=True)
    # For list views: the ids of the cases whose names and levels were shown.
    case_ids = models.JSONField(default=list, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["case_id", "at"], name="audit_case_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise AuditImmutableError("audit records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError("audit records cannot be deleted")
