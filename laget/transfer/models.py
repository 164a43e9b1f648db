"""A log's move to another municipality: the proposal, the family's consent to it, the
receiving unit's decision.

The row is also the closing record the sending municipality keeps for its archive: when, from
which unit, to which municipality, and the case's number there. It holds no case content: the
neutral description and the decline reason are encrypted and shown only to the two units that
decide, and the case link is cut (SET_NULL) should the case later be deleted by the new
municipality, while `case_number` stays."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import Level
from laget.cases.models import Case
from laget.lib.crypto import EncryptedCharField, EncryptedTextField
from laget.orgs.models import Municipality, Unit
from laget.people.models import Guardian

USER = settings.AUTH_USER_MODEL


class TransferState(models.TextChoices):
    PROPOSED = "proposed", _("Foreslått")
    ACCEPTED = "accepted", _("Tatt imot")
    DECLINED = "declined", _("Avslått")
    WITHDRAWN = "withdrawn", _("Trukket tilbake")
    # Sent as a signed package to another installation of Laget (laget/transfer/package.py).
    EXPORTED = "exported", _("Sendt til en annen installasjon")


OPEN_STATES = (TransferState.PROPOSED,)


class Transfer(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="transfers"
    )
    # The case's number (its id) in this installation, kept for the archive.
    case_number = models.BigIntegerField()
    level = models.PositiveSmallIntegerField(
        _("nivå da flyttingen ble foreslått"), choices=Level.choices
    )
    from_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="transfers_out"
    )
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # Within the installation: the receiving municipality and unit. To another installation:
    # both empty, and `to_installation` names the peer (a key of LAGET_TRANSFER_TRUSTED there).
    to_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_in",
    )
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_installation = models.CharField(_("mottakende installasjon"), max_length=60, blank=True)
    # What the receiving leaders read before they decide: no name, no content.
    description = EncryptedCharField(
        _("kort, nøytral beskrivelse"),
        max_length=300,
        help_text=_("For eksempel «Gutt, 7 år, familien flytter i august». Ingen navn."),
    )
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    # The family's consent to the move, as the stafettholder records it: who agreed, and when.
    consent_guardians = models.ManyToManyField(Guardian, blank=True, related_name="+")
    consent_child = models.BooleanField(_("barnet har samtykket"), default=False)
    consent_date = models.DateField(_("dato for samtykket"))
    state = models.CharField(
        max_length=10, choices=TransferState.choices, default=TransferState.PROPOSED
    )
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = EncryptedTextField(_("begrunnelse"), blank=True)
    new_holder = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # An export: the SHA-256 of the package file, for the archive's receipt.
    package_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("flytting")
        verbose_name_plural = _("flyttinger")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(state="proposed"),
                name="transfer_one_open_per_case",
            ),
            models.CheckConstraint(
                condition=Q(to_unit__isnull=False, to_municipality__isnull=False)
                | (Q(to_unit__isnull=True, to_municipality__isnull=True) & ~Q(to_installation="")),
                name="transfer_to_unit_or_installation",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="transfer_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.case_number} {self.proposed_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class ImportedPackage(models.Model):
    """A transfer package this installation took in: which peer sent it, which case it made.
    The package's hash is unique, so the same file is never imported twice."""

    sender = models.CharField(max_length=60)
    package_sha256 = models.CharField(max_length=64, unique=True)
    source_case_number = models.BigIntegerField()
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    # The case's access log from the sending installation, as it came (verified on import):
    # the local access log is a chain of its own and is not written into.
    audit_rows = models.JSONField(default=list)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.sender} #{self.source_case_number}"
