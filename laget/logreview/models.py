"""The privacy officer's signed-off reviews of the access log: kept, never changed."""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

REFUSED = "a signed-off log review cannot be changed or deleted"


class LogReviewImmutableError(Exception):
    """Raised on any attempt to change or delete a signed-off review."""


class LogReview(models.Model):
    """One month of one municipality's access log, reviewed and signed off. `findings` holds
    the counts the page showed (no names, no case content); `note` is the officer's own."""

    municipality = models.ForeignKey(
        "orgs.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("fra"))
    period_end = models.DateField(_("til"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signert"))
    findings = models.JSONField(default=dict)
    note = models.TextField(_("merknad"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-period_start", "-signed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.period_start:%Y-%m}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise LogReviewImmutableError(REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise LogReviewImmutableError(REFUSED)
