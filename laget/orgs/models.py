from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    number = models.CharField(_("kommunenummer"), max_length=4, unique=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    level0_deadline_days = models.PositiveSmallIntegerField(
        _("frist for å avgjøre en undring (dager)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    # Staff who sign in with a password must give a code from an authenticator too
    # (laget/signin/second_factor.py); a sign-in through the identity provider is not affected.
    require_second_factor = models.BooleanField(_("krev tofaktorinnlogging"), default=False)

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    HEALTH_CLINIC = "health_clinic", _("Helsestasjon")
    KINDERGARTEN = "kindergarten", _("Barnehage")
    SCHOOL = "school", _("Skole")
    AFTER_SCHOOL = "after_school", _("SFO")
    CHILD_WELFARE = "child_welfare", _("Barneverntjeneste")
    PPT = "ppt", _("PPT")
    NAV = "nav", _("NAV")
    MENTAL_HEALTH = "mental_health", _("Kommunal psykisk helse")
    SPECIALIST = "specialist", _("Spesialisthelsetjeneste")
    OTHER = "other", _("Annet")


class Unit(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="units")
    name = models.CharField(_("navn"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=UnitKind.choices)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unit_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Ansatt")
    UNIT_LEADER = "unit_leader", _("Enhetsleder")
    COORDINATOR = "coordinator", _("Kommunal koordinator")
    ADMIN = "admin", _("Kommunal administrator")
    # Reviews who was given access to what; reads no case content.
    PRIVACY_OFFICER = "privacy_officer", _("Personvernombud")
    # Receives the closed logs' archive packages for the municipality's archive (Noark 5);
    # reads no case content in Laget.
    ARCHIVIST = "archivist", _("Arkivar")


UNIT_ROLES = (Role.EMPLOYEE, Role.UNIT_LEADER)
MUNICIPAL_ROLES = (Role.COORDINATOR, Role.ADMIN, Role.PRIVACY_OFFICER, Role.ARCHIVIST)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def effective(self) -> "MembershipQuerySet":
        """Memberships that count for access today: the membership and its user are active, it
        is not waiting for a second person's acceptance, and a unit membership's unit is active
        too. Every access rule that goes through a membership (the staff profile, a personal
        participation in a case) asks here."""
        return self.filter(is_active=True, pending=False, user__is_active=True).exclude(
            unit__isnull=False, unit__is_active=False
        )


class Membership(models.Model):
    """A staff user's place in the municipality: a unit role, or a municipality-wide role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    title = models.CharField(_("stilling"), max_length=100, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Separation of duties: a unit membership given by someone who does not lead the unit (the
    # municipal admin) waits until a second person accepts it (orgs.services). The default
    # keeps rows made directly (tests, demo data) counting.
    pending = models.BooleanField(_("venter på godkjenning"), default=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Ended, or declined while pending (is_active=False with pending=True): the row stays,
    # for the review of who had access when.
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in UNIT_ROLES], unit__isnull=False)
                | Q(role__in=[r.value for r in MUNICIPAL_ROLES], unit__isnull=True),
                name="membership_unit_matches_role",
            ),
            # Only a unit membership waits for acceptance: a municipal role reads no case.
            models.CheckConstraint(
                condition=Q(pending=False) | Q(unit__isnull=False),
                name="membership_pending_only_in_a_unit",
            ),
            # Ended rows stay for the review of grants, so a person can be given the same role
            # again later: unique among the active rows only.
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=Q(unit__isnull=False, is_active=True),
                name="membership_unit_role_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "municipality", "role"],
                condition=Q(unit__isnull=True, is_active=True),
                name="membership_municipal_role_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.unit or self.municipality}"

    @property
    def state(self) -> str:
        """For the staff list and the review of grants."""
        if self.is_active:
            return MembershipState.PENDING if self.pending else MembershipState.ACTIVE
        return MembershipState.DECLINED if self.pending else MembershipState.ENDED

    def get_state_display(self) -> str:
        return str(MembershipState(self.state).label)


class MembershipState(models.TextChoices):
    """Not stored: read from is_active and pending (Membership.state)."""

    PENDING = "pending", _("Venter på godkjenning")
    ACTIVE = "active", _("Aktiv")
    DECLINED = "declined", _("Avslått")
    ENDED = "ended", _("Avsluttet")
