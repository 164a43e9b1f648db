"""Havbrekke helsestasjon and Familiesenteret: a pregnancy, infants, a family that needs NAV,
a worry that turned out to be nothing (closed), and TIBIR parent counselling."""

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
from laget.people.models import SubjectKind

# The families as the population register has them (laget/demo/population.py).
AKSEL = Family(
    "Aksel",
    "Myrvang",
    (0, 8),
    boy=True,
    parents=(
        Parent("Nina Myrvang", "mor"),
        Parent("Jon Eriksrud", "far"),
    ),
)

ALMA = Family(
    "Alma",
    "Tveito",
    (1, 2),
    boy=False,
    parents=(Parent("Sandra Tveito", "mor"),),
)

THEO = Family(
    "Theo",
    "Rimstad",
    (2, 3),
    boy=True,
    parents=(Parent("Sunniva Rimstad", "mor"),),
)

FRIDA = Family(
    "Frida",
    "Kolstø",
    (1, 6),
    boy=False,
    parents=(
        Parent("Linn Kolstø", "mor"),
        Parent("Kristoffer Kolstø", "far"),
    ),
)

MIA = Family(
    "Mia",
    "Storeng",
    (3, 0),
    boy=False,
    parents=(
        Parent("Henriette Storeng", "mor"),
        Parent("Anders Storeng", "far"),
    ),
)

FAMILIES = (
    AKSEL,
    ALMA,
    THEO,
    FRIDA,
    MIA,
)


def julie(s: Story) -> None:
    """A pregnant woman (the case starts before the birth), level 2 with mental health."""
    s.open(
        -45,
        "jorunn",
        label="Gravid, uke 28",
        observation="EPDS-skår 14 ved svangerskapskontrollen i uke 28. Hun sover lite, gruer "
        "seg til fødselen og til å være alene med babyen.",
    )
    s.identify(
        "Julie",
        "Fossmark",
        s.born(27, 4),
        kind=SubjectKind.PREGNANT,
        due_date=s.date(39),
    )
    s.entry(
        -44,
        EntryKind.CONVERSATION,
        "Samtale med Julie. Hun ønsker hjelp og samtykker til at psykisk helse kobles inn. "
        "Samboeren jobber turnus og er ofte borte.",
        audience=Audience.ALL,
    )
    s.join(-43, "psyk", "maja")
    s.level(
        -43,
        2,
        "Jordmor og psykisk helse samarbeider om oppfølgingen i svangerskapet.",
        holder="jorunn",
    )
    talks = s.measure(
        -43,
        "Samtaler hos psykiatrisk sykepleier",
        "Julie sover bedre og kjenner seg tryggere foran fødselen.",
        Arena.OTHER,
        "maja",
        start=-40,
        evaluate=-5,
    )
    s.measure(
        -43,
        "Hyppigere svangerskapskontroller",
        "Julie har en fast kontakt hver annen uke fram til fødselen.",
        Arena.HEALTH_CLINIC,
        "jorunn",
        start=-40,
        evaluate=20,
    )
    s.glimmer(
        -25,
        "Julie kom på kontroll med en lue hun har strikket til babyen. «Den første jeg har "
        "strikket», sa hun.",
    )
    s.evaluate(
        -4,
        talks,
        Outcome.PARTLY,
        "Julie sover litt bedre og har nytte av samtalene. Hun er fortsatt engstelig for tiden "
        "etter fødselen.",
        by="maja",
        status=MeasureStatus.ACTIVE,
    )
    s.meeting(
        -4,
        5,
        agenda="Plan for barseltiden: hvem følger opp etter fødselen?",
        place="Havbrekke helsestasjon",
        guardians=False,
    )


def aksel(s: Story) -> None:
    s.open(
        -50,
        "hanne",
        label="Gutt, 8 måneder",
        observation="Mor forteller på 6-månederskontrollen at Aksel gråter mye om kveldene og "
        "våkner hver time om natta. Mor virker sliten og sier at hun ikke orker mer.",
    )
    s.identify_from_register(AKSEL)
    s.entry(
        -49,
        EntryKind.CONVERSATION,
        "Hjemmebesøk med begge foreldrene. De ønsker hjelp med søvnrutiner og tettere "
        "oppfølging på helsestasjonen.",
        audience=Audience.ALL,
    )
    s.level(-48, 1, "Tettere oppfølging fra helsestasjonen.", holder="hanne")
    sleep = s.measure(
        -48,
        "Søvnveiledning hjemme",
        "Aksel sover lengre perioder, og foreldrene deler nettene.",
        Arena.HOME,
        "hanne",
        start=-47,
        evaluate=-15,
    )
    s.measure(
        -48,
        "Ukentlig kontakt på helsestasjonen",
        "Mor har noen å snakke med hver uke til det har roet seg.",
        Arena.HEALTH_CLINIC,
        "hanne",
        start=-47,
        evaluate=10,
    )
    s.glimmer(-30, "Aksel krabbet for første gang på helsestasjonen – rett bort til lekebilen.")
    s.evaluate(
        -14,
        sleep,
        Outcome.WORKED,
        "Aksel sover i lengre perioder, og foreldrene deler nettene. Mor er mindre sliten.",
    )


def alma(s: Story) -> None:
    """Level 2: health clinic and NAV, housing and money."""
    s.open(
        -70,
        "sofie",
        label="Jente, 1 år",
        observation="Mor forteller at familien må flytte og ikke har funnet noe nytt. Alma har "
        "hatt mange luftveisinfeksjoner, og mor mener leiligheten er fuktig.",
    )
    s.identify_from_register(ALMA)
    s.entry(
        -68,
        EntryKind.CONVERSATION,
        "Mor ønsker hjelp med bolig og økonomi og samtykker til at NAV kobles inn.",
        audience=Audience.ALL,
    )
    s.join(-67, "nav", "fatima")
    s.level(-67, 2, "Helsestasjonen og NAV samarbeider om bolig og økonomi.", holder="sofie")
    meeting = s.meeting(-60, -55, agenda="Bolig og økonomi", place="NAV Havbrekke")
    s.held(
        meeting,
        "NAV hjelper mor å søke kommunal bolig og gir økonomisk rådgivning. Helsestasjonen "
        "følger opp Almas helse. Neste møte om to måneder.",
    )
    housing = s.measure(
        -55,
        "Søknad om kommunal bolig",
        "Familien bor i en tørr og trygg bolig.",
        Arena.OTHER,
        "fatima",
        start=-54,
        evaluate=-10,
        meeting=meeting,
    )
    money = s.measure(
        -55,
        "Økonomisk rådgivning",
        "Mor har oversikt over økonomien og en plan for gjelden.",
        Arena.OTHER,
        "fatima",
        start=-54,
        evaluate=-25,
        meeting=meeting,
    )
    s.evaluate(
        -25,
        money,
        Outcome.PARTLY,
        "Mor har oversikt over gjelden og en nedbetalingsplan. Budsjettet er fortsatt stramt.",
        by="fatima",
    )
    s.evaluate(
        -10,
        housing,
        Outcome.WORKED,
        "Familien har fått tilbud om kommunal bolig og flytter om tre uker.",
        by="fatima",
    )
    s.glimmer(-8, "Alma tok sine første skritt på helsestasjonen – fire skritt rett til mor.")
    s.meeting(-8, 21, agenda="Oppfølging etter flyttingen", video=True)


def theo(s: Story) -> None:
    """A level-0 worry at the 2-year check, still within its deadline."""
    s.open(
        -9,
        "hanne",
        label="Gutt, 2 år",
        observation="Theo har få ord ved 2-årskontrollen og ser lite på den som snakker til ham. "
        "Far sier at han helst leker alene.",
    )
    s.identify_from_register(THEO)
    s.entry(
        -8,
        EntryKind.NOTE,
        "Drøftet med kollega. Ny time om tre uker, der vi fyller ut ASQ sammen med foreldrene.",
    )


def frida(s: Story) -> None:
    """A worry that was looked into and closed at level 0."""
    s.open(
        -40,
        "sofie",
        label="Jente, 1 år",
        observation="Frida går lite og vil helst bli båret. Far er bekymret for at hun er sen.",
    )
    s.identify_from_register(FRIDA)
    s.entry(
        -35,
        EntryKind.CONVERSATION,
        "Undersøkt på helsestasjonen sammen med fysioterapeut. Frida går med støtte og er "
        "innenfor det vanlige. Foreldrene er beroliget.",
        audience=Audience.ALL,
    )
    s.close(
        -34, "Ingen grunn til bekymring etter undersøkelsen. Foreldrene sier fra om noe endrer seg."
    )


def mia(s: Story) -> None:
    """The family centre holds the baton: TIBIR parent counselling, then the health clinic."""
    s.open(
        -90,
        "vilde",
        label="Jente, 3 år",
        observation="Foreldrene ba selv om hjelp: Mia får kraftige sinneutbrudd ved legging og "
        "påkledning, og foreldrene er uenige om hvordan de skal møte henne.",
    )
    s.identify_from_register(MIA)
    s.level(-88, 1, "Familiesenteret gir foreldrerådgivning etter TIBIR.", holder="vilde")
    counselling = s.measure(
        -88,
        "TIBIR foreldrerådgivning, seks samtaler",
        "Foreldrene møter Mia likt, med ros og tydelige rutiner.",
        Arena.HOME,
        "vilde",
        start=-87,
        evaluate=-30,
    )
    s.join(-60, "hs", "hanne")
    s.level(-60, 2, "Helsestasjonen kobles inn for søvn og språk, slik foreldrene ønsker.")
    s.glimmer(-40, "Mia kledde på seg selv og viste stolt at genseren var vrang. Ingen kamp!")
    s.evaluate(
        -30,
        counselling,
        Outcome.WORKED,
        "Foreldrene er mer samstemte og bruker ros og faste rutiner. Utbruddene er færre og "
        "kortere.",
    )
    s.measure(
        -29,
        "Oppfølging av søvn",
        "Mia sovner innen en halvtime uten konflikt.",
        Arena.HEALTH_CLINIC,
        "hanne",
        start=-28,
        evaluate=12,
    )
    s.meeting(
        -20,
        12,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering og avslutning av foreldrerådgivningen",
        place="Familiesenteret Havbrekke",
    )


STORIES = (julie, aksel, alma, theo, frida, mia)
