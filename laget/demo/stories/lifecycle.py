"""A log's later life: a child with the right to an individual plan and a coordinator, and a
father's request for a copy of what he may read. Every name is invented."""

from laget.cases.choices import Arena, Audience, EntryKind, MeasureStatus, Outcome
from laget.demo.population import Family, Parent
from laget.demo.story import Story
from laget.plans.choices import PlanStatute

# The families as the population register has them (laget/demo/population.py).
SARA = Family(
    "Sara",
    "Lindvik",
    (4, 2),
    boy=False,
    parents=(
        Parent("Kine Lindvik", "mor"),
        Parent("Pål Lindvik", "far"),
    ),
)

LARS = Family(
    "Lars",
    "Brekkestø",
    (5, 4),
    boy=True,
    parents=(
        Parent("Marit Brekkestø", "mor"),
        Parent("Vegard Brekkestø", "far"),
    ),
)

FAMILIES = (
    SARA,
    LARS,
)


def sara(s: Story) -> None:
    """Speech and motor delays: kindergarten, health clinic and PPT work together, the health
    and care service decides that Sara has the right to an individual plan, and the health
    nurse becomes her coordinator while the kindergarten keeps the baton."""
    s.open(
        -150,
        "ingrid",
        label="Jente, 4 år",
        observation="Sara sier få ord, faller oftere enn de andre og trekker seg unna i leken.",
    )
    s.identify_from_register(SARA)
    s.join(-140, "hs", "hanne")
    s.level(-138, 1, "Barnehagen og helsestasjonen følger Sara tettere.", holder="ingrid")
    s.join(-120, "ppt", "olav")
    s.level(-118, 2, "PPT utreder språk og motorikk sammen med barnehagen.", holder="ingrid")
    words = s.measure(
        -115,
        "Språkgruppe tre dager i uka",
        "Sara bruker flere ord i leken og ber om hjelp med ord.",
        Arena.KINDERGARTEN,
        "ingrid",
        start=-112,
        evaluate=-40,
    )
    s.measure(
        -110,
        "Fysioterapi hver fjortende dag",
        "Sara klatrer og hopper trygt på uteområdet.",
        Arena.HEALTH_CLINIC,
        "hanne",
        start=-105,
        evaluate=30,
    )
    s.evaluate(
        -38,
        words,
        Outcome.PARTLY,
        "Sara bruker flere ord og leker mer med de andre. Gruppen fortsetter.",
        status=MeasureStatus.ACTIVE,
    )
    s.entry(
        -30,
        EntryKind.CONVERSATION,
        "Foreldrene ønsker én fast kontaktperson for alle tjenestene framover.",
        audience=Audience.ALL,
    )
    s.plan_decision(
        -21,
        "Tildelingskontoret for helse og omsorg",
        PlanStatute.HEALTH_CARE,
        "Sara har behov for langvarige og koordinerte tjenester fra barnehage, helsestasjon, "
        "PPT og fysioterapi.",
    )
    s.plan_coordinator(-20, "hanne")


def lars(s: Story) -> None:
    """The family is moving to neighbouring Storevik: the stafettholder has proposed moving the
    log to the kindergarten there, with both parents' consent (laget.demo.moving proposes it
    once the neighbours exist); the leader there decides."""
    s.open(
        -90,
        "jonas",
        label="Gutt, 5 år",
        observation="Lars blir fort sint når planene endrer seg, og slår de andre barna.",
    )
    s.identify_from_register(LARS)
    s.level(-85, 1, "Barnehagen lager faste overganger for Lars.", holder="jonas")
    s.measure(
        -84,
        "Bildedagsplan og varsel før overganger",
        "Lars vet hva som skjer etterpå, og dagene har færre utbrudd.",
        Arena.KINDERGARTEN,
        "jonas",
        start=-82,
        evaluate=10,
    )
    s.glimmer(-15, "Lars hjalp en ny gutt med å finne plassen sin i garderoben.")
    s.town.cases["lars"] = s.case


STORIES = (sara, lars)
