import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.logreview.review import Month


def previous_month(today: datetime.date | None = None) -> Month:
    today = today or timezone.localdate()
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return Month(first.year, first.month)


def month_from(value: str | None) -> Month | None:
    """'2026-11' as a Month, or None for anything else."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return Month(year, month) if 2000 <= year <= 9999 and 1 <= month <= 12 else None
    except ValueError:
        return None


class SignOffForm(forms.Form):
    note = forms.CharField(
        label=_("Merknad (uten navn på barn eller innhold fra saker)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(
        label=_("Jeg har gått gjennom funnene og fulgt opp stikkprøvene med lederne"),
        required=True,
    )
