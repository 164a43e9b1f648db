from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from laget.orgs.models import Municipality
from laget.people.national_id import validate_national_id


class SubjectKind(models.TextChoices):
    CHILD = "child", _("Barn")
    PREGNANT = "pregnant", _("Gravid")


class Subject(models.Model):
    """The person a case is about, as that case knows them: a child, or a pregnant woman before
    the birth. One record per case; the same child in two cases is two records."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=10, choices=SubjectKind.choices)
    given_name = models.CharField(_("fornavn"), max_length=100)
    family_name = models.CharField(_("etternavn"), max_length=100)
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    due_date = models.DateField(_("termindato"), null=True, blank=True)
    national_id = models.CharField(
        _("fødselsnummer/D-nummer"),
        max_length=11,
        blank=True,
        validators=[validate_national_id],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Filled when the child, from the age limit, logs in to the family portal themselves.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subjects",
    )

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


class Guardian(models.Model):
    """A guardian as recorded in one case (through the case's own person record)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("navn"), max_length=200)
    relation = models.CharField(_("relasjon"), max_length=50, blank=True)
    has_parental_responsibility = models.BooleanField(_("har foreldreansvar"), default=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    national_id = models.CharField(
        _("fødselsnummer/D-nummer"),
        max_length=11,
        blank=True,
        validators=[validate_national_id],
    )
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
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
