"""One archive package per closed case: the Noark 5 extract the municipality's archive takes in.

The package refers to its case by id, not by a foreign key: it is the proof that the log was
archived, and outlives the log when the retention deletes it (laget/retention asks
laget.archive.selectors.archived_and_confirmed first). The package itself is case content and
is kept encrypted, like every other piece of case text (laget.lib.crypto)."""

import base64

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from laget.lib.crypto import EncryptedTextField
from laget.orgs.models import Municipality


class PackageState(models.TextChoices):
    PRODUCED = "produced", _("Laget")
    PUSHED = "pushed", _("Levert til arkivet")
    CONFIRMED = "confirmed", _("Bekreftet mottatt")


class ArchivePackage(models.Model):
    case_id = models.PositiveBigIntegerField(_("sak"), unique=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="archive_packages"
    )
    # The case's reference in the archive (saksår/sekvensnummer), free of personal data.
    reference = models.CharField(_("saksnummer"), max_length=20)
    case_closed_at = models.DateTimeField(_("avsluttet"))
    created_at = models.DateTimeField(_("laget"), auto_now_add=True)
    state = models.CharField(
        _("status"), max_length=10, choices=PackageState.choices, default=PackageState.PRODUCED
    )
    pushed_at = models.DateTimeField(_("levert"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bekreftet"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The zip, base64 in a Fernet token: rotated with the other encrypted columns
    # (rotate_field_keys walks every encrypted field).
    content = EncryptedTextField()
    size = models.PositiveBigIntegerField(_("størrelse"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("arkivpakke")
        verbose_name_plural = _("arkivpakker")
        ordering = ["-case_closed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=PackageState.PUSHED) | Q(pushed_at__isnull=False),
                name="archive_pushed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state=PackageState.CONFIRMED)
                | Q(confirmed_at__isnull=False, confirmed_by__isnull=False),
                name="archive_confirmed_has_who",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "state"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def data(self) -> bytes:
        return base64.b64decode(self.content)

    @staticmethod
    def encode(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    @property
    def filename(self) -> str:
        """The zip's file name: the municipality's number and the reference, no person."""
        return f"laget-arkiv-{self.municipality.number}-{self.reference.replace('/', '-')}.zip"
