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
