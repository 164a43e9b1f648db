"""Validation messages for the stafettlogg, as constants the tests assert on."""

from django.utils.translation import gettext_lazy as _

MSG_CASE_CLOSED = _("Saken er avsluttet og kan bare leses.")
MSG_SECOND_STAFETTHOLDER = _(
    "Saken har allerede en aktiv stafettholder. Bruk «Overlever stafetten» for å bytte."
)
MSG_STAFETTHOLDER_REQUIRED = _(
    "Fra nivå 1 må saken ha en stafettholder. Velg hvem som skal ha den."
)
MSG_STAFETTHOLDER_MUST_BE_PERSON = _("Stafettholderen må være en person, ikke en hel enhet.")
MSG_UNKNOWN_UNIT = _("Ukjent enhet.")
MSG_UNKNOWN_PARTICIPANT = _("Ukjent deltaker i denne saken.")
MSG_NOT_MEMBER_OF_UNIT = _("Personen er ikke ansatt i den valgte enheten.")
MSG_ALREADY_PARTICIPANT = _("Denne deltakeren er allerede med i saken.")
MSG_SAME_LEVEL = _("Saken er allerede på dette nivået.")
MSG_LEVEL_RANGE = _("Nivået må være 0, 1, 2 eller 3.")
MSG_REASON_REQUIRED = _("Skriv en begrunnelse.")
MSG_STATUTE_REQUIRED = _("Velg lovhjemmelen fra listen.")
MSG_UNKNOWN_STATUTE = _("Lovhjemmelen finnes ikke i kommunens liste. Velg en fra listen.")
MSG_STATUTE_NOT_FOR_KIND = _("Denne lovhjemmelen gjelder ikke for denne typen tjeneste.")
MSG_STATUTE_OWN_UNIT_ONLY = _(
    "«Egen tjeneste» gjelder bare for enheten som har ansvaret for saken. Velg en annen "
    "lovhjemmel eller et samtykke."
)
MSG_STATUTE_KINDS_REQUIRED = _("Velg minst én type tjeneste lovhjemmelen gjelder for.")
MSG_STATUTE_EXISTS = _("Kommunen har allerede denne lovhjemmelen i listen.")
MSG_LEGAL_BASIS_INVALID = _("Velg samtykke eller lovhjemmel som rettsgrunnlag.")
MSG_HOLDER_CANNOT_LEAVE = _("Stafettholderen kan ikke gå ut av saken før stafetten er overlevert.")
MSG_ALREADY_HOLDER = _("Denne personen har allerede stafetten.")
MSG_ALREADY_IDENTIFIED = _("Saken er allerede knyttet til en person.")
MSG_NO_SUBJECT = _("Knytt saken til en person før du legger til foresatte.")
MSG_SAME_UNIT = _("Overgangen må gå til en annen enhet.")
MSG_NOT_CHILD_WELFARE = _("Bekymringsmelding sendes til en barneverntjeneste.")
MSG_UNKNOWN_MEETING = _("Ukjent møte i denne saken.")
MSG_CHOOSE_OUTCOME = _("Velg om tiltaket virket, virket delvis eller ikke virket.")
MSG_CHOOSE_EVALUATION_STATUS = _("Velg om tiltaket fortsetter, er fullført eller avbrytes.")
MSG_EVALUATED_IN_FUTURE = _("Evalueringsdatoen kan ikke være fram i tid.")
MSG_MEETING_HELD_BEFORE_START = _("Et møte kan ikke merkes som gjennomført før det har startet.")
MSG_MEETING_NEEDS_PLACE = _("Oppgi sted eller videolenke.")
MSG_INTERPRETER_NOT_BOOKED = _(
    "Møtet kan ikke merkes klart før tolk er bestilt: %(languages)s. Bestill tolk, eller "
    "endre familiemedlemmets behov for tolk hvis det er feil."
)
MSG_NOT_AN_INTERPRETER_NEED = _("Denne inviterte trenger ikke tolk.")
MSG_MEETING_NOT_PLANNED = _("Bare et planlagt møte kan merkes klart.")
MSG_UNKNOWN_STEP = _("Ukjent trinn på dette nivået i veilederen.")
MSG_STEP_MOVED = _(
    "Saken har flyttet seg i veilederen siden du så den. Se hvor den står nå, og velg på nytt."
)
MSG_STEP_UNDO_GONE = _(
    "Flyttingen kan ikke angres lenger: tiden er ute, eller saken er endret siden. "
    "Velg trinn på nytt om det trengs."
)
MSG_NOT_A_PERSON = _("Velg en person, ikke en hel enhet.")
MSG_NEXT_MEETING_NOT_AFTER = _("Neste møte må være etter dette møtet.")
MSG_UNKNOWN_ATTENDEE = _("Ukjent invitert i dette møtet.")
MSG_UNKNOWN_RESPONSE = _("Velg om den inviterte kommer eller ikke.")
MSG_FAMILY_ENTRY_KIND = _("Velg kommentar eller lysglimt.")
MSG_NOT_FAMILY = _(
    "Bare foresatte med foreldreansvar, og barnet selv fra aldersgrensen, skriver her."
)

# Stored in the log, so in bokmål whatever the language of the person who wrote it.
FOLLOW_UP_AGENDA = "Oppfølging av møtet {date}"
