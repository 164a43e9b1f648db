from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from laget.lib.crypto import (
    EncryptedCharField,
    EncryptedEmailField,
    HashedLookups,
    LookupHashField,
    lookup_hash,
)
from laget.lib.languages import FAMILY_LANGUAGE_CHOICES
from laget.orgs.models import Municipality
from laget.people.interpreting import INTERPRETER_CHOICES
from laget.people.interpreting import NONE as NO_INTERPRETER
from laget.people.national_id import validate_national_id


class SubjectKind(models.TextChoices):
    CHILD = "child", _("Barn")
    PREGNANT = "pregnant", _("Gravid")


class ProtectedAddress(models.TextChoices):
    """The population register's address protection (folkeregisteret): the address, and any
    unit that would reveal it, is shown to no one who does not need it."""

    NONE = "", _("Ingen")
    CONFIDENTIAL = "fortrolig", _("Fortrolig adresse")
    STRICTLY_CONFIDENTIAL = "strengt_fortrolig", _("Strengt fortrolig adresse")


class FamilyRole(models.TextChoices):
    """A family member's place in the case. What each may read and do follows from the role
    (laget.family.access), never from a template."""

    GUARDIAN = "guardian", _("Forelder med foreldreansvar")
    GUARDIAN_NO_PR = "guardian_no_pr", _("Foresatt uten foreldreansvar")
    PARENT_NO_PR = "parent_no_pr", _("Forelder uten foreldreansvar")
    FOSTER = "foster", _("Fosterforelder")
    EXPECTING = "expecting", _("Vordende mor")
    PARTNER = "partner", _("Partner til vordende mor")


# The roles that hold parental responsibility (or, before the birth, stand for it).
RESPONSIBLE_ROLES = frozenset({FamilyRole.GUARDIAN, FamilyRole.EXPECTING})


class SubjectQuerySet(models.QuerySet["Subject"]):
    def with_national_id(self, national_id: str) -> "SubjectQuerySet":
        """People with this national id (normalised: digits only), found by its keyed hash:
        the number itself is stored encrypted."""
        return (
            self.filter(national_id_hash=lookup_hash(national_id)) if national_id else self.none()
        )


class LanguageNeeds(models.Model):
    """The language a family member reads, and whether they need an interpreter."""

    # What staff recorded (e-mails, invitations, the copy of the log) until the member chooses
    # a language in the portal: their own choice wins (laget.people.language).
    language = models.CharField(
        _("språk"), max_length=10, choices=FAMILY_LANGUAGE_CHOICES, blank=True
    )
    # The meetings ask for it (laget.cases.interpreters).
    interpreter = models.CharField(
        _("tolk"), max_length=10, choices=INTERPRETER_CHOICES, blank=True, default=NO_INTERPRETER
    )

    class Meta:
        abstract = True


class Subject(HashedLookups, LanguageNeeds):
    """The person a case is about, as that case knows them: a child, or a pregnant woman before
    the birth. One record per case; the same child in two cases is two records.

    Names and the national id are encrypted in the database (laget.lib.crypto); the national id
    is found by its keyed hash. Dates and the kind are not encrypted: the figures count by them.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=10, choices=SubjectKind.choices)
    given_name = EncryptedCharField(_("fornavn"), max_length=100)
    family_name = EncryptedCharField(_("etternavn"), max_length=100)
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    due_date = models.DateField(_("termindato"), null=True, blank=True)
    national_id = EncryptedCharField(
        _("fødselsnummer/D-nummer"),
        max_length=11,
        blank=True,
        validators=[validate_national_id],
    )
    national_id_hash = LookupHashField(source="national_id")
    protected_address = models.CharField(
        _("adressesperre"), max_length=20, choices=ProtectedAddress.choices, blank=True
    )
    # From the population register (laget/folkeregister): the child lives with both parents
    # (delt bosted); None when not known.
    shared_residence = models.BooleanField(_("delt bosted"), null=True, blank=True)
    # The day the register's facts above were read; None when typed by hand.
    register_read_on = models.DateField(_("hentet fra Folkeregisteret"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Filled when the child, from the age limit, logs in to the family portal themselves.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subjects",
    )

    objects = SubjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        # No uniqueness of the national id: a person record belongs to one case (see
        # cases.Case's constraint), so nothing one service records about a child reaches
        # another service's case through a shared record.

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class GuardianQuerySet(models.QuerySet["Guardian"]):
    def with_national_id(self, national_id: str) -> "GuardianQuerySet":
        """Guardian records with this national id (digits only), by its keyed hash."""
        return (
            self.filter(national_id_hash=lookup_hash(national_id)) if national_id else self.none()
        )


class Guardian(HashedLookups, LanguageNeeds):
    """A guardian as recorded in one case (through the case's own person record). Name, contact
    data and national id are encrypted in the database; lists sort by name in Python
    (by_name)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="guardians")
    name = EncryptedCharField(_("navn"), max_length=200)
    relation = models.CharField(_("relasjon"), max_length=50, blank=True)
    role = models.CharField(
        _("rolle i familien"),
        max_length=20,
        choices=FamilyRole.choices,
        default=FamilyRole.GUARDIAN,
    )
    # Kept in step with the role by the services (RESPONSIBLE_ROLES); the figures and older
    # callers read it.
    has_parental_responsibility = models.BooleanField(_("har foreldreansvar"), default=True)
    protected_address = models.CharField(
        _("adressesperre"), max_length=20, choices=ProtectedAddress.choices, blank=True
    )
    phone = EncryptedCharField(_("telefon"), max_length=32, blank=True)
    email = EncryptedEmailField(_("e-post"), blank=True)
    national_id = EncryptedCharField(
        _("fødselsnummer/D-nummer"),
        max_length=11,
        blank=True,
        validators=[validate_national_id],
    )
    national_id_hash = LookupHashField(source="national_id")
    # The member reads the case no more from this day: a death, or parental responsibility
    # that ended, in the population register (laget/folkeregister). The one rule that honours
    # it is laget.family.access.member_view.
    access_ends_on = models.DateField(_("tilgangen slutter"), null=True, blank=True)
    # The day the register's facts about the member were read; None when typed by hand.
    register_read_on = models.DateField(_("hentet fra Folkeregisteret"), null=True, blank=True)
    # Filled when the guardian logs in to the family portal.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guardianships",
    )

    objects = GuardianQuerySet.as_manager()

    class Meta:
        verbose_name = _("foresatt")
        verbose_name_plural = _("foresatte")
        # The name is encrypted, so the database cannot sort by it: by_name() sorts in Python.
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def set_role(self, role: str) -> None:
        """The member's role, with the parental-responsibility flag kept in step (the one place
        that derives it)."""
        self.role = role
        self.has_parental_responsibility = role in RESPONSIBLE_ROLES


def by_name(guardians: Iterable[Guardian]) -> list[Guardian]:
    """Guardians in name order, as lists show them."""
    return sorted(guardians, key=lambda g: (g.name.casefold(), g.pk or 0))
