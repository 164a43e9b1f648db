"""What the report's kinds, rules and reasons are called on the page."""

from django.utils.translation import gettext_lazy as _

from laget.retention import parts
from laget.retention.run import RULE_SESSION, RULE_TOKEN

KINDS = {
    "case": _("Stafettlogger anonymisert"),
    "subject": _("Personer (barnet) anonymisert"),
    "guardian": _("Foresatte anonymisert"),
    "subject_key": _("Tellenøkler for barn fjernet"),
    "guardian_key": _("Tellenøkler for foresatte fjernet"),
    "levelchange": _("Nivåendringer: begrunnelse fjernet"),
    "measure": _("Tiltak: tekst fjernet"),
    "measureevaluation": _("Evalueringer av tiltak: tekst fjernet"),
    "entry": _("Loggføringer fra ansatte slettet"),
    "entry_from_family": _("Loggføringer fra familien: tekst fjernet"),
    "meeting": _("Møter slettet"),
    "meeting_of_transition": _("Overgangsmøter: tekst fjernet"),
    "meetingattendee": _("Møtedeltakere slettet"),
    "transition": _("Overganger: notat fjernet"),
    "participant_basis": _("Deltakere: kobling til samtykke fjernet"),
    "participantanswer": _("Familiens svar om deltakere slettet"),
    "consent": _("Samtykker slettet"),
    "consentevent": _("Samtykkehistorikk slettet"),
    "scanned_copy": _("Skannede samtykkeskjema slettet"),
    "notification": _("E-postvarsler slettet"),
    "session": _("Innlogginger (sesjoner) slettet"),
    "api_token": _("API-nøkler slettet"),
}
RULES = {
    parts.RULE_CLOSED_CASE: _("avsluttet logg"),
    parts.RULE_OUTSIDE_FIGURES: _("utenfor årene statistikken viser"),
    parts.RULE_CONSENT: _("samtykke sluttet å gjelde"),
    parts.RULE_SCAN: _("skannet kopi av samtykke som sluttet å gjelde"),
    parts.RULE_NOTIFICATION: _("sendt varsel"),
    RULE_SESSION: _("utløpt innlogging"),
    RULE_TOKEN: _("utløpt API-nøkkel"),
}
REASONS = {
    parts.BLOCKED_HOLD: _("holdt tilbake"),
    parts.BLOCKED_ARCHIVE: _("arkivet har ikke bekreftet mottak"),
}


def kind_label(kind: str) -> str:
    base, _sep, cascaded = kind.partition(":")
    label = str(KINDS.get(base, base))
    return f"{label} ({cascaded})" if cascaded else label
