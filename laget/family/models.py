"""What sets one family member's reading apart from the others': restrictions, a care order,
an access log held back after a report of concern, and the family's answers on who takes
part. The rule that reads them is laget.family.access."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.family.choices import (
    HoldBackReason,
    ProposalAnswer,
    RestrictionReason,
    RestrictionState,
)
from laget.lib.crypto import EncryptedTextField

USER = settings.AUTH_USER_MODEL

_MEMBER_XOR_CHILD = Q(guardian__isnull=False, is_child=False) | Q(
    guardian__isnull=True, is_child=True
)


class Restriction(models.Model):
    """One family member shut out of the whole log or of marked parts. Proposed by the
    stafettholder, in force once a leader of the responsible unit approves it; both audited.
    The member is never told."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="restrictions")
    guardian = models.ForeignKey(
        "people.Guardian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="restrictions",
        verbose_name=_("familiemedlem"),
    )
    is_child = models.BooleanField(default=False)
    whole_log = models.BooleanField(_("hele loggen"), default=False)
    # Part values (laget.family.choices.Part) hidden as a whole.
    parts = models.JSONField(_("deler"), default=list, blank=True)
    entries = models.ManyToManyField("cases.Entry", blank=True, related_name="+")
    measures = models.ManyToManyField("cases.Measure", blank=True, related_name="+")
    meetings = models.ManyToManyField("cases.Meeting", blank=True, related_name="+")
    reason = models.CharField(_("grunn"), max_length=20, choices=RestrictionReason.choices)
    note = EncryptedTextField(_("merknad"), blank=True, max_length=2000)
    state = models.CharField(
        max_length=10, choices=RestrictionState.choices, default=RestrictionState.PROPOSED
    )
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("skjerming")
        verbose_name_plural = _("skjerminger")
        constraints = [
            models.CheckConstraint(condition=_MEMBER_XOR_CHILD, name="restriction_member_xor_child")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.get_state_display()})"

    @property
    def in_force(self) -> bool:
        return self.state == RestrictionState.IN_FORCE


class CareOrder(models.Model):
    """Child welfare has taken over the care (omsorgsovertakelse): it gives and withdraws
    consent in the parents' place; birth parents and foster parents read what it grants."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="care_orders")
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("barnevernet")
    )
    starts_on = models.DateField(_("gjelder fra"))
    # Part values the birth parents may read; and the foster parents.
    parent_parts = models.JSONField(_("foreldrene kan lese"), default=list, blank=True)
    foster_parts = models.JSONField(_("fosterforeldrene kan lese"), default=list, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    ended_on = models.DateField(_("opphørt"), null=True, blank=True)
    ended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("omsorgsovertakelse")
        verbose_name_plural = _("omsorgsovertakelser")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_on__isnull=True), name="one_care_order_in_force"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d}"

    def in_force(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ended_on is None or self.ended_on > today)


class HoldBack(models.Model):
    """After a report of concern: what child welfare reads and writes, and every other staff
    read and write from `starts_at`, is held back from the family's access log and pages
    until child welfare ends it or `ends_on` passes. Then it shows with its real dates."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="hold_backs")
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("barnevernet")
    )
    reason = models.CharField(_("grunn"), max_length=20, choices=HoldBackReason.choices)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_on = models.DateField(_("gjelder til og med"))
    ended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("utsatt innsyn")
        verbose_name_plural = _("utsatt innsyn")

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d}–{self.ends_on:%Y-%m-%d}"

    def in_force(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.ended_at is None and self.ends_on >= today


def hold_backs_in_force_q(today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(ended_at__isnull=True, ends_on__gte=today)


class ParticipantAnswer(models.Model):
    """A family member's answer to a proposed participant: one who is declined never gains
    access on consent (cases.models.ParticipantQuerySet.granting_access)."""

    participant = models.ForeignKey(
        "cases.Participant", on_delete=models.CASCADE, related_name="family_answers"
    )
    guardian = models.ForeignKey(
        "people.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_child = models.BooleanField(default=False)
    answer = models.CharField(max_length=10, choices=ProposalAnswer.choices)
    at = models.DateTimeField(default=timezone.now)
    by_user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=_MEMBER_XOR_CHILD, name="answer_member_xor_child"),
            models.UniqueConstraint(
                fields=["participant", "guardian"],
                condition=Q(guardian__isnull=False),
                name="answer_once_per_guardian",
            ),
            models.UniqueConstraint(
                fields=["participant"], condition=Q(is_child=True), name="answer_once_per_child"
            ),
        ]

    def __str__(self) -> str:
        return self.get_answer_display()


class LeaveOutRequest(models.Model):
    """A family member asks that one invited to a meeting be left out; staff see it."""

    attendee = models.ForeignKey(
        "cases.MeetingAttendee", on_delete=models.CASCADE, related_name="leave_out_requests"
    )
    guardian = models.ForeignKey(
        "people.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_child = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)
    by_user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=_MEMBER_XOR_CHILD, name="leave_out_member_xor_child")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d}"


class CopyFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    JSON = "json", _("JSON")
    BOTH = "both", _("PDF og JSON")


class AccessRequestDelivery(models.TextChoices):
    """How the copy reaches the member who asked."""

    HANDED_OVER = "handed_over", _("Levert ut i et møte")
    DIGITAL = "digital", _("Sendt digitalt (sikker post)")
    POST = "post", _("Sendt i posten")
    PORTAL = "portal", _("Lastet ned av familiemedlemmet på familiesiden")


class AccessRequest(models.Model):
    """A family member's request for a copy of what they may see (GDPR art. 15 and 20),
    recorded by the stafettholder or a leader of the responsible unit. The copy is built from
    that member's FamilyView (laget/family/copy.py): the same as they download in the portal.
    The answer is due one month after the request was received."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="access_requests")
    guardian = models.ForeignKey(
        "people.Guardian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("familiemedlem"),
    )
    is_child = models.BooleanField(default=False)
    received_on = models.DateField(_("mottatt"))
    format = models.CharField(_("format"), max_length=10, choices=CopyFormat.choices)
    delivery = models.CharField(
        _("hvordan kopien gis"), max_length=20, choices=AccessRequestDelivery.choices
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # The latest copy produced for it (each production is in the audit log too).
    produced_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    produced_at = models.DateTimeField(null=True, blank=True)
    produced_format = models.CharField(max_length=10, choices=CopyFormat.choices[:2], blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("innsynsbegjæring")
        verbose_name_plural = _("innsynsbegjæringer")
        constraints = [
            models.CheckConstraint(
                condition=_MEMBER_XOR_CHILD, name="access_request_member_xor_child"
            )
        ]

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d}"
