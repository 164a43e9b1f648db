"""Training material tied to the action guide, and who has completed which.

An item points to the guide's steps and tools by their slugs, not by row: a step is copied into
every new version of the guide (laget/guide/services.py), its slug stays. Items without a
municipality are Laget's national starter set (laget/training/starter.py), shown in every
municipality; a municipality's own items are shown in it only.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from laget.guide.richtext import render_markdown
from laget.orgs.models import Municipality
from laget.training.messages import MSG_URL_REQUIRED


class TrainingKind(models.TextChoices):
    TEXT = "text", _("Tekst fra Laget")
    COURSE = "course", _("Kurs (ekstern lenke)")
    VIDEO = "video", _("Video (ekstern lenke)")
    EXERCISE = "exercise", _("Samtaleøvelse")


# Kinds that are a link to someone else's site: they need a URL and are marked external.
EXTERNAL_KINDS = (TrainingKind.COURSE, TrainingKind.VIDEO)


class TrainingItem(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Tom: Lagets nasjonale startmateriell, vist i alle kommuner."),
    )
    slug = models.SlugField(_("kortnavn"), max_length=80)
    title = models.CharField(_("tittel"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=TrainingKind.choices)
    body = models.TextField(_("tekst"), blank=True, help_text=_("Markdown."))
    url = models.URLField(_("lenke"), blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("tid (minutter)"), null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    is_public = models.BooleanField(_("vises i den offentlige veilederen"), default=False)
    # Core training: what the dashboard's share of trained employees counts (figures.py).
    is_core = models.BooleanField(_("del av grunnopplæringen"), default=False)
    step_slugs = models.JSONField(_("steg i veilederen"), default=list, blank=True)
    tool_slugs = models.JSONField(_("verktøy"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("opplæring")
        verbose_name_plural = _("opplæring")
        ordering = ["order", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                condition=Q(municipality__isnull=False),
                name="training_item_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(municipality__isnull=True),
                name="training_item_national_slug_unique",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=[k.value for k in EXTERNAL_KINDS]) | ~Q(url=""),
                name="training_item_link_has_url",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # The check constraint below, as a field error (a form shows it at the URL field).
        if self.kind in EXTERNAL_KINDS and not self.url:
            raise ValidationError({"url": MSG_URL_REQUIRED}, code="required")

    @property
    def body_html(self) -> Any:
        return render_markdown(self.body)

    @property
    def is_external(self) -> bool:
        return bool(self.url)

    def is_for(self, step_slug: str, tool_slugs: list[str]) -> bool:
        """Tied to this step, or to one of the tools it uses."""
        return step_slug in self.step_slugs or any(t in self.tool_slugs for t in tool_slugs)


class TrainingCompletion(models.Model):
    """An employee has done the training; recorded by themselves (services.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(TrainingItem, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("fullført"))

    class Meta:
        verbose_name = _("fullført opplæring")
        verbose_name_plural = _("fullført opplæring")
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="training_completion_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.item_id}"
