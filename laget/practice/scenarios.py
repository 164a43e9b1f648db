"""The scenario library: fictional cases written for Laget, as data.

Every person, place and event here is invented. A scenario names no national id and no e-mail
address: a practice case never names a real person, and nobody is ever written to about it.
What the case holds (names, log entries, measures) is Norwegian content, as staff would write
it; what the practice area says about a scenario is translatable.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from laget.cases.choices import Arena, Audience, EntryKind, MeetingKind
from laget.orgs.models import UnitKind
from laget.people.models import FamilyRole


@dataclass(frozen=True)
class Child:
    given_name: str
    family_name: str
    # Age in days on the day the scenario starts (so that the age limits land the same way).
    age_days: int


@dataclass(frozen=True)
class Member:
    name: str
    relation: str
    role: str = FamilyRole.GUARDIAN


@dataclass(frozen=True)
class MeasurePlan:
    title: str
    goal: str
    arena: str
    # True: the other service is responsible; False: the user (the stafettholder).
    by_other: bool = False
    started_days_ago: int = 14
    evaluation_in_days: int = 21


@dataclass(frozen=True)
class Note:
    kind: str
    text: str
    audience: str = Audience.PROFESSIONALS


@dataclass(frozen=True)
class Scenario:
    key: str
    title: Promise
    summary: Promise
    # What to rehearse, in the order of the guide's steps.
    practise: tuple[Promise, ...]
    level: int
    label: str
    reason: str
    observation: str
    child: Child | None = None
    family: tuple[Member, ...] = ()
    # The kinds of service, in order of preference, asked to take part on the family's consent
    # (one of them, another than the user's own unit). Empty: the user's unit alone.
    other_service: tuple[str, ...] = ()
    measures: tuple[MeasurePlan, ...] = ()
    notes: tuple[Note, ...] = field(default_factory=tuple)
    # A planned meeting this many days ahead (with everyone in the case), or none.
    meeting_in_days: int | None = None
    meeting_kind: str = MeetingKind.COORDINATION


YEAR = 365

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        key="undring",
        title=_("En undring på nivå 0"),
        summary=_(
            "En fireåring i barnehagen har blitt stille og holder seg for seg selv. Ingen er "
            "navngitt ennå: saken har bare en merkelapp."
        ),
        practise=(
            _("Skriv en ny observasjon i loggen."),
            _("Åpne «Hva nå?» og les hva veilederen sier om nivå 0."),
            _("Avgjør undringen: løft saken til nivå 1 med en begrunnelse, eller avslutt den."),
        ),
        level=0,
        label="Øvelse: stille fireåring",
        reason="Undring etter flere uker med endret atferd",
        observation=(
            "Har de siste tre ukene trukket seg unna leken ute og i garderoben. Sier lite, "
            "spiser lite av matpakken. Blir lett lei seg ved henting."
        ),
    ),
    Scenario(
        key="to-tjenester",
        title=_("Nivå 2: to tjenester samarbeider"),
        summary=_(
            "En sjuåring har vansker med lesing og søvn. Din tjeneste og en annen tjeneste har "
            "hvert sitt tiltak, og et evalueringsmøte nærmer seg."
        ),
        practise=(
            _("Evaluer et av tiltakene: hva viste det, og fortsetter det?"),
            _("Forbered evalueringsmøtet: saksliste, hvem som kommer, barnets syn."),
            _("Skriv referat etter møtet og sett opp neste steg."),
            _("Vurder om stafetten skal gis videre."),
        ),
        level=2,
        label="Øvelse: nivå 2",
        reason="Behov for samordnet innsats fra flere tjenester",
        observation="Foreldrene forteller om lite søvn og mye uro om kveldene.",
        child=Child("Sondre", "Haugli", age_days=7 * YEAR + 40),
        family=(
            Member("Kari Haugli", "mor"),
            Member("Tarik Haugli", "far"),
        ),
        other_service=(UnitKind.SCHOOL, UnitKind.PPT, UnitKind.HEALTH_CLINIC),
        measures=(
            MeasurePlan(
                "Samtaler om søvn og kveldsrutiner",
                "Sondre sovner før klokka ni de fleste kveldene.",
                Arena.HOME,
            ),
            MeasurePlan(
                "Lesetrening i liten gruppe",
                "Sondre leser enkle setninger selv innen jul.",
                Arena.SCHOOL,
                by_other=True,
            ),
        ),
        notes=(
            Note(
                EntryKind.CONVERSATION,
                "Samtale med begge foreldrene. De ønsker at skolen og vi snakker sammen, og "
                "har samtykket til det.",
                Audience.ALL,
            ),
        ),
        meeting_in_days=10,
        meeting_kind=MeetingKind.EVALUATION,
    ),
    Scenario(
        key="overgang-skole",
        title=_("Overgang fra barnehage til skole"),
        summary=_(
            "Maja begynner på skolen til høsten. Tiltakene i barnehagen har virket, og skolen "
            "skal ta over stafetten."
        ),
        practise=(
            _("Lag en overgang til skolen, med et overgangsmøte."),
            _("Skriv i loggen hva skolen bør vite, med barnets og foreldrenes egne ord."),
            _("Gi stafetten til skolen når overgangen er gjort."),
        ),
        level=1,
        label="Øvelse: overgang",
        reason="Tidlig innsats før skolestart",
        observation="Trenger forutsigbarhet ved overganger i løpet av dagen.",
        child=Child("Maja", "Solberg", age_days=5 * YEAR + 250),
        family=(Member("Line Solberg", "mor"),),
        other_service=(UnitKind.SCHOOL,),
        measures=(
            MeasurePlan(
                "Fast voksen ved levering",
                "Maja går inn i barnehagen uten å gråte ved levering.",
                Arena.KINDERGARTEN,
                started_days_ago=60,
                evaluation_in_days=14,
            ),
        ),
        notes=(
            Note(
                EntryKind.GLIMMER,
                "Maja viste de andre barna hvordan hun bygger en bro av klosser, og lo høyt.",
                Audience.ALL,
            ),
        ),
    ),
    Scenario(
        key="samtykke-trukket",
        title=_("Foreldrene trekker samtykket"),
        summary=_(
            "To tjenester samarbeider om Jonas på foreldrenes samtykke. Foreldrene ringer og "
            "sier at de ikke lenger vil at den andre tjenesten skal være med."
        ),
        practise=(
            _("Registrer at samtykket er trukket."),
            _("Se hvem som mister tilgangen til saken, og behandle varselet."),
            _("Skriv i loggen hva dere avtalte med foreldrene."),
        ),
        level=1,
        label="Øvelse: samtykke",
        reason="Samarbeid om tiltak etter samtale med foreldrene",
        observation="Jonas har vært borte fra skolen mange dager denne høsten.",
        child=Child("Jonas", "Berg", age_days=10 * YEAR + 100),
        family=(
            Member("Sara Berg", "mor"),
            Member("Henrik Berg", "far"),
        ),
        other_service=(UnitKind.HEALTH_CLINIC, UnitKind.PPT, UnitKind.SCHOOL),
        measures=(
            MeasurePlan(
                "Oppmøteplan med fast kontaktperson",
                "Jonas er på skolen minst fire av fem dager.",
                Arena.SCHOOL,
                by_other=True,
            ),
        ),
    ),
)

SCENARIOS_BY_KEY = {s.key: s for s in SCENARIOS}
