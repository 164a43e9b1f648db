"""The program and competence registry: programs, practitioners, qualifications, training,
families reached, and each municipality's agreement and implementation phases.

Regions are the text in Municipality.region (e.g. "Øst"). Practitioners are identified by an
external reference (`ref`, unique), never a national id: the registry counts competence, it
holds no case data.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL

# The years the registry's forms and API accept (activity years, courses).
YEAR_MIN = 1990
YEAR_MAX = 2100


class Program(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=200)
    owner = models.CharField(_("programeier"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Intervention(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="interventions")
    slug = models.SlugField()
    name = models.CharField(_("navn"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    # When the intervention is planned to start: a year, a half of it (V/H), or a day
    # (laget/registry/planned.py reads and writes "våren 2018", "2018", "15.08.2018").
    planned_year = models.PositiveSmallIntegerField(_("planlagt år"), null=True, blank=True)
    planned_term = models.CharField(
        _("planlagt halvår"), max_length=1, choices=[("V", "V"), ("H", "H")], blank=True
    )
    planned_on = models.DateField(_("planlagt dato"), null=True, blank=True)

    class Meta:
        ordering = ["program", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "slug"], name="intervention_slug_unique"),
            # A day, or a year (with or without its half), or nothing.
            models.CheckConstraint(
                condition=Q(planned_on__isnull=True, planned_term="")
                | Q(planned_on__isnull=True, planned_year__isnull=False)
                | Q(planned_on__isnull=False, planned_year__isnull=True, planned_term=""),
                name="intervention_planned_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class QualificationKind(models.TextChoices):
    CERTIFIED = "certified", _("Sertifisert terapeut/utøver")
    GROUP_LEADER = "group_leader", _("Gruppeleder")
    COURSE_HOLDER = "course_holder", _("Kursholder")
    SUPERVISOR = "supervisor", _("Veileder")
    PRACTITIONER = "practitioner", _("Utøver")


class QualificationType(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="qualification_types"
    )
    slug = models.SlugField()
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=QualificationKind.choices)
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="qualification_types",
    )
    # What keeping the qualification takes, per period (e.g. 5 families a year, supervision).
    min_families = models.PositiveSmallIntegerField(
        _("minste antall familier"), null=True, blank=True
    )
    period_months = models.PositiveSmallIntegerField(_("periode (måneder)"), null=True, blank=True)
    min_supervision_hours = models.PositiveSmallIntegerField(
        _("minste veiledning (timer)"), null=True, blank=True
    )
    # Training in Laget the qualification requires (laget/registry/requirements.py): one of
    # the national set, since a program's qualification spans municipalities.
    required_training = models.ForeignKey(
        "training.TrainingItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("krever opplæringen"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["program", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "slug"], name="qualification_type_slug_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Practitioner(models.Model):
    ref = models.CharField(_("referanse"), max_length=40, unique=True)
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("etternavn"), max_length=100)
    email = models.EmailField(_("e-post"), blank=True)
    # Employed by a municipality (and maybe a unit of it), or by a state/specialist service
    # serving municipalities (employer_name, region).
    municipality = models.ForeignKey(
        "orgs.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practitioners",
    )
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    employer_name = models.CharField(_("arbeidsgiver"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=100)
    # The practitioner's own account in Laget, when they have one: what a qualification's
    # required training is checked against (laget/registry/requirements.py). Many
    # practitioners work where Laget is not used; without a link nothing can be checked.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruker i Laget"),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            # A Laget user is one practitioner (laget/registry/user_links.py).
            models.UniqueConstraint(
                fields=["user"], condition=Q(user__isnull=False), name="practitioner_one_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Qualification(models.Model):
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="qualifications"
    )
    type = models.ForeignKey(
        QualificationType, on_delete=models.PROTECT, related_name="qualifications"
    )
    obtained_on = models.DateField(_("oppnådd"))
    expires_on = models.DateField(_("utløper"), null=True, blank=True)
    course = models.ForeignKey(
        "Course", on_delete=models.SET_NULL, null=True, blank=True, related_name="granted"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practitioner", "type"], name="qualification_unique")
        ]

    def __str__(self) -> str:
        return f"{self.practitioner} – {self.type}"


class ActivityYear(models.Model):
    """Whether a practitioner was active in the program a year, and why they left."""

    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField()
    active = models.BooleanField(default=True)
    reason_left = models.CharField(_("grunn til å slutte"), max_length=200, blank=True)
    families = models.PositiveSmallIntegerField(_("familier"), default=0)
    supervision_hours = models.PositiveSmallIntegerField(_("veiledning (timer)"), default=0)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["practitioner", "year"], name="activity_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.practitioner} {self.year}"

    @staticmethod
    def lacks_reason(active: bool, reason_left: str) -> bool:
        """A year the practitioner was not active needs the reason they left (the form, the
        API and the import all ask this)."""
        return not active and not reason_left.strip()


class Term(models.TextChoices):
    SPRING = "V", _("vår")
    AUTUMN = "H", _("høst")


class CourseStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    RUNNING = "running", _("Pågår")
    COMPLETED = "completed", _("Fullført")


class Course(models.Model):
    """Training for a qualification in a term; completing it grants the qualification."""

    qualification_type = models.ForeignKey(
        QualificationType, on_delete=models.PROTECT, related_name="courses"
    )
    year = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=1, choices=Term.choices)
    status = models.CharField(
        max_length=10, choices=CourseStatus.choices, default=CourseStatus.PLANNED
    )
    region = models.CharField(_("region"), max_length=100)
    municipality = models.ForeignKey(
        "orgs.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)
    registration_deadline = models.DateField(_("påmeldingsfrist"), null=True, blank=True)
    participants: "models.ManyToManyField[Practitioner, CourseParticipant]" = (
        models.ManyToManyField(Practitioner, through="CourseParticipant", related_name="courses")
    )

    class Meta:
        ordering = ["-year", "term"]

    def __str__(self) -> str:
        return f"{self.qualification_type} {self.year}{self.term}"


class CourseParticipant(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE)
    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE)
    completed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "practitioner"], name="course_participant_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.practitioner} @ {self.course}"


class CountKind(models.TextChoices):
    REGISTERED = "registered", _("Registrert")
    ESTIMATED = "estimated", _("Anslått")


class FamiliesReached(models.Model):
    """Families an intervention reached in a municipality in a year: a registered count
    (or one linked to a case) or an estimate, kept apart."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="families"
    )
    municipality = models.ForeignKey(
        "orgs.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=CountKind.choices, default=CountKind.REGISTERED)
    count = models.PositiveIntegerField()
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "municipality", "year", "kind"],
                condition=Q(case__isnull=True),
                name="families_count_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.intervention} {self.municipality} {self.year}: {self.count}"


class Phase(models.TextChoices):
    EXPLORATION = "exploration", _("Utforskning")
    ESTABLISHMENT = "establishment", _("Etablering")
    INTRODUCTION = "introduction", _("Innføring")
    OPERATION = "operation", _("Drift")


class Agreement(models.Model):
    """The municipality's intention agreement for a program."""

    municipality = models.ForeignKey(
        "orgs.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="agreements")
    signed_on = models.DateField(_("inngått"))
    parties = models.TextField(_("parter"))
    intermunicipal = models.BooleanField(_("interkommunalt samarbeid"), default=False)
    steering_group = models.TextField(_("styringsgruppe"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "program"], name="agreement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.program} – {self.municipality}"


class PhaseEntry(models.Model):
    """The date a municipality entered a phase of implementing a program."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(max_length=20, choices=Phase.choices)
    entered_on = models.DateField()

    class Meta:
        ordering = ["entered_on"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "phase"], name="phase_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.phase}"


class RegistryRoleKind(models.TextChoices):
    PROGRAM_ADMIN = "program_admin", _("Programadministrator")
    REGIONAL = "regional", _("Regional koordinator")
    MUNICIPAL = "municipal", _("Kommunal registrator")


class RegistryRole(models.Model):
    """Who sees which part of the registry: everything, a region, or one municipality."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="registry_roles")
    kind = models.CharField(max_length=20, choices=RegistryRoleKind.choices)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=100, blank=True)
    municipality = models.ForeignKey(
        "orgs.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="program_admin", region="", municipality__isnull=True)
                | Q(kind="regional", municipality__isnull=True) & ~Q(region="")
                | Q(kind="municipal", region="", municipality__isnull=False),
                name="registry_role_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region or self.municipality or ''}".strip()
