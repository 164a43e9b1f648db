from django.utils.translation import gettext_lazy as _

MSG_NO_GUARDIANS = _("Legg til foresatte med foreldreansvar før du ber om samtykke.")
MSG_NO_UNITS = _("Velg minst én enhet som samtykket skal gjelde for.")
MSG_UNIT_OUTSIDE = _("Enheten hører ikke til kommunen.")
MSG_NOT_A_PARTY = _("Denne personen er ikke den som skal gi dette samtykket.")
MSG_ALREADY_ANSWERED = _("Du har allerede svart på dette samtykket.")
MSG_NOT_OPEN = _("Dette samtykket kan ikke lenger gis. Be om et nytt samtykke.")
MSG_CANNOT_WITHDRAW = _("Samtykket er ikke gitt, og kan derfor ikke trekkes tilbake.")
MSG_CANNOT_RENEW = _("Bare et gitt eller utløpt samtykke kan fornyes.")
MSG_EXPIRY_NOT_FUTURE = _("Utløpsdatoen må være fram i tid.")
MSG_PAPER_NEEDS_COPY = _("Et samtykke på papir må ha en skannet kopi.")
# The scan could not be written (the disk is full or failing): nothing was registered.
MSG_SCAN_NOT_STORED = _(
    "Den skannede kopien kunne ikke lagres, så samtykket er ikke registrert. Prøv igjen om "
    "litt, og si fra til den som drifter Laget hvis det ikke går."
)
MSG_PURPOSE_REQUIRED = _("Skriv hva samtykket gjelder.")
MSG_CHILD_CONSENTS = _(
    "Barnet er %(age)s år, og fra %(limit)s år samtykker barnet selv til samarbeidet."
)
MSG_CONSENT_NOT_IN_CASE = _("Ukjent samtykke i denne saken.")
MSG_CONSENT_NOT_FOR_UNIT = _("Samtykket gjelder ikke for denne enheten.")
MSG_CONSENT_CLOSED = _("Samtykket er avslått, trukket tilbake eller utløpt.")
MSG_CONSENT_REQUIRED = _("Velg samtykket deltakeren er med på.")
MSG_CARE_ANSWERS_ITSELF = _(
    "Barnevernet har omsorgen og svarer selv på dette samtykket fra sin egen side i saken."
)
MSG_NOT_A_MEMBER = _("Velg et familiemedlem som hører til denne saken.")
MSG_NOT_CARE_STAFF = _(
    "Bare de som arbeider i barnevernet som har omsorgen, og som deltar i saken, svarer for det."
)
