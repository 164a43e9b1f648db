"""The individual plan: the decision that the child has a right to one, the statutory
coordinator, and the handover of the log to the plan's system.

Rows are never edited in place: a corrected or withdrawn decision and a replaced coordinator
keep their row with the end recorded, so the history reads as it happened. Who the decision
was made by and its grounds are encrypted (laget.lib.crypto); dates and the statute are not."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.cases.models import Case, Participant
from laget.lib.crypto import EncryptedCharField, EncryptedTextField
from laget.plans.choices import DecisionEnd, PlanStatute

USER = settings.AUTH_USER_MODEL


def _text_validators() -> list[MaxLengthValidator]:
    return [MaxLengthValidator(settings.LAGET_MAX_TEXT)]


class PlanDecision(models.Model):
    """«Barnet har rett til individuell plan»: decided by a service (often outside Laget),
    recorded here by whoever coordinates the case. A case has at most one current decision."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_decisions")
    decided_on = models.DateField(_("vedtaksdato"))
    # The person, role or office that made the decision, as written on it.
    decided_by = EncryptedCharField(_("vedtatt av"), max_length=200)
    statute = models.CharField(_("lovhjemmel"), max_length=30, choices=PlanStatute.choices)
    # The reference when the statute is "other"; a legal reference, never personal data.
    statute_other = models.CharField(_("annen lovhenvisning"), max_length=200, blank=True)
    grounds = EncryptedTextField(_("begrunnelse"), validators=_text_validators())
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # The decision this one corrects.
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_kind = models.CharField(max_length=10, choices=DecisionEnd.choices, blank=True)
    end_reason = EncryptedTextField(_("begrunnelse"), blank=True, validators=_text_validators())

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("vedtak om individuell plan")
        verbose_name_plural = _("vedtak om individuell plan")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_at__isnull=True), name="plan_one_decision"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, end_kind="")
                | Q(ended_at__isnull=False, ended_by__isnull=False) & ~Q(end_kind=""),
                name="plan_decision_end_complete",
            ),
            models.CheckConstraint(
                condition=Q(statute=PlanStatute.OTHER, statute_other__gt="")
                | (~Q(statute=PlanStatute.OTHER) & Q(statute_other="")),
                name="plan_decision_other_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decided_on:%Y-%m-%d}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    @property
    def statute_label(self) -> str:
        if self.statute == PlanStatute.OTHER:
            return self.statute_other
        return str(self.get_statute_display())


class PlanCoordinator(models.Model):
    """The statutory coordinator (helse- og omsorgstjenesteloven § 7-2): a person taking part
    in the case, named from a date. Not the stafettholder's role, though one person may hold
    both. The current row is the one not ended; it counts only while its participation does
    (see `is_active`): a coordinator who leaves the case leaves it without one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_coordinators")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    from_date = models.DateField(_("koordinator fra"))
    named_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    named_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-named_at", "-id"]
        verbose_name = _("koordinator")
        verbose_name_plural = _("koordinatorer")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_at__isnull=True), name="plan_one_coordinator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_date:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None and self.participant.left_at is None

    @property
    def until(self) -> object:
        """When the coordinator stopped: replaced, or left the case, whichever came first."""
        ends = [t for t in (self.ended_at, self.participant.left_at) if t is not None]
        return min(ends) if ends else None


class PlanHandover(models.Model):
    """The log continued in an individual plan: closed with that reason, the coordinator
    named, and the handover package (laget.plans.package) produced for the plan's system."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan_handover")
    decision = models.ForeignKey(PlanDecision, on_delete=models.PROTECT, related_name="+")
    coordinator = models.ForeignKey(PlanCoordinator, on_delete=models.PROTECT, related_name="+")
    handed_over_at = models.DateTimeField(default=timezone.now)
    handed_over_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    # A word to the plan's coordinator, carried in the package.
    note = EncryptedTextField(_("merknad"), blank=True, validators=_text_validators())

    class Meta:
        verbose_name = _("overlevering til individuell plan")
        verbose_name_plural = _("overleveringer til individuell plan")

    def __str__(self) -> str:
        return f"{self.handed_over_at:%Y-%m-%d}"
