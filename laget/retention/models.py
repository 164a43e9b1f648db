"""Retention: the municipality's policy, legal holds, the runs (dry or real) with their reports,
and one record per deletion that says what kind went, how many, and by which rule, never what
it said."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from laget.orgs.models import Municipality

USER = settings.AUTH_USER_MODEL
# Ten years: a longer period is a typing error, not a policy.
MAX_MONTHS = 120


def _months(label: Any, help_text: Any, minimum: int = 1) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        help_text=help_text,
        validators=[MinValueValidator(minimum), MaxValueValidator(MAX_MONTHS)],
    )


class RetentionPolicy(models.Model):
    """How long one municipality keeps what. Made with the defaults of the settings the first
    time it is read (rules.policy_for)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="retention_policy"
    )
    closed_case_months = _months(
        _("Avsluttede stafettlogger (måneder etter avslutning)"),
        _("Så lenge etter at loggen er avsluttet blir den anonymisert."),
    )
    archives_in_laget = models.BooleanField(
        _("Kommunen arkiverer stafettloggene fra Laget"),
        default=True,
        help_text=_(
            "Når dette er på, blir en avsluttet logg bare anonymisert når arkivet har bekreftet "
            "at arkivpakken er mottatt."
        ),
    )
    consent_months = _months(
        _("Samtykker som er trukket, avslått eller utløpt (måneder)"),
        _("Så lenge etter at samtykket sluttet å gjelde blir det slettet."),
    )
    scan_months = _months(
        _("Skannede samtykkeskjema (måneder)"),
        _("Så lenge etter at samtykket sluttet å gjelde blir den skannede kopien slettet."),
        minimum=0,
    )
    notification_months = _months(
        _("Sendte varsler (måneder)"),
        _("Så lenge blir sendte og feilede e-postvarsler (adresse og saksnummer) beholdt."),
        minimum=0,
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("slettepolicy")
        verbose_name_plural = _("slettepolicyer")
        constraints = [
            models.CheckConstraint(
                condition=Q(scan_months__lte=models.F("consent_months")),
                name="retention_scan_before_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}"


class LegalHold(models.Model):
    """A case that must not be deleted or anonymised (a complaint, a court case, an inquiry),
    until the admin releases it. Rows are kept after release: who held and released, when."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(_("begrunnelse"), max_length=300)
    set_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()
    released_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(released_at__isnull=True), name="one_active_hold"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.case_id}"


class RunStatus(models.TextChoices):
    DONE = "done", _("Fullført")
    WAITING = "waiting", _("Venter på godkjent tørrkjøring")
    FAILED = "failed", _("Feilet, ingenting slettet")


class RetentionRun(models.Model):
    """One run for one municipality: a dry run lists what would go, a real run what went. The
    report holds kinds, counts, rules and ids or reference numbers, never names or text."""

    # Null: the installation's own part (sessions and API tokens), which no municipality owns.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, related_name="retention_runs"
    )
    dry_run = models.BooleanField()
    started_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=RunStatus.choices)
    # [{"kind", "rule", "count", "ids"}, ...] and the blocked: [{"kind", "reason", "ids"}].
    report = models.JSONField(default=dict)
    error = models.CharField(max_length=200, blank=True)
    approved_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True) | Q(dry_run=True, status="done"),
                name="retention_only_dry_runs_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.started_at:%Y-%m-%d}"

    @property
    def items(self) -> list[dict]:
        return list(self.report.get("items", []))

    @property
    def blocked(self) -> list[dict]:
        return list(self.report.get("blocked", []))

    @property
    def total(self) -> int:
        return sum(item["count"] for item in self.items)


class DeletionRecord(models.Model):
    """What a real run deleted or anonymised: the kind, how many, the rule. No content."""

    run = models.ForeignKey(RetentionRun, on_delete=models.PROTECT, related_name="deletions")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    rule = models.CharField(max_length=40)
    count = models.PositiveIntegerField()
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "kind"]

    def __str__(self) -> str:
        return f"{self.kind} {self.count}"
