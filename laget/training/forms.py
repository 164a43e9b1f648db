"""The form of a municipality's own training item. It only validates; laget/training/editor.py
writes (and states the rules: the URL a link needs, the steps and tools from the guide)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.lib.forms import LagetForm, LongTextField, needed_when
from laget.training.guide_ties import Choices, GuideTies
from laget.training.models import TrainingItem, TrainingKind

# The group of slugs an item names that the published guide no longer has: kept if left ticked.
NOT_IN_GUIDE = _("Ikke i den publiserte veilederen")
STEPS_HELP = _(
    "Opplæringen vises i «Hva nå?» på saker som står på stegene du krysser av, og i den "
    "offentlige veilederen hvis den er offentlig."
)


class TrainingItemForm(LagetForm):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=TrainingKind.choices)
    body = LongTextField(
        label=_("Tekst"),
        required=False,
        rows=10,
        help_text=_("Markdown: **fet**, *kursiv*, lister med - og lenker [tekst](https://…)."),
    )
    url = needed_when(
        forms.URLField(
            label=_("Lenke"),
            required=False,
            max_length=200,
            assume_scheme="https",
            help_text=_("Til kurset eller videoen på et annet nettsted."),
        ),
        _("må fylles ut for kurs og video"),
    )
    minutes = forms.IntegerField(
        label=_("Tid i minutter"), min_value=1, max_value=600, required=False
    )
    is_public = forms.BooleanField(
        label=_("Vis i den offentlige veilederen"),
        required=False,
        help_text=_("Innbyggere ser den ved stegene den er knyttet til."),
    )
    is_core = forms.BooleanField(
        label=_("Del av grunnopplæringen"),
        required=False,
        help_text=_("Telles i dashbordets andel ansatte med grunnopplæringen."),
    )
    # The steps: one group of checkboxes per level of the published guide (a fieldset each,
    # made in __init__ as steps_<n>), gathered into step_slugs by clean().
    tool_slugs = forms.MultipleChoiceField(
        label=_("Verktøy"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Opplæringen vises også ved steg som bruker disse verktøyene."),
    )

    def __init__(
        self, *args: Any, ties: GuideTies, item: TrainingItem | None = None, **kwargs: Any
    ) -> None:
        if item is not None:
            kwargs.setdefault("initial", self.initial_for(item))
        super().__init__(*args, **kwargs)
        chosen = list(self.initial.get("step_slugs", []))
        groups: list[tuple[str, Choices]] = list(ties.step_groups)
        kept_steps = [s for s in chosen if s not in ties.step_slugs]
        if kept_steps:
            groups.append((str(NOT_IN_GUIDE), [(s, s) for s in kept_steps]))
        self.step_fields: list[str] = []
        step_fields: dict[str, forms.Field] = {}
        for n, (label, choices) in enumerate(groups):
            name = f"steps_{n}"
            slugs = {slug for slug, _title in choices}
            step_fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[s for s in chosen if s in slugs],
                help_text=STEPS_HELP if n == 0 else "",
            )
            self.step_fields.append(name)
        # The levels' groups stand where the steps belong: before the tools.
        tools = self.fields.pop("tool_slugs")
        self.fields.update(step_fields)
        kept_tools = [t for t in self.initial.get("tool_slugs", []) if t not in ties.tool_slugs]
        choices_tools: Choices = [
            *ties.tools,
            *((t, f"{t} ({str(NOT_IN_GUIDE).lower()})") for t in kept_tools),
        ]
        if choices_tools:
            tools.choices = choices_tools  # type: ignore[attr-defined]
            self.fields["tool_slugs"] = tools
        # The service names the steps "step_slugs": its error goes to the first group.
        self.service_fields = {"step_slugs": self.step_fields[0]} if self.step_fields else {}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["step_slugs"] = [s for name in self.step_fields for s in data.get(name, [])]
        data.setdefault("tool_slugs", [])
        return data

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "kind": d["kind"],
            "body": d["body"],
            "url": d["url"],
            "minutes": d["minutes"],
            "is_public": d["is_public"],
            "is_core": d["is_core"],
            "step_slugs": d["step_slugs"],
            "tool_slugs": d.get("tool_slugs") or [],
        }

    @staticmethod
    def initial_for(item: TrainingItem) -> dict[str, Any]:
        return {
            "title": item.title,
            "kind": item.kind,
            "body": item.body,
            "url": item.url,
            "minutes": item.minutes,
            "is_public": item.is_public,
            "is_core": item.is_core,
            "step_slugs": list(item.step_slugs),
            "tool_slugs": list(item.tool_slugs),
        }


class DeleteForm(LagetForm):
    """The confirmation: the number of completions the user was told go with the item."""

    completions = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
