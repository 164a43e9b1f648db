"""Whether a municipality shares its figures beyond itself (regional and national views)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from laget.orgs.models import Municipality


class FigureSharing(models.Model):
    """The municipality's choice, made by its admin. Without a row, nothing is shared."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="figure_sharing"
    )
    shares = models.BooleanField(_("del tallene regionalt og nasjonalt"), default=False)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("deling av tall")
        verbose_name_plural = _("deling av tall")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.shares}"


class FigureRollup(models.Model):
    """A municipality's case figures for one year, per unit, as the background refresh counted
    them (rollups.py): what the dashboard reads instead of counting the cases on every visit.
    Counts only (no names, no personal data), in rollups.encode's form."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    for_date = models.DateField()  # the day the figures count against ("today" then)
    computed_at = models.DateTimeField()
    figures = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="monitoring_rollup_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year} ({self.computed_at:%Y-%m-%d %H:%M})"
