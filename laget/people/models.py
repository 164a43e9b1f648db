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
from laget.orgs.models import Municipality
from laget.people.national_id import validate_national_id


class SubjectKind(models.TextChoices):
    CHILD = "child", _("Barn")
    PREGNANT = "pregnant", _("Gravid")


class SubjectQuerySet(models.QuerySet["Subject"]):
    def with_national_id(self, national_id: str) -> "SubjectQuerySet":
        """People with this national id (normalised: digits only), found by its keyed hash:
        the number itself is stored encrypted."""
        return (
            self.filter(national_id_hash=lookup_hash(national_id)) if national_id else self.none()
        )


class Subject(HashedLookups):
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
    def reading(self) -> "GuardianQuerySet":
        """The family's side of "who reads the case": guardians with parental responsibility
        read it in the portal, are told of news, are listed as readers and give consent. The
        portal's access rule, the readers list, notifications and consent parties ask here."""
        return self.filter(has_parental_responsibility=True)

    def with_national_id(self, national_id: str) -> "GuardianQuerySet":
        """Guardian records with this national id (digits only), by its keyed hash."""
        return (
            self.filter(national_id_hash=lookup_hash(national_id)) if national_id else self.none()
        )


class Guardian(HashedLookups):
    """A guardian as recorded in one case (through the case's own person record). Name, contact
    data and national id are encrypted in the database; lists sort by name in Python
    (by_name)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="guardians")
    name = EncryptedCharField(_("navn"), max_length=200)
    relation = models.CharField(_("relasjon"), max_length=50, blank=True)
    has_parental_responsibility = models.BooleanField(_("har foreldreansvar"), default=True)
    phone = EncryptedCharField(_("telefon"), max_length=32, blank=True)
    email = EncryptedEmailField(_("e-post"), blank=True)
    national_id = EncryptedCharField(
        _("fødselsnummer/D-nummer"),
        max_length=11,
        blank=True,
        validators=[validate_national_id],
    )
    national_id_hash = LookupHashField(source="national_id")
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


def by_name(guardians: Iterable[Guardian]) -> list[Guardian]:
    """Guardians in name order, as lists show them."""
    return sorted(guardians, key=lambda g: (g.name.casefold(), g.pk or 0))
