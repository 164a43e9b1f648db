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
    step_slugs = forms.MultipleChoiceField(
        label=_("Steg i veilederen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Opplæringen vises i «Hva nå?» på saker som står på disse stegene."),
    )
    tool_slugs = forms.MultipleChoiceField(
        label=_("Verktøy"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Opplæringen vises også ved steg som bruker disse verktøyene."),
    )

    def __init__(
        self, *args: Any, ties: GuideTies, item: TrainingItem | None = None, **kwargs: Any
    ):
        if item is not None:
            kwargs.setdefault("initial", self.initial_for(item))
        super().__init__(*args, **kwargs)
        kept_steps = [s for s in (item.step_slugs if item else []) if s not in ties.step_slugs]
        kept_tools = [t for t in (item.tool_slugs if item else []) if t not in ties.tool_slugs]
        steps: list[tuple[Any, Any]] = list(ties.step_groups)
        if kept_steps:
            steps.append((NOT_IN_GUIDE, [(s, s) for s in kept_steps]))
        tools: Choices = [*ties.tools, *((t, f"{t} ({NOT_IN_GUIDE.lower()})") for t in kept_tools)]
        self.fields["step_slugs"].choices = steps  # type: ignore[attr-defined]
        self.fields["tool_slugs"].choices = tools  # type: ignore[attr-defined]

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
