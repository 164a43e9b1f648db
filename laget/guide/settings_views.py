"""The municipality's settings for its public guide: the search's synonyms, and where a
concern is reported to child welfare. The municipality's coordinator or admin edits them
(orgs.rules, as the rest of the guide editor); everyone else gets 403."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from laget.accounts.models import User
from laget.guide import synonyms
from laget.guide.concern import concern_channel_update, settings_for
from laget.guide.models import GuideSettings
from laget.lib.forms import LagetForm
from laget.orgs.rules import managed_municipality

METHODS = ["GET", "HEAD", "POST"]

SYNONYMS_HELP = gettext_lazy(
    "Ett ord per linje, et kolon, og ordene som betyr det samme med komma mellom. Et søk på "
    "ett av ordene finner også de andre. Eksempel: mobbing: erting, utestengning, holdes utenfor"
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


class SynonymsForm(LagetForm):
    lines = forms.CharField(
        label=gettext_lazy("Synonymer"),
        required=False,
        strip=False,  # the line numbers in the messages count from the box's first line
        help_text=SYNONYMS_HELP,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
    )

    def clean_lines(self) -> list[tuple[str, list[str]]]:
        return synonyms.parse(self.cleaned_data.get("lines", ""))


class ConcernForm(forms.ModelForm[GuideSettings]):
    concern_url = forms.URLField(
        label=GuideSettings._meta.get_field("concern_url").verbose_name,
        help_text=GuideSettings._meta.get_field("concern_url").help_text,
        required=False,
        assume_scheme="https",
        max_length=200,
    )

    class Meta:
        model = GuideSettings
        fields = ["concern_url", "concern_phone", "concern_note"]


@login_required
@require_http_methods(METHODS)
def synonyms_edit(request: HttpRequest) -> HttpResponse:
    municipality = managed_municipality(_user(request))
    initial = {"lines": synonyms.format_lines(synonyms.synonyms_of(municipality))}
    form = SynonymsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        synonyms.synonyms_replace(
            by=_user(request), municipality=municipality, rows=form.cleaned_data["lines"]
        )
        messages.success(request, _("Synonymene er lagret. Søket bruker dem med en gang."))
        return redirect("guide:synonyms")
    return render(
        request,
        "guide/synonyms.html",
        {
            "form": form,
            "municipality": municipality,
            "uses_defaults": synonyms.uses_defaults(municipality),
            "title": _("Synonymer i søket"),
            "back_url": reverse("guide:overview"),
        },
    )


@login_required
@require_POST
def synonyms_reset(request: HttpRequest) -> HttpResponse:
    municipality = managed_municipality(_user(request))
    synonyms.synonyms_reset(by=_user(request), municipality=municipality)
    messages.success(request, _("Søket bruker Lagets standardliste igjen."))
    return redirect("guide:synonyms")


@login_required
@require_http_methods(METHODS)
def concern_edit(request: HttpRequest) -> HttpResponse:
    municipality = managed_municipality(_user(request))
    current = settings_for(municipality)
    form = ConcernForm(request.POST or None, instance=settings_for(municipality))
    if request.method == "POST" and form.is_valid():
        try:
            concern_channel_update(
                by=_user(request),
                municipality=municipality,
                **{
                    k: form.cleaned_data[k]
                    for k in ("concern_url", "concern_phone", "concern_note")
                },
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Kontakten til barnevernet er lagret."))
            return redirect("guide:overview")
    return render(
        request,
        "guide/form_page.html",
        {
            "form": form,
            "current": current,
            "title": _("Bekymringsmelding til barnevernet"),
            "intro": _(
                "Der veilederen sier «meld bekymring til barnevernet», lenker den offentlige "
                "veilederen hit: til kommunens skjema for bekymringsmelding, og til telefonen "
                "som et nummer man kan trykke på. Uten lenke viser den til barnevernet i "
                "tjenesteoversikten."
            ),
            "back_url": reverse("guide:overview"),
        },
    )
