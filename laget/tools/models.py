"""Tools: forms defined as data (laget/tools/schema.py), in versions, and their fillings in cases.

The filled tool refers to its case and log entry by name ("cases.Case"), so this app stays below
the cases: filling a tool in a case lives in laget/cases/tools.

A published version is never changed: a filled tool points at the exact version it was filled
with, so what it shows stays what was filled, whatever is published later.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.lib.crypto import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from laget.orgs.models import Municipality, Unit
from laget.tools.schema import POLICE, validate_schema
from laget.tools.scoring import format_value

USER = settings.AUTH_USER_MODEL

MSG_PUBLISHED_IMMUTABLE = _("En publisert versjon kan ikke endres. Lag et nytt utkast.")


class ToolKind(models.TextChoices):
    FORM = "form", _("Skjema")
    CHECKLIST = "checklist", _("Sjekkliste")
    INFO = "info", _("Informasjon")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    PUBLISHED = "published", _("Publisert")


class ToolDefinition(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="tool_definitions"
    )
    slug = models.SlugField(_("kortnavn"), max_length=80)
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=ToolKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("verktøy")
        verbose_name_plural = _("verktøy")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="tool_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def published(self) -> "ToolVersion | None":
        """The version in use: the newest published one."""
        return self.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()

    def draft(self) -> "ToolVersion | None":
        return self.versions.filter(status=VersionStatus.DRAFT).first()


class ToolVersion(models.Model):
    definition = models.ForeignKey(
        ToolDefinition, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versjon"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    schema = models.JSONField(_("skjema"))
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["definition_id", "-number"]
        verbose_name = _("verktøyversjon")
        verbose_name_plural = _("verktøyversjoner")
        constraints = [
            models.UniqueConstraint(fields=["definition", "number"], name="tool_version_unique"),
            models.UniqueConstraint(
                fields=["definition"],
                condition=Q(status="draft"),
                name="tool_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | Q(status="published", published_at__isnull=False),
                name="tool_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition.name} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The database row decides, not this copy: a published version is frozen.
        if self._stored_status() == VersionStatus.PUBLISHED:
            raise ValidationError(MSG_PUBLISHED_IMMUTABLE, code="published")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._stored_status() == VersionStatus.PUBLISHED:
            raise ValidationError(MSG_PUBLISHED_IMMUTABLE, code="published")
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    def _stored_status(self) -> str | None:
        if self.pk is None:
            return None
        return ToolVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()

    def clean(self) -> None:
        validate_schema(self.schema)


class FilledTool(models.Model):
    """A tool filled in a case, tied to the exact version, with the score it gave then."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="filled_tools")
    tool_version = models.ForeignKey(ToolVersion, on_delete=models.PROTECT, related_name="filled")
    # What was answered, and what the score band says about the child, are encrypted in the
    # database (laget.lib.crypto); the score itself is a number the figures may use.
    answers = EncryptedJSONField(default=dict)
    score_value = models.FloatField(null=True, blank=True)
    band_label = EncryptedCharField(max_length=200, blank=True)
    interpretation = EncryptedTextField(blank=True)
    # The band said child welfare (and the police) must be told: an alarm in the case until a
    # report of concern is recorded after it (laget/cases/tools/alarms.py). Kept as it was
    # when filled, in plain columns so that "my cases" can find the open ones in its query.
    requires_report = models.BooleanField(_("skal meldes"), default=False)
    report_to = models.JSONField(_("skal meldes til"), default=list, blank=True)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    author_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    entry = models.OneToOneField(
        "cases.Entry", on_delete=models.CASCADE, related_name="filled_tool"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("utfylt verktøy")
        verbose_name_plural = _("utfylte verktøy")

    def __str__(self) -> str:
        return f"{self.tool_version} {self.created_at:%Y-%m-%d}"

    @property
    def score_text(self) -> str:
        return format_value(self.score_value)

    @property
    def report_to_police(self) -> bool:
        return POLICE in self.report_to
