"""The legal basis of a participant in the forms: one of the case's consents, chosen from a
list showing each consent's reference, state and units; or a statute of the municipality's
list, grouped by the kinds of service it is meant for (the service checks that it fits)."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import LegalBasis
from laget.cases.messages import MSG_STATUTE_REQUIRED, MSG_UNKNOWN_STATUTE
from laget.cases.statutes import Statute, grouped_choices
from laget.consent.messages import MSG_CONSENT_REQUIRED
from laget.consent.models import Consent, ConsentState
from laget.lib.forms import set_choices

CONSENT_HELP = _(
    "Samtykkene i saken som ikke er avslått, trukket tilbake eller utløpt. Deltakeren får "
    "tilgang mens samtykket er gitt, og bare hvis det gjelder for enheten."
)
NO_CONSENT_HELP = _(
    "Saken har ingen samtykker som kan brukes. Be om samtykke fra familien under "
    "«Samtykker» på saksiden først, eller velg lovhjemmel."
)
STATUTE_HELP = _(
    "Lovhjemlene er gruppert etter hvilke tjenester de gjelder for. Velg en som gjelder for "
    "enheten; «Egen tjeneste» gjelder bare enheten som har ansvaret for saken."
)


class ConsentField(forms.TypedChoiceField):
    """The case's consent a participant joins on; needed when the legal basis is a consent.
    `condition` is shown by the label instead of "optional"."""

    condition = _("påkrevd når rettsgrunnlaget er samtykke")

    def __init__(self) -> None:
        super().__init__(
            label=_("Samtykke fra familien"), coerce=int, required=False, empty_value=None
        )


class StatuteField(forms.ChoiceField):
    """The statute that allows the access, by its key; needed when the legal basis is a
    statute. The choices are the municipality's list (set_statute_choices)."""

    condition = _("påkrevd når rettsgrunnlaget er lovhjemmel")

    def __init__(self) -> None:
        super().__init__(
            label=_("Lovhjemmel"),
            required=False,
            help_text=STATUTE_HELP,
            error_messages={"invalid_choice": MSG_UNKNOWN_STATUTE},
        )


def consent_label(consent: Consent) -> str:
    state = ConsentState(consent.effective_state()).label
    units = ", ".join(u.name for u in consent.units.all())
    return f"{consent.reference} – {state} – {units}"


def set_consent_choices(form: forms.Form, consents: Iterable[Consent]) -> None:
    rows = [(c.pk, consent_label(c)) for c in consents]
    set_choices(form, "consent", [("", _("Velg samtykke")), *rows])
    form.fields["consent"].help_text = CONSENT_HELP if rows else NO_CONSENT_HELP


def set_statute_choices(form: forms.Form, statutes: Iterable[Statute]) -> None:
    set_choices(form, "statute", [("", _("Velg lovhjemmel")), *grouped_choices(statutes)])


def check_legal_basis(form: forms.Form, data: dict[str, Any]) -> None:
    """A consent basis names one of the case's consents; a statutory basis names the statute."""
    basis = data.get("legal_basis")
    # A field missing from `data` has its own error already.
    if basis == LegalBasis.CONSENT and "consent" in data and data["consent"] is None:
        form.add_error("consent", MSG_CONSENT_REQUIRED)
    if basis == LegalBasis.STATUTE and "statute" in data and not data["statute"]:
        form.add_error("statute", MSG_STATUTE_REQUIRED)
