"""Validation messages for the individual plan, as constants the tests assert on."""

from django.utils.translation import gettext_lazy as _

MSG_DECIDED_IN_FUTURE = _("Vedtaksdatoen kan ikke være fram i tid.")
MSG_DECIDED_BY_REQUIRED = _("Skriv hvem som fattet vedtaket (navn, rolle eller instans).")
MSG_STATUTE_UNKNOWN = _("Velg lovhjemmelen fra listen.")
MSG_STATUTE_OTHER_REQUIRED = _("Skriv lovhenvisningen når du velger «Annen lovhjemmel».")
MSG_GROUNDS_REQUIRED = _("Skriv begrunnelsen for vedtaket.")
MSG_CORRECTION_REASON = _("Saken har allerede et vedtak. Skriv hvorfor det rettes.")
MSG_NO_DECISION = _("Saken har ikke noe vedtak om individuell plan.")
MSG_WITHDRAW_REASON = _("Skriv hvorfor vedtaket trekkes tilbake.")
MSG_COORDINATOR_PERSON = _(
    "Velg en person som deltar i saken nå. Koordinatoren må være en person, ikke en hel enhet."
)
MSG_ALREADY_COORDINATOR = _("Denne personen er allerede koordinator.")
MSG_FROM_BEFORE_CASE = _("Koordinatoren kan ikke begynne før saken ble opprettet.")
MSG_FROM_BEFORE_PREVIOUS = _("Datoen kan ikke være før den forrige koordinatoren begynte.")
MSG_FROM_TOO_LATE = _("Datoen kan være høyst ett år fram i tid.")
MSG_HANDOVER_NEEDS_DECISION = _(
    "Registrer vedtaket om individuell plan før saken overleveres til planen."
)

# Stored in the log as the case's closing reason, so in bokmål whatever the user's language.
HANDOVER_CLOSE_REASON = "Videreført i individuell plan"
