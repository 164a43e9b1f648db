"""The stafettlogg: a case, its level history, participants, measures, entries and meetings.

What people write here (entries, measures, meetings, reasons, notes, a case's label) is
encrypted in the database (laget.lib.crypto); levels, dates, kinds and statuses are not: the
figures and the access rules count and filter by them, and they name nobody."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import (
    Arena,
    Audience,
    Decision,
    EntryKind,
    LegalBasis,
    Level,
    MeasureStatus,
    MeetingKind,
    MeetingStatus,
    Outcome,
    ParticipantRole,
    Recurrence,
    Response,
)
from laget.lib.crypto import EncryptedCharField, EncryptedTextField
from laget.lib.practice import PRACTICE_ID_FLOOR
from laget.orgs.models import Municipality, Unit
from laget.people.models import Guardian, Subject

USER = settings.AUTH_USER_MODEL

MSG_EVALUATION_BEFORE_START = _("Evalueringsdatoen kan ikke være før startdatoen.")
MSG_NEEDS_SUBJECT_OR_LABEL = _("Gi saken en merkelapp, eller knytt den til en person.")
MSG_UNIT_OTHER_MUNICIPALITY = _("Enheten hører til en annen kommune.")
MSG_OUTCOME_NEEDS_TEXT = _("Skriv kort hva evalueringen viste.")
MSG_EVALUATED_BEFORE_START = _("Et tiltak kan ikke evalueres før det har startet.")
MSG_NEXT_EVALUATION_REQUIRED = _("Når tiltaket fortsetter, velg datoen for neste evaluering.")
MSG_NEXT_EVALUATION_NOT_AFTER = _("Neste evaluering må være etter denne evalueringen.")
# How the log names an author from the family, after their name.
AUTHOR_GUARDIAN = _("foresatt")
AUTHOR_CHILD = _("barnet selv")
# What an evaluation that continues the measure decided.
EVALUATION_CONTINUES = _("Fortsetter")


def _text_validators() -> list[MaxLengthValidator]:
    return [MaxLengthValidator(settings.LAGET_MAX_TEXT)]


class Versioned(models.Model):
    """Optimistic locking: a save names the version it started from (see lib.concurrency)."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class RealCaseManager(models.Manager["Case"]):
    """Case.objects: real cases only. Every list, figure, export and job that starts from
    Case.objects (and every reverse relation, e.g. unit.responsible_cases) leaves practice
    cases out without asking; code that must see one says so with Case.all_objects."""

    def get_queryset(self) -> models.QuerySet["Case"]:
        return super().get_queryset().filter(is_practice=False)


class Case(Versioned):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="cases")
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    # A level-0 worry may start de-identified; the label is then all there is.
    label = EncryptedCharField(_("merkelapp"), max_length=80, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="responsible_cases",
        verbose_name=_("ansvarlig enhet"),
    )
    level = models.PositiveSmallIntegerField(_("nivå"), choices=Level.choices, default=0)
    opened_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    level0_due = models.DateField(_("frist for å avgjøre undringen"), null=True, blank=True)
    level0_decided_at = models.DateTimeField(null=True, blank=True)
    needs_individual_plan = models.BooleanField(_("behov for individuell plan"), default=False)
    # The step of the municipality's action guide the case is at, within its level; empty: the
    # level's first step. Reset when the level changes.
    guide_step = models.SlugField(_("trinn i veilederen"), max_length=80, blank=True)
    closed_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    close_reason = EncryptedTextField(_("begrunnelse for avslutning"), blank=True)
    closed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set by retention (laget/retention) when the closed log was stripped to what the figures
    # count: nobody is named in it any more, and it is no longer shown as a log.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A fictional case in someone's practice area (laget/practice): numbered from
    # PRACTICE_ID_FLOOR, read by its owner only, never in a list, figure, export, e-mail or the
    # access log (laget/lib/practice.py).
    is_practice = models.BooleanField(default=False, editable=False)
    practice_owner = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )

    # The first manager is the default one: real cases only. The base manager (related
    # objects, saves) stays Django's plain one, so an entry's case is found either way.
    objects = RealCaseManager()
    all_objects: models.Manager["Case"] = models.Manager()

    class Meta:
        verbose_name = _("stafettlogg")
        verbose_name_plural = _("stafettlogger")
        default_manager_name = "objects"
        constraints = [
            # A practice case is numbered in the practice range and has an owner; a real case
            # neither.
            models.CheckConstraint(
                condition=Q(
                    is_practice=False, practice_owner__isnull=True, id__lt=PRACTICE_ID_FLOOR
                )
                | Q(is_practice=True, practice_owner__isnull=False, id__gte=PRACTICE_ID_FLOOR),
                name="case_practice_range",
            ),
            models.CheckConstraint(condition=Q(level__gte=0, level__lte=3), name="case_level_0_3"),
            models.CheckConstraint(
                condition=Q(subject__isnull=False) | ~Q(label=""), name="case_subject_or_label"
            ),
            # People belong to the case: a person record (and so its guardians) is never
            # shared between cases.
            models.UniqueConstraint(
                fields=["subject"], condition=Q(subject__isnull=False), name="case_own_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    def clean(self) -> None:
        if self.subject_id is None and not self.label:
            raise ValidationError({"label": MSG_NEEDS_SUBJECT_OR_LABEL})
        if (
            self.unit_id
            and self.municipality_id
            and self.unit.municipality_id != self.municipality_id
        ):
            raise ValidationError({"unit": MSG_UNIT_OTHER_MUNICIPALITY})

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def display_name(self) -> str:
        return self.subject.full_name if self.subject else self.label

    @property
    def level0_overdue(self) -> bool:
        return (
            self.level == 0
            and self.level0_decided_at is None
            and self.closed_at is None
            and self.level0_due is not None
            and self.level0_due < timezone.localdate()
        )


class LevelChange(models.Model):
    """A decision about the case: opened, level changed, reported to child welfare, closed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="level_changes")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    from_level = models.PositiveSmallIntegerField(choices=Level.choices, null=True)
    to_level = models.PositiveSmallIntegerField(choices=Level.choices)
    reason = EncryptedTextField(_("begrunnelse"), validators=_text_validators())
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} → {self.to_level}"


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def active(self) -> "ParticipantQuerySet":
        return self.filter(left_at__isnull=True)

    def granting_access(self, today: datetime.date | None = None) -> "ParticipantQuerySet":
        """Active rows whose legal basis holds today: a statute from the list, or a consent
        that is given, not expired, and names the participant's unit. A person takes part only
        while the membership they were added through (that user in that unit) still counts: a
        move to another unit, an ended membership or a deactivated user ends the access at
        once. Every access decision passes through here."""
        from laget.consent.models import Consent, in_force_q
        from laget.family.choices import ProposalAnswer
        from laget.family.models import ParticipantAnswer
        from laget.orgs.models import Membership

        named = Consent.units.through.objects.filter(
            consent_id=OuterRef("consent_id"), unit_id=OuterRef("unit_id")
        )
        # A statute counts by its key in the list (cases.statutes), never by free text.
        statute = Q(legal_basis=LegalBasis.STATUTE) & ~Q(statute_key="")
        consent = (
            Q(legal_basis=LegalBasis.CONSENT, consent__case_id=F("case_id"))
            & in_force_q("consent__", today)
            & Q(Exists(named))
        )
        membership = Membership.objects.effective().filter(
            user_id=OuterRef("user_id"), unit_id=OuterRef("unit_id")
        )
        through_unit = Q(user__isnull=True) | Q(Exists(membership))
        # The family chooses who takes part: one they declined never reads on their consent.
        declined = ParticipantAnswer.objects.filter(
            participant_id=OuterRef("pk"), answer=ProposalAnswer.DECLINED
        )
        consent &= ~Q(Exists(declined))
        return self.active().filter(statute | consent).filter(through_unit)


class Participant(models.Model):
    """A unit, or a person acting for a unit, taking part in a case on a stated legal basis."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # Null: the unit as a whole takes part (its members read the case for that role).
    user = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(
        _("rolle"),
        max_length=20,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
    )
    legal_basis = models.CharField(_("rettsgrunnlag"), max_length=10, choices=LegalBasis.choices)
    # The reference as it read when the participant joined, for display and history; filled
    # from the chosen statute or consent, never typed.
    basis_ref = models.CharField(
        _("henvisning"),
        max_length=200,
        help_text=_("Lovhjemmelen (f.eks. barnevernsloven § 13-2); for samtykke dets referanse."),
    )
    # The key of the statute in the municipality's list (cases.statutes); blank for a consent.
    statute_key = models.CharField(_("lovhjemmel"), max_length=60, blank=True)
    # Set when the legal basis is a consent: access lasts while that consent is in force.
    consent = models.ForeignKey(
        "consent.Consent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(role="stafettholder", left_at__isnull=True),
                name="one_active_stafettholder",
            ),
            models.CheckConstraint(
                condition=~Q(role="stafettholder") | Q(user__isnull=False),
                name="stafettholder_is_a_person",
            ),
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(left_at__isnull=True, user__isnull=False),
                name="participant_person_active_unique",
            ),
            models.UniqueConstraint(
                fields=["case", "unit"],
                condition=Q(left_at__isnull=True, user__isnull=True),
                name="participant_unit_active_unique",
            ),
            models.CheckConstraint(
                condition=Q(legal_basis=LegalBasis.STATUTE) | Q(statute_key=""),
                name="participant_statute_key_only_for_statute",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.user_id:
            return f"{self.user.display_name} ({self.unit.name})"  # type: ignore[union-attr]
        return self.unit.name

    @property
    def is_active(self) -> bool:
        return self.left_at is None

    @property
    def basis_label(self) -> str:
        """The basis as staff and family read it: a statute's reference and what it allows,
        or the consent's reference."""
        from laget.cases.statutes import statute  # statutes reads LocalStatute from here

        found = statute(self.case.municipality_id, self.statute_key) if self.statute_key else None
        return found.label if found is not None else self.basis_ref


class LocalStatute(models.Model):
    """A statute the municipality adds to the national list (cases.statutes), with the reason
    for it. Rows are not changed or deleted: participants joined on them."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="local_statutes"
    )
    key = models.SlugField(_("nøkkel"), max_length=60)
    reference = models.CharField(
        _("lovhenvisning"), max_length=200, help_text=_("For eksempel «Forskrift om … § 3».")
    )
    title = models.CharField(
        _("hva den gir adgang til"),
        max_length=200,
        help_text=_("Én kort setning i klarspråk; familien ser den ved siden av henvisningen."),
    )
    unit_kinds = models.JSONField(_("typer tjenester"), default=list)
    reason = models.TextField(_("begrunnelse"), validators=_text_validators())
    created_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lokal lovhjemmel")
        verbose_name_plural = _("lokale lovhjemler")
        ordering = ["reference", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="local_statute_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class BatonHandover(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    from_participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = EncryptedTextField(_("notat"), blank=True, validators=_text_validators())
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d}"


class Meeting(Versioned):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(
        _("type"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.COORDINATION
    )
    starts_at = models.DateTimeField(_("tidspunkt"))
    place = EncryptedCharField(_("sted"), max_length=200, blank=True)
    video_url = models.URLField(_("videolenke"), blank=True)
    agenda = EncryptedTextField(_("saksliste"), blank=True, validators=_text_validators())
    minutes = EncryptedTextField(_("referat"), blank=True, validators=_text_validators())
    # The child's own view, asked before the meeting (in the child's words).
    child_view = EncryptedTextField(_("barnets syn"), blank=True, validators=_text_validators())
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # The meeting this one was set up to follow up: every meeting leaves a visible next step.
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("oppfølging av"),
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Marked ready by whoever prepares it; only with every interpreter it needs booked
    # (laget.cases.interpreters).
    ready_at = models.DateTimeField(null=True, blank=True)
    ready_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"

    def interpreters_for(self, recipient: str, *, family: bool) -> tuple[list[str], list[str]]:
        """The interpreter languages an invitation to `recipient` names, booked and not booked:
        for staff every need at the meeting, for a family member only their own (what the
        invitation may say; laget.cases.interpreters)."""
        from laget.cases.interpreters import interpreter_summary  # the rule imports the models

        attendees = self.attendees.select_related("guardian")
        if family:
            address = recipient.strip().lower()
            chosen = [
                a for a in attendees if a.guardian and a.guardian.email.strip().lower() == address
            ]
            return interpreter_summary(chosen)
        return interpreter_summary(attendees)


class MeetingAttendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    guardian = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.INVITED)
    # The interpreter booked for this family member (a language code, or sign language; empty:
    # none booked). Booked for another language than the member needs is not booked.
    interpreter_booked = models.CharField(max_length=10, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=False, guardian__isnull=True)
                | Q(participant__isnull=True, guardian__isnull=False),
                name="attendee_participant_xor_guardian",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.participant_id:
            return self.participant.label  # type: ignore[union-attr]
        return f"{self.guardian.name} ({_('foresatt')})"  # type: ignore[union-attr]


class Measure(Versioned):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    title = EncryptedCharField(_("tiltak"), max_length=200)
    goal = EncryptedTextField(_("mål"), validators=_text_validators())
    arena = models.CharField(_("arena"), max_length=20, choices=Arena.choices)
    # Blank for a measure done once or for a period; else how often it happens.
    recurrence = models.CharField(
        _("gjentas"), max_length=20, choices=Recurrence.choices, blank=True
    )
    responsible = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="measures", verbose_name=_("ansvarlig")
    )
    start_date = models.DateField(_("startdato"))
    # When the measure is next evaluated: set when it is made, and moved on by an evaluation
    # that continues it. The evaluations themselves are MeasureEvaluation rows.
    evaluation_date = models.DateField(_("evalueringsdato"))
    status = models.CharField(
        _("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    # The child's own view of the measure (in the child's words).
    child_view = EncryptedTextField(_("barnets syn"), blank=True, validators=_text_validators())
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decided_measures",
        verbose_name=_("vedtatt i møte"),
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["evaluation_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(evaluation_date__gte=models.F("start_date")),
                name="measure_evaluation_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.evaluation_date and self.evaluation_date < self.start_date:
            raise ValidationError({"evaluation_date": MSG_EVALUATION_BEFORE_START})

    @property
    def is_in_follow_up(self) -> bool:
        """Planned or going on: it has an evaluation date ahead, or one that has passed."""
        return self.status in OPEN_MEASURE_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_in_follow_up and self.evaluation_date < today


# A measure in these is followed up: its evaluation date is the next one due. An evaluation
# that completes or stops it takes it out; one that continues it sets the next date.
OPEN_MEASURE_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.ACTIVE)


class MeasureEvaluation(models.Model):
    """One evaluation of a measure: on which day, whether it worked, what it showed, who
    evaluated it and what was decided. A measure keeps every evaluation; readers show them
    newest first."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("evaluert dato"))
    # The evaluation date the measure had when this evaluation was made (for "on time").
    due_on = models.DateField(_("skulle evalueres"))
    outcome = models.CharField(_("resultat"), max_length=10, choices=Outcome.choices)
    text = EncryptedTextField(_("hva evalueringen viste"), validators=_text_validators())
    # What was decided: the measure continues (active), is completed or is stopped.
    status = models.CharField(_("tiltaket nå"), max_length=10, choices=MeasureStatus.choices)
    next_evaluation_on = models.DateField(_("neste evaluering"), null=True, blank=True)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    # The unit the author evaluated for (null only for evaluations moved from before units
    # were recorded with them).
    author_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-evaluated_on", "-created_at", "-id"]
        verbose_name = _("evaluering")
        verbose_name_plural = _("evalueringer")
        constraints = [
            # Required when the measure continues (clean(), the service); evaluations moved
            # from before the rule may lack it.
            models.CheckConstraint(
                condition=Q(next_evaluation_on__isnull=True)
                | Q(next_evaluation_on__gt=models.F("evaluated_on")),
                name="evaluation_next_after_evaluated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.evaluated_on:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not self.text.strip():
            errors["text"] = MSG_OUTCOME_NEEDS_TEXT
        start = self.measure.start_date if self.measure_id else None
        if start and self.evaluated_on and self.evaluated_on < start:
            errors["evaluated_on"] = MSG_EVALUATED_BEFORE_START
        if self.status == MeasureStatus.ACTIVE:
            if self.next_evaluation_on is None:
                errors["next_evaluation_on"] = MSG_NEXT_EVALUATION_REQUIRED
            elif self.evaluated_on and self.next_evaluation_on <= self.evaluated_on:
                errors["next_evaluation_on"] = MSG_NEXT_EVALUATION_NOT_AFTER
        if errors:
            raise ValidationError(errors)

    @property
    def continues(self) -> bool:
        return self.status == MeasureStatus.ACTIVE

    @property
    def decision_label(self) -> str:
        """What the evaluation decided, as the readers say it."""
        return str(EVALUATION_CONTINUES if self.continues else self.get_status_display())

    @property
    def author_label(self) -> str:
        if self.author_unit_id:
            return f"{self.author.display_name}, {self.author_unit.name}"  # type: ignore[union-attr]
        return self.author.display_name


class Entry(Versioned):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("type"), max_length=20, choices=EntryKind.choices)
    text = EncryptedTextField(_("tekst"), validators=_text_validators())
    audience = models.CharField(_("hvem kan lese"), max_length=20, choices=Audience.choices)
    # Who wrote it: a staff member for their unit, or the family in the portal (a guardian, or
    # the child from the age limit). Exactly one of the three says in which capacity.
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    author_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_guardian = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_is_child = models.BooleanField(default=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("loggføring")
        verbose_name_plural = _("loggføringer")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    author_unit__isnull=False, author_guardian__isnull=True, author_is_child=False
                )
                | Q(author_unit__isnull=True, author_guardian__isnull=False, author_is_child=False)
                | Q(author_unit__isnull=True, author_guardian__isnull=True, author_is_child=True),
                name="entry_author_staff_guardian_or_child",
            ),
            # What the family writes is for everyone in the case.
            models.CheckConstraint(
                condition=Q(author_unit__isnull=False) | Q(audience=Audience.ALL),
                name="entry_from_family_for_all",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"

    @property
    def is_from_family(self) -> bool:
        return self.author_unit_id is None

    @property
    def author_label(self) -> str:
        """The author as the log shows them: name and unit, or name and place in the family."""
        if self.author_guardian_id:
            return f"{self.author_guardian.name} ({AUTHOR_GUARDIAN})"  # type: ignore[union-attr]
        if self.author_is_child:
            return f"{self.author.display_name} ({AUTHOR_CHILD})"
        return f"{self.author.display_name}, {self.author_unit.name}"  # type: ignore[union-attr]


class Transition(models.Model):
    """A handover from one unit to another, e.g. kindergarten → school, with its meeting."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("dato for overgangen"))
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="transition")
    note = EncryptedTextField(_("notat"), blank=True, validators=_text_validators())
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_unit=models.F("to_unit")), name="transition_two_units"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit}"


class SameChildNotice(models.Model):
    """Another service opened a concern about the same child (the same national id) while this
    log is open. It names that unit and the day, nothing else, and the opener is told nothing
    about this log: the stafettholder decides whether to invite the unit."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="same_child_notices")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "unit"],
                condition=Q(handled_at__isnull=True),
                name="same_child_notice_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.at:%Y-%m-%d}"
