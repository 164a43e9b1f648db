"""The action guide as data: a guide has versions; a version has levels 0–3; a level has steps.

A published version never changes: editing starts a new draft copied from it (services.py).
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from laget.orgs.models import Municipality


class Guide(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="guides")
    title = models.CharField(_("tittel"), max_length=200)
    slug = models.SlugField(_("kortnavn"), max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handlingsveileder")
        verbose_name_plural = _("handlingsveiledere")
        ordering = ["municipality_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="guide_slug_unique")
        ]

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Kladd")
    PUBLISHED = "published", _("Publisert")
    ARCHIVED = "archived", _("Arkivert")


class GuideVersion(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versjon"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("publisert"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("versjon av veilederen")
        verbose_name_plural = _("versjoner av veilederen")
        ordering = ["guide_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="guide_version_unique"),
            # One draft and one published version per guide at a time.
            models.UniqueConstraint(
                fields=["guide"], condition=Q(status="draft"), name="guide_one_draft"
            ),
            models.UniqueConstraint(
                fields=["guide"], condition=Q(status="published"), name="guide_one_published"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="guide_version_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guide} v{self.number} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Level(models.Model):
    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(
        _("nivå"), validators=[MinValueValidator(0), MaxValueValidator(3)]
    )
    title = models.CharField(_("tittel"), max_length=200)
    summary = models.TextField(_("kort beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("nivå")
        verbose_name_plural = _("nivåer")
        ordering = ["version_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="guide_level_unique"),
            models.CheckConstraint(condition=Q(number__lte=3), name="guide_level_0_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"


class ExitKind(models.TextChoices):
    CLOSE = "close", _("Avslutt")
    NEXT_STEP = "next_step", _("Neste steg")
    LEVEL = "level", _("Til nivå")
    REPORT = "report", _("Meld til barnevernet")


class Step(models.Model):
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("rekkefølge"))
    title = models.CharField(_("tittel"), max_length=200)
    slug = models.SlugField(_("kortnavn"), max_length=80)
    body = models.TextField(_("tekst"), blank=True, help_text=_("Markdown."))
    actor = models.CharField(_("hvem gjør dette"), max_length=200, blank=True)
    deadline_days = models.PositiveSmallIntegerField(
        _("frist (dager)"), null=True, blank=True, validators=[MaxValueValidator(365)]
    )
    # [{"kind": ExitKind, "target": step slug | level number | "", "label": str}]
    exits = models.JSONField(_("veier videre"), default=list, blank=True)
    tool_slugs = models.JSONField(_("verktøy"), default=list, blank=True)
    service_ids = models.JSONField(_("tjenester"), default=list, blank=True)

    class Meta:
        verbose_name = _("steg")
        verbose_name_plural = _("steg")
        ordering = ["level_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["level", "order"], name="guide_step_order_unique"),
            models.UniqueConstraint(fields=["level", "slug"], name="guide_step_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def body_html(self) -> Any:
        from laget.guide.richtext import render_markdown

        return render_markdown(self.body)


# --- the municipality's settings for the public guide --------------------------------------

MSG_PHONE = _("Skriv telefonnummeret med sifre, gjerne med mellomrom eller + foran.")


def validate_phone(value: str) -> None:
    digits = value.replace(" ", "").replace("-", "")
    if digits.startswith("+"):
        digits = digits[1:]
    if not digits.isdigit() or not 3 <= len(digits) <= 15:
        raise ValidationError(MSG_PHONE, code="phone")


class GuideSettings(models.Model):
    """What the public guide needs from the municipality beyond the guide itself: where a
    concern is reported to child welfare, and whether the search uses the municipality's own
    synonym list (SearchSynonym) or Laget's defaults (laget/guide/synonyms.py)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="guide_settings"
    )
    concern_url = models.URLField(
        _("lenke til bekymringsmelding"),
        blank=True,
        help_text=_("Skjemaet eller siden der en bekymringsmelding til barnevernet sendes."),
    )
    concern_phone = models.CharField(
        _("telefon til barnevernet"), max_length=32, blank=True, validators=[validate_phone]
    )
    concern_note = models.CharField(
        _("kort tekst om kontakten"),
        max_length=300,
        blank=True,
        help_text=_("For eksempel åpningstid og hvem som svarer utenom kontortid."),
    )
    synonyms_edited_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("innstillinger for veilederen")
        verbose_name_plural = _("innstillinger for veilederen")

    def __str__(self) -> str:
        return str(self.municipality_id)

    @property
    def has_concern_channel(self) -> bool:
        return bool(self.concern_url or self.concern_phone)

    @property
    def concern_tel(self) -> str:
        """The phone as a tel: address (+, digits)."""
        return "".join(c for c in self.concern_phone if c.isdigit() or c == "+")


class SearchSynonym(models.Model):
    """A word and the words that mean the same in the municipality's public search: a query
    with any of them also finds the others ("mobbing" ~ "erting, utestengning")."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="search_synonyms"
    )
    word = models.CharField(_("ord"), max_length=100)
    synonyms = models.JSONField(_("synonymer"), default=list)

    class Meta:
        verbose_name = _("synonym i søket")
        verbose_name_plural = _("synonymer i søket")
        ordering = ["municipality_id", "word"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "word"], name="guide_synonym_unique")
        ]

    def __str__(self) -> str:
        return self.word
