"""Tussetoppen barnehage: behaviour (a measure that did not work), a level-3 case where child
welfare takes part on a statutory basis, and a fresh worry."""

from laget.cases.choices import (
    Arena,
    Audience,
    EntryKind,
    MeasureStatus,
    MeetingKind,
    Outcome,
)
from laget.demo.population import Family, Parent
from laget.demo.story import Story

# Child welfare, which has decided on help measures, cooperates on its duty to cooperate.
CHILD_WELFARE_COOPERATES = "samarbeid-barnevern"


# The families as the population register has them (laget/demo/population.py).
LUKAS = Family(
    "Lukas",
    "Bergsvik",
    (5, 0),
    boy=True,
    parents=(
        Parent("Anita Bergsvik", "mor"),
        Parent("Thomas Bergsvik", "far"),
    ),
)

EMMA = Family(
    "Emma",
    "Solbrekke",
    (4, 0),
    boy=False,
    parents=(
        Parent("Lene Solbrekke", "mor"),
        Parent("Roy Fjellvang", "far"),
    ),
)

OSKAR = Family(
    "Oskar",
    "Dyrnes",
    (3, 6),
    boy=True,
    parents=(
        Parent("Mari Dyrnes", "mor"),
        Parent("Kenneth Dyrnes", "far"),
    ),
)

FAMILIES = (
    LUKAS,
    EMMA,
    OSKAR,
)


def lukas(s: Story) -> None:
    """Level 1: the first measure did not work, a new plan is tried."""
    s.open(
        -80,
        "martin",
        label="Gutt, 5 år",
        observation="Lukas slår og dytter andre barn flere ganger om dagen, oftest når han må "
        "vente på tur. Han roer seg fort og virker lei seg etterpå.",
    )
    s.identify_from_register(LUKAS)
    s.entry(
        -77,
        EntryKind.CONVERSATION,
        "Foreldrene forteller at Lukas er mye sint hjemme også, og at de er slitne. De ønsker "
        "hjelp og er åpne for veiledning.",
        audience=Audience.ALL,
    )
    s.level(-76, 1, "Vi prøver tiltak i barnehagen først.", holder="martin")
    chart = s.measure(
        -76,
        "Belønningsskjema for turtaking",
        "Lukas venter på tur uten å slå i minst fire av fem situasjoner.",
        Arena.KINDERGARTEN,
        "martin",
        start=-75,
        evaluate=-40,
    )
    s.evaluate(
        -40,
        chart,
        Outcome.DID_NOT,
        "Lukas brydde seg lite om belønningene, og konfliktene er like mange. Vi trenger en "
        "annen tilnærming.",
        status=MeasureStatus.STOPPED,
    )
    s.entry(
        -39,
        EntryKind.DECISION,
        "Vi avslutter belønningsskjemaet. Ny plan: en voksen er nær Lukas i frilek og hjelper "
        "ham inn i leken før konflikten oppstår. Vi vurderer familiesenteret ved neste "
        "evaluering.",
        audience=Audience.ALL,
    )
    s.measure(
        -39,
        "Voksen nær i frilek",
        "Færre konflikter i frilek, og Lukas sier fra med ord.",
        Arena.KINDERGARTEN,
        "martin",
        start=-38,
        evaluate=8,
    )
    s.glimmer(
        -20,
        "Lukas sa «jeg er sint!» i stedet for å dytte, og fikk hjelp til å løse det. Han var "
        "stolt etterpå.",
    )


def emma(s: Story) -> None:
    """Level 3 with child welfare on a statutory basis, PPT and the health clinic."""
    s.open(
        -200,
        "martin",
        label="Jente, 4 år",
        observation="Emma er ofte urolig og skvetten og reagerer sterkt på høye lyder. Hun har "
        "sagt at pappa roper mye.",
    )
    s.identify_from_register(EMMA)
    s.entry(
        -196,
        EntryKind.CONVERSATION,
        "Samtale med mor. Foreldrene har nylig flyttet fra hverandre, og det har vært mye "
        "konflikt. Mor har selv tatt kontakt med familievernet.",
        audience=Audience.ALL,
    )
    s.level(-195, 1, "Trygghet i barnehagen først; foreldrene er informert.", holder="martin")
    base = s.measure(
        -195,
        "Trygg base: fast voksen og rolig krok",
        "Emma har et sted å trekke seg tilbake og en voksen som hjelper henne å roe seg.",
        Arena.KINDERGARTEN,
        "martin",
        start=-194,
        evaluate=-150,
    )
    s.join(-170, "hs", "sofie")
    s.level(-170, 2, "Helsestasjonen kobles inn for samtaler med mor og for Emmas søvn.")
    s.evaluate(
        -150,
        base,
        Outcome.PARTLY,
        "Emma bruker den rolige kroken og roer seg raskere. Hun er fortsatt skvetten ved lyd.",
    )
    s.entry(
        -141,
        EntryKind.CONVERSATION,
        "Mor har selv søkt barneverntjenesten om hjelp, og det er gjort vedtak om "
        "foreldreveiledning. Barneverntjenesten deltar i samarbeidet.",
        audience=Audience.ALL,
    )
    s.join(-140, "bv", statute=CHILD_WELFARE_COOPERATES)
    s.join(-139, "ppt", "olav")
    s.level(
        -138,
        3,
        "Barneverntjenesten gir hjelpetiltak, og PPT vurderer Emmas behov. Alle tjenestene "
        "trenger et felles samarbeidsmøte.",
    )
    first = s.meeting(
        -135,
        -125,
        agenda="Felles plan for Emma",
        place="Tussetoppen barnehage, møterommet",
    )
    s.held(
        first,
        "Mor deltok, far deltok på video. Barneverntjenesten gir foreldreveiledning til begge, "
        "hver for seg. PPT observerer Emma i barnehagen. Helsestasjonen følger opp søvnen. "
        "Barnehagen fortsetter med trygg base. Nytt møte om åtte uker.",
    )
    guidance = s.measure(
        -125,
        "Foreldreveiledning til begge foreldrene",
        "Foreldrene møter Emma rolig og likt i begge hjem.",
        Arena.HOME,
        "bv",
        start=-120,
        evaluate=-30,
        meeting=first,
    )
    sleep = s.measure(
        -125,
        "Kartlegging av søvn og råd til foreldrene",
        "Emma sover hele natten de fleste netter.",
        Arena.HEALTH_CLINIC,
        "sofie",
        start=-120,
        evaluate=-80,
        meeting=first,
    )
    s.entry(
        -100,
        EntryKind.OBSERVATION,
        "Emma leker godt med jevnaldrende i rolige situasjoner og trenger forberedelse før "
        "overganger og støy. PPT anbefaler ikke spesialpedagogisk hjelp nå, men gir råd til "
        "personalet.",
        by="olav",
    )
    s.evaluate(
        -80,
        sleep,
        Outcome.WORKED,
        "Emma sover hele natten de fleste netter. Mor bruker faste kveldsrutiner.",
        by="sofie",
    )
    s.glimmer(
        -60,
        "Emma sang høyt i bursdagssangen for venninnen sin og holdt seg bare litt for ørene.",
    )
    s.evaluate(
        -30,
        guidance,
        Outcome.PARTLY,
        "Mor har fullført veiledningen og bruker rådene. Far har vært med på tre av seks "
        "samtaler, og tilbudet til ham forlenges.",
        by="henrik",
    )
    review = s.meeting(
        -28,
        -21,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering og videre plan",
        place="Tussetoppen barnehage, møterommet",
    )
    s.held(
        review,
        "Emma er tryggere og reagerer mindre på lyd. Foreldreveiledningen for far fortsetter. "
        "Saken blir på nivå 3 fram til neste evaluering.",
    )
    s.measure(
        -21,
        "Forlenget foreldreveiledning til far",
        "Far fullfører veiledningen og bruker de samme rutinene som mor.",
        Arena.HOME,
        "bv",
        start=-20,
        evaluate=40,
        meeting=review,
    )
    s.meeting(-20, 35, kind=MeetingKind.EVALUATION, agenda="Evaluering", video=True)


def oskar(s: Story) -> None:
    """A level-0 worry opened by the unit leader, with a conversation planned."""
    s.open(
        -6,
        "gro",
        label="Gutt, 3 år",
        observation="Oskar har sluttet å snakke i barnehagen de siste ukene. Han nikker og "
        "rister på hodet, men sier ingenting. Far sier at han snakker som før hjemme.",
    )
    s.identify_from_register(OSKAR)
    s.entry(-5, EntryKind.NOTE, "Undringsnotat skrevet. Samtale med foreldrene er avtalt.")
    s.meeting(
        -5,
        3,
        agenda="Undringssamtale med foreldrene",
        place="Tussetoppen barnehage, møterommet",
    )


STORIES = (lukas, emma, oskar)
