"""The access log: one append-only row for every read and write of case content.

Rows form chains: each row's hash is an HMAC, with a key the database does not hold, of its
content and the previous row's hash in its chain (laget/audit/chain.py), so that nobody with
only the database can alter, insert or remove a row unnoticed. There is one chain per person
and case (`chain`), so that writes by different people or to different cases never wait for
each other; checkpoints (AuditCheckpoint, laget/audit/checkpoints.py) chain the heads of all
chains, and anchors kept outside the database (laget/audit/anchors.py) name the newest
checkpoint, which shows when the newest rows are removed. The application cannot change or
delete a row: the model, its querysets (the base manager's too) and, below the ORM, a trigger
(PostgreSQL and SQLite) refuse; production's database role has no UPDATE, DELETE or TRUNCATE.
"""

from collections.abc import Collection, Iterable
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


CHANGE_REFUSED = "audit records cannot be changed"
DELETE_REFUSED = "audit records cannot be deleted"


class AuditQuerySet(models.QuerySet[Any]):
    """Every way a queryset changes or deletes rows refuses, including the internal ones that
    Model.save_base (`_update`) and the deletion collector (`_raw_delete`) use."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError(CHANGE_REFUSED)

    def _update(self, values: Any) -> NoReturn:
        raise AuditImmutableError(CHANGE_REFUSED)

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError(CHANGE_REFUSED)

    def bulk_create(
        self,
        objs: Iterable["AuditEvent"],
        batch_size: int | None = None,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: Collection[str] | None = None,
        unique_fields: Collection[str] | None = None,
    ) -> list["AuditEvent"]:
        # INSERT … ON CONFLICT DO UPDATE rewrites the row it conflicts with.
        if update_conflicts:
            raise AuditImmutableError(CHANGE_REFUSED)
        return super().bulk_create(objs, batch_size=batch_size, ignore_conflicts=ignore_conflicts)

    def delete(self) -> NoReturn:
        raise AuditImmutableError(DELETE_REFUSED)

    def _raw_delete(self, using: Any) -> NoReturn:
        raise AuditImmutableError(DELETE_REFUSED)


class AppendOnly(models.Model):
    """A row that is written once: saving it again or deleting it refuses."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise AuditImmutableError(CHANGE_REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError(DELETE_REFUSED)


class AuditEvent(AppendOnly):
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
    # The chain the row belongs to (laget/audit/chain.py `chain_key`): "<actor id>:<case id>",
    # either part empty; "" is the one chain of the rows written before chains were split.
    chain = models.CharField(max_length=41, default="", blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Which of LAGET_AUDIT_KEYS made `hash` (the id only; the keys are never in the database).
    key_id = models.CharField(max_length=16)

    objects = AuditQuerySet.as_manager()

    class Meta:
        # Django's internal manager too (related lookups, save_base, refresh_from_db).
        base_manager_name = "objects"
        ordering = ["id"]
        indexes = [
            models.Index(fields=["case_id", "at"], name="audit_case_at"),
            # The check walks each chain in order; checkpoints read each chain's newest row.
            models.Index(fields=["chain", "id"], name="audit_chain_id"),
        ]
        # One successor per row in its chain, so concurrent appends can never fork a chain.
        constraints = [
            models.UniqueConstraint(fields=["chain", "prev_hash"], name="audit_one_successor")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}"


class AuditChainHead(models.Model):
    """The newest row of each chain: what an append links to, and the row it locks, so that
    appends to the same chain take turns and appends to different chains never wait. Not
    evidence (the rows are): a head changed by hand only makes the next append fail its link.
    `dirty`: the head moved since the last checkpoint took it."""

    chain = models.CharField(max_length=41, primary_key=True)
    row_id = models.BigIntegerField()
    hash = models.CharField(max_length=64)
    dirty = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.chain} → {self.row_id}"


class AuditCheckpoint(AppendOnly):
    """The heads of the chains that moved since the checkpoint before (`heads`: [[chain, row
    id, row hash], …] sorted by chain), chained to that checkpoint and HMAC'd under the audit
    key. A row a checkpoint names must stay in the log with that hash, so removing the newest
    rows of any chain is found once a checkpoint has passed them; anchors outside the database
    name the newest checkpoint. Never changed or deleted (model, trigger, grants)."""

    at = models.DateTimeField()
    heads = models.JSONField(default=list)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)
    key_id = models.CharField(max_length=16)

    objects = AuditQuerySet.as_manager()

    class Meta:
        base_manager_name = "objects"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"checkpoint {self.pk} ({len(self.heads)} chains)"


class AuditPrune(AppendOnly):
    """The access log's oldest rows were deleted after their retention period (laget/audit/
    prune.py): every row up to `through_id` is gone, and the chain goes on from that row's
    hash. The one way rows leave the log: the database refuses a delete of any row after the
    newest boundary, and the boundary is an HMAC under the audit key (`hash`), so a prefix
    removed without the key does not verify. Rows are never changed or deleted."""

    at = models.DateTimeField()
    # The rows removed were all written before this moment (the retention's cut-off).
    before = models.DateTimeField()
    through_id = models.BigIntegerField(unique=True)
    through_hash = models.CharField(max_length=64)
    through_key_id = models.CharField(max_length=16)
    rows = models.PositiveBigIntegerField()
    # Each chain's last removed row, [[chain, id, hash, key id], …] sorted by chain: where each
    # chain goes on from (empty on boundaries from before chains were split).
    heads = models.JSONField(default=list)
    hash = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16)

    objects = AuditQuerySet.as_manager()

    class Meta:
        base_manager_name = "objects"
        ordering = ["through_id"]

    def __str__(self) -> str:
        return f"≤ {self.through_id}"
