"""Forms of the guide editor. They only validate; laget.guide.services writes."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from laget.guide.models import ExitKind
from laget.lib.forms import LagetForm

MSG_EXIT_LINE = _("Linje %(n)s: skriv typen først (close, next_step, level eller report).")
MSG_EXIT_LEVEL = _("Linje %(n)s: skriv nivået som et tall fra 0 til 3.")
MSG_EXIT_STEP = _("Linje %(n)s: skriv kortnavnet til steget det går videre til.")
MSG_NO_FILE = _("Velg en fil.")
MSG_BAD_JSON = _("Filen er ikke gyldig JSON.")

EXITS_HELP = _(
    "Én vei videre per linje: type, mål og etter | teksten som vises. Typer: close (avslutt), "
    "next_step <kortnavn>, level <0–3>, report (meld til barnevernet). "
    "Eksempel: level 1 | Løft saken til nivå 1"
)


def parse_exits(text: str) -> list[dict[str, Any]]:
    exits: list[dict[str, Any]] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        head, _sep, label = line.partition("|")
        parts = head.split()
        kind = parts[0] if parts else ""
        target: Any = parts[1] if len(parts) > 1 else ""
        if kind not in ExitKind.values:
            raise ValidationError(MSG_EXIT_LINE % {"n": n}, code="exit")
        if kind == ExitKind.LEVEL:
            if not str(target).isdigit() or int(target) > 3:
                raise ValidationError(MSG_EXIT_LEVEL % {"n": n}, code="exit")
            target = int(target)
        elif kind == ExitKind.NEXT_STEP and not target:
            raise ValidationError(MSG_EXIT_STEP % {"n": n}, code="exit")
        elif kind in (ExitKind.CLOSE, ExitKind.REPORT):
            target = ""
        exits.append({"kind": kind, "target": target, "label": label.strip()})
    return exits


def format_exits(exits: list[dict[str, Any]]) -> str:
    lines = []
    for e in exits:
        head = " ".join(str(x) for x in (e.get("kind", ""), e.get("target", "")) if x != "")
        lines.append(f"{head} | {e['label']}" if e.get("label") else head)
    return "\n".join(lines)


class LevelForm(LagetForm):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    summary = forms.CharField(
        label=_("Kort beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StepForm(LagetForm):
    service_fields = {"tool_slugs": "tools", "service_ids": "services"}

    title = forms.CharField(label=_("Tittel"), max_length=200)
    slug = forms.SlugField(
        label=_("Kortnavn"),
        max_length=80,
        required=False,
        help_text=_("Brukes i lenker. Tomt: lages av tittelen."),
    )
    actor = forms.CharField(label=_("Hvem gjør dette"), max_length=200, required=False)
    deadline_days = forms.IntegerField(
        label=_("Frist i dager"), min_value=1, max_value=365, required=False
    )
    body = forms.CharField(
        label=_("Tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **fet**, *kursiv*, lister med - og lenker [tekst](https://…)."),
    )
    exits = forms.CharField(
        label=_("Veier videre"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=EXITS_HELP,
    )
    tools = forms.MultipleChoiceField(
        label=_("Verktøy"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Verktøyene kommunen har publisert."),
    )
    services = forms.TypedMultipleChoiceField(
        label=_("Tjenester"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Fra tjenesteoversikten; mest aktuelt på nivå 2–3."),
    )

    def __init__(
        self,
        *args: Any,
        tool_choices: Sequence[tuple[str, str]] = (),
        service_choices: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Keep what a step already names, even if it is no longer offered, so nothing is lost.
        tools = dict(tool_choices)
        for slug in self.initial.get("tools", []):
            tools.setdefault(slug, slug)
        services = dict(service_choices)
        for service_id in self.initial.get("services", []):
            services.setdefault(service_id, f"#{service_id}")
        self.fields["tools"].choices = list(tools.items())  # type: ignore[attr-defined]
        self.fields["services"].choices = list(services.items())  # type: ignore[attr-defined]

    def clean_exits(self) -> list[dict[str, Any]]:
        return parse_exits(self.cleaned_data.get("exits") or "")

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "slug": d["slug"],
            "actor": d["actor"],
            "deadline_days": d["deadline_days"],
            "body": d["body"],
            "exits": d["exits"],
            "tool_slugs": d["tools"],
            "service_ids": d["services"],
        }


class PublishForm(LagetForm):
    note = forms.CharField(
        label=_("Hva er endret"),
        max_length=300,
        required=False,
        help_text=_("Vises i historikken."),
    )


class ImportForm(LagetForm):
    file = forms.FileField(label=_("Fil med veileder (JSON)"))
    publish = forms.BooleanField(
        label=_("Publiser med en gang"), required=False, help_text=_("Ellers blir den en kladd.")
    )

    def clean_file(self) -> Any:
        import json

        upload = self.cleaned_data.get("file")
        if upload is None:
            raise ValidationError(MSG_NO_FILE, code="required")
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ValidationError(MSG_BAD_JSON, code="invalid") from None
