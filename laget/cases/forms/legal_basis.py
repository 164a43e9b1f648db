"""The legal basis of a participant in the forms: one of the case's consents, chosen from a
list showing each consent's reference, state and units; or the statute that allows access."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import LegalBasis
from laget.cases.forms.common import set_choices
from laget.cases.messages import MSG_BASIS_REF_REQUIRED
from laget.consent.messages import MSG_CONSENT_REQUIRED
from laget.consent.models import Consent, ConsentState

CONSENT_HELP = _(
    "Samtykkene i saken som ikke er avslått, trukket tilbake eller utløpt. Deltakeren får "
    "tilgang mens samtykket er gitt, og bare hvis det gjelder for enheten."
)
NO_CONSENT_HELP = _(
    "Saken har ingen samtykker som kan brukes. Be om samtykke fra familien under "
    "«Samtykker» på saksiden først, eller velg lovhjemmel."
)
STATUTE_HELP = _("Skriv paragrafen, for eksempel «barnevernsloven § 13-2».")


class ConsentField(forms.TypedChoiceField):
    """The case's consent a participant joins on; needed when the legal basis is a consent.
    `condition` is shown by the label instead of "optional"."""

    condition = _("når rettsgrunnlaget er samtykke")

    def __init__(self) -> None:
        super().__init__(
            label=_("Samtykke fra familien"), coerce=int, required=False, empty_value=None
        )


class StatuteField(forms.CharField):
    """The statute that allows the access; needed when the legal basis is a statute."""

    condition = _("når rettsgrunnlaget er lovhjemmel")

    def __init__(self) -> None:
        super().__init__(
            label=_("Lovhjemmel"), max_length=200, required=False, help_text=STATUTE_HELP
        )


def consent_label(consent: Consent) -> str:
    state = ConsentState(consent.effective_state()).label
    units = ", ".join(u.name for u in consent.units.all())
    return f"{consent.reference} – {state} – {units}"


def set_consent_choices(form: forms.Form, consents: Iterable[Consent]) -> None:
    rows = [(c.pk, consent_label(c)) for c in consents]
    set_choices(form, "consent", [("", _("Velg samtykke")), *rows])
    form.fields["consent"].help_text = CONSENT_HELP if rows else NO_CONSENT_HELP


def check_legal_basis(form: forms.Form, data: dict[str, Any]) -> None:
    """A consent basis names one of the case's consents; a statutory basis names the statute."""
    basis = data.get("legal_basis")
    # A field missing from `data` has its own error already.
    if basis == LegalBasis.CONSENT and "consent" in data and data["consent"] is None:
        form.add_error("consent", MSG_CONSENT_REQUIRED)
    if basis == LegalBasis.STATUTE and "basis_ref" in data and not data["basis_ref"]:
        form.add_error("basis_ref", MSG_BASIS_REF_REQUIRED)
