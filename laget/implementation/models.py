"""Implementation plans: phase models, a municipality's plan for a program and what it tracks.

Phase models (BTI, TIBIR, or the municipality's own) are rows, not code, so a municipality can
add one. The stages of implementation completion (SIC) are data in `sic_data.py`; a plan only
stores the date each of their activities was completed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseModel(models.Model):
    """An ordered set of phases, e.g. BTI's prepare → plan → implement → sustain."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=100)
    # Null: shipped for every municipality; otherwise the municipality's own.
    municipality = models.ForeignKey(
        "orgs.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PhaseDefinition(models.Model):
    model = models.ForeignKey(PhaseModel, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField()
    slug = models.SlugField()
    name = models.CharField(_("navn"), max_length=100)

    class Meta:
        ordering = ["model", "order"]
        constraints = [
            models.UniqueConstraint(fields=["model", "slug"], name="phase_definition_slug"),
            models.UniqueConstraint(fields=["model", "order"], name="phase_definition_order"),
        ]

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    """A municipality's plan for implementing one program."""

    municipality = models.ForeignKey(
        "orgs.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("navn"), max_length=200)
    # Null for programs not (yet) in the registry, such as BTI.
    program = models.ForeignKey(
        "registry.Program", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    phase_model = models.ForeignKey(PhaseModel, on_delete=models.PROTECT, related_name="plans")
    steering_group = models.TextField(_("styringsgruppe"), blank=True)
    # Opt-in: the plan's stage progress counts, anonymised, in other municipalities' comparison.
    shares_progress = models.BooleanField(_("del fremdriften anonymt"), default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="plan_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class PlanPhase(models.Model):
    """The date the plan entered a phase. The latest is the current phase."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phase_entries")
    phase = models.ForeignKey(PhaseDefinition, on_delete=models.PROTECT, related_name="+")
    entered_on = models.DateField(_("dato"))

    class Meta:
        ordering = ["phase__order"]
        constraints = [models.UniqueConstraint(fields=["plan", "phase"], name="plan_phase_unique")]

    def __str__(self) -> str:
        return f"{self.plan} {self.phase}"


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke startet")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Ferdig")


class Milestone(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("tittel"), max_length=200)
    phase = models.ForeignKey(PhaseDefinition, on_delete=models.PROTECT, related_name="+")
    owner = models.CharField(_("ansvarlig"), max_length=200)
    due_on = models.DateField(_("frist"))
    # "Late" is not stored: it follows from the due date (see status.py).
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.NOT_STARTED,
    )
    done_on = models.DateField(_("ferdig dato"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """Something a unit does to take the program into use."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("tittel"), max_length=200)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    phase = models.ForeignKey(PhaseDefinition, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("frist"), null=True, blank=True)
    done_on = models.DateField(_("ferdig dato"), null=True, blank=True)

    class Meta:
        ordering = ["unit__name", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ChangeAgent(models.Model):
    """An ambassador: the unit's driving force for the program."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agents")
    name = models.CharField(_("navn"), max_length=200)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    since = models.DateField(_("fra"))
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["unit__name", "name"]

    def __str__(self) -> str:
        return self.name


class SteeringMeeting(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("dato"))
    notes = models.TextField(_("referat"), blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan} {self.held_on}"


class Decision(models.Model):
    meeting = models.ForeignKey(SteeringMeeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("vedtak"))
    responsible = models.CharField(_("ansvarlig"), max_length=200, blank=True)
    due_on = models.DateField(_("frist"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:60]


class SicCompletion(models.Model):
    """The date the plan completed one activity of the SIC stages (keys in sic_data.py)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sic_completions")
    activity = models.CharField(max_length=40)
    completed_on = models.DateField(_("fullført"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "activity"], name="sic_completion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.activity}"
