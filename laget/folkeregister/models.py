"""What Laget keeps of its dealings with the population register: how far the change feed has
been followed, the events applied (one row each, so nothing is applied twice), and the notices
that tell a stafettholder what changed. None of it holds the register's answer: a notice says
what kind of change and its date, never an identifier, a name or an address."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FeedPosition(models.Model):
    """The one row: the last sequence number of the feed that has been read and applied."""

    ONE = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ONE)
    last_sequence = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="feed_position_one")]

    def __str__(self) -> str:
        return f"feed at {self.last_sequence}"


class AppliedEvent(models.Model):
    """A feed event that touched a log, applied once: the sequence number is unique. Events of
    people Laget does not follow leave no row (the position moves past them)."""

    sequence = models.BigIntegerField(unique=True)
    kind = models.CharField(max_length=60)
    applied_at = models.DateTimeField(default=timezone.now)
    # How many open logs it changed; no case ids here (the access log has them).
    cases = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sequence"]

    def __str__(self) -> str:
        return f"event {self.sequence}"


class NoticeKind(models.TextChoices):
    DEATH = "death", _("En i familien er død ifølge Folkeregisteret.")
    RESPONSIBILITY = "responsibility", _("Foreldreansvaret er endret i Folkeregisteret.")
    PROTECTION = "protection", _("Folkeregisteret har registrert en adressesperre.")
    MOVED = "moved", _("Barnet er flyttet til en annen kommune ifølge Folkeregisteret.")
    NEW_ID = "new_id", _("D-nummeret er erstattet av et fødselsnummer i Folkeregisteret.")


class RegisterNotice(models.Model):
    """A change from the register in an open log, for its stafettholder to look at. The case
    page says what kind of change and its date; the e-mail only that there is something."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="register_notices"
    )
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    # The day the change took effect in the register (a death, the end of a responsibility).
    on = models.DateField(null=True, blank=True)
    sequence = models.BigIntegerField()
    at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "sequence", "kind"], name="register_notice_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())
