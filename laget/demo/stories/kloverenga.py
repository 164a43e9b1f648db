"""Kløverenga barnehage: language, motor skills, a case opened straight at level 3 at the
parents' request, and one that moved down a level."""

from laget.cases.choices import (
    Arena,
    Audience,
    EntryKind,
    MeetingKind,
    Outcome,
)
from laget.demo.population import Family, Parent
from laget.demo.story import Story

# The families as the population register has them (laget/demo/population.py).
LEAH = Family(
    "Leah",
    "Kalsnes",
    (5, 1),
    boy=False,
    parents=(
        Parent("Maria Kalsnes", "mor"),
        Parent("Hamid Kalsnes", "far"),
    ),
)

JAKOB = Family(
    "Jakob",
    "Tindholm",
    (4, 8),
    boy=True,
    parents=(
        Parent("Cecilie Tindholm", "mor"),
        Parent("Petter Tindholm", "far"),
    ),
)

MILO = Family(
    "Milo",
    "Aasvang",
    (4, 3),
    boy=True,
    parents=(
        Parent("Kaja Aasvang", "mor"),
        Parent("Eirik Aasvang", "far"),
    ),
)

VETLE = Family(
    "Vetle",
    "Hovdan",
    (5, 4),
    boy=True,
    parents=(
        Parent("Stine Hovdan", "mor"),
        Parent("Ole Petter Hovdan", "far"),
    ),
)

FAMILIES = (
    LEAH,
    JAKOB,
    MILO,
    VETLE,
)


def leah(s: Story) -> None:
    s.open(
        -75,
        "linnea",
        label="Jente, 5 år",
        observation="Leah forstår mye norsk, men blander norsk og arabisk når hun blir ivrig, og "
        "blir stille når de andre ikke forstår. Vi vil styrke norsken uten å ta fra henne "
        "morsmålet.",
    )
    s.identify_from_register(LEAH)
    s.entry(
        -72,
        EntryKind.CONVERSATION,
        "Foreldresamtale med tolk. Foreldrene vil at Leah skal lære godt norsk før skolestart, "
        "og at familien fortsatt snakker arabisk hjemme.",
        audience=Audience.ALL,
    )
    s.level(-71, 1, "Tiltak i barnehagen, i samarbeid med foreldrene.", holder="linnea")
    path = s.measure(
        -71,
        "Språkløype i liten gruppe",
        "Leah bruker nye ord fra temaene i samtale med voksne og barn.",
        Arena.KINDERGARTEN,
        "linnea",
        start=-70,
        evaluate=-20,
    )
    s.evaluate(
        -20,
        path,
        Outcome.WORKED,
        "Leah bruker flere norske ord og tar oftere initiativ til samtaler.",
    )
    s.measure(
        -19,
        "Bøker på to språk hjemme",
        "Leah og foreldrene leser den samme boka på norsk og arabisk.",
        Arena.HOME,
        "linnea",
        start=-18,
        evaluate=30,
    )
    s.glimmer(
        -12,
        "Leah tolket for en ny gutt på avdelingen som også snakker arabisk. Hun var stolt som "
        "en hane.",
    )


def jakob(s: Story) -> None:
    s.open(
        -100,
        "linnea",
        label="Gutt, 4 år",
        observation="Jakob har vansker med å sitte i ro i samling, faller ofte og unngår "
        "tegning og klipping. Han blir lei seg når han ikke får til det de andre gjør.",
    )
    s.identify_from_register(JAKOB)
    s.entry(
        -95,
        EntryKind.CONVERSATION,
        "Foreldrene ser det samme hjemme og lurer på om Jakob trenger mer hjelp. De ønsker at "
        "PPT ser på ham.",
        audience=Audience.ALL,
    )
    s.level(-94, 1, "Tiltak i barnehagen mens vi venter på PPT.", holder="linnea")
    motor = s.measure(
        -94,
        "Motorikkløype tre dager i uka",
        "Jakob blir tryggere i kroppen og får oppleve mestring.",
        Arena.KINDERGARTEN,
        "linnea",
        start=-92,
        evaluate=-50,
    )
    s.join(-80, "ppt", "olav")
    s.level(
        -80,
        2,
        "Foreldrene har samtykket til at PPT vurderer behovet for spesialpedagogisk hjelp.",
    )
    s.entry(
        -60,
        EntryKind.OBSERVATION,
        "PPT har observert Jakob i barnehagen og snakket med foreldrene. Den sakkyndige "
        "vurderingen er klar om fire uker.",
        by="olav",
        audience=Audience.ALL,
    )
    s.evaluate(
        -50,
        motor,
        Outcome.PARTLY,
        "Jakob er modigere i klatrestativet, men vil fortsatt ikke tegne. Vi venter på råd fra "
        "PPT.",
    )
    meeting = s.meeting(
        -45,
        -35,
        agenda="Gjennomgang av den sakkyndige vurderingen fra PPT",
        place="Kløverenga barnehage, møterommet",
    )
    s.held(
        meeting,
        "PPT anbefaler spesialpedagogisk hjelp to timer i uka, med vekt på finmotorikk og "
        "oppmerksomhet. Foreldrene er enige. Barnehagen lager planen sammen med PPT.",
    )
    s.measure(
        -35,
        "Spesialpedagogisk hjelp to timer i uka",
        "Jakob holder blyant og saks med et godt grep og holder ut en oppgave i ti minutter.",
        Arena.KINDERGARTEN,
        "linnea",
        start=-28,
        evaluate=20,
        meeting=meeting,
    )
    s.glimmer(-15, "Jakob klippet ut et hjerte helt selv og ga det til farmoren sin.")
    s.meeting(
        -14,
        20,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering av den spesialpedagogiske hjelpen",
        video=True,
    )


def boy_ekorn(s: Story) -> None:
    """A de-identified level-0 worry, still within its deadline."""
    s.open(
        -7,
        "linnea",
        label="Gutt, 5 år, avdeling Ekorn",
        observation="Kommer ofte uten matpakke og med for lite klær i regnvær. Spiser mye når "
        "han får tilbud om mat.",
    )
    s.entry(
        -6,
        EntryKind.NOTE,
        "Drøftet med styrer. Vi inviterer foreldrene til en samtale neste uke.",
    )


def milo(s: Story) -> None:
    """Opened straight at level 3, because the parents asked for a meeting with everyone."""
    s.open(
        -50,
        "linnea",
        label="Gutt, 4 år",
        level=3,
        reason="Foreldrene ba om ett samarbeidsmøte med alle som hjelper Milo. Saken startes "
        "derfor direkte på nivå 3.",
    )
    s.identify_from_register(MILO)
    s.consent(-49, ["hs", "ppt"], "Felles samarbeid med helsestasjonen og PPT om Milos språk")
    s.join(-49, "hs", "hanne")
    s.join(-49, "ppt", "olav")
    meeting = s.meeting(
        -45,
        -40,
        agenda="Første samarbeidsmøte: hva trenger Milo, og hvem gjør hva?",
        place="Kløverenga barnehage, møterommet",
    )
    s.held(
        meeting,
        "Foreldrene fortalte om hverdagen og hva som fungerer hjemme. Milo hører dårlig og har "
        "fått høreapparat. Helsestasjonen følger opp hørselen. PPT vurderer tegn til tale. "
        "Barnehagen lager en dagtavle med bilder. Foreldrene ønsker at vi vurderer individuell "
        "plan.",
    )
    s.measure(
        -40,
        "Dagtavle med bilder og tegn til tale",
        "Milo forstår hva som skal skje gjennom dagen og kan be om det han trenger.",
        Arena.KINDERGARTEN,
        "linnea",
        start=-38,
        evaluate=10,
        meeting=meeting,
    )
    hearing = s.measure(
        -40,
        "Oppfølging av hørselen",
        "Høreapparatene er riktig tilpasset og brukes hele dagen.",
        Arena.HEALTH_CLINIC,
        "hanne",
        start=-38,
        evaluate=-6,
        meeting=meeting,
    )
    s.glimmer(
        -25,
        "Milo viste tegnet for «mer» ved lunsj og fikk en skive til. Han lo og gjorde tegnet "
        "en gang til.",
    )
    s.evaluate(
        -6,
        hearing,
        Outcome.WORKED,
        "Høreapparatene er justert, og Milo bruker dem hele dagen i barnehagen.",
        by="hanne",
    )
    s.meeting(-5, 15, agenda="Oppfølging og spørsmålet om individuell plan", video=True)


def vetle(s: Story) -> None:
    """Level 2 with TIBIR support from the family centre, then down to level 1."""
    s.open(
        -140,
        "linnea",
        label="Gutt, 5 år",
        observation="Vetle får kraftige raserianfall ved overganger, særlig fra ute til inne. "
        "Han kaster ting og slår når han blir stoppet.",
    )
    s.identify_from_register(VETLE)
    s.entry(
        -136,
        EntryKind.CONVERSATION,
        "Foreldrene kjenner igjen utbruddene hjemme, særlig når Vetle er sulten og sliten. De "
        "ønsker råd.",
        audience=Audience.ALL,
    )
    s.join(-135, "fam", "vilde")
    s.level(
        -135,
        2,
        "Barnehagen og familiesenteret samarbeider: TIBIR-konsultasjon for personalet og "
        "foreldrerådgivning.",
        holder="linnea",
    )
    staff = s.measure(
        -130,
        "TIBIR-konsultasjon for personalet",
        "Personalet gir tydelige beskjeder, forbereder overganger og roser det Vetle får til.",
        Arena.KINDERGARTEN,
        "vilde",
        start=-128,
        evaluate=-70,
    )
    parents = s.measure(
        -130,
        "TIBIR foreldrerådgivning",
        "Foreldrene har noen enkle grep som gjør kveldene roligere.",
        Arena.HOME,
        "vilde",
        start=-128,
        evaluate=-70,
    )
    s.glimmer(-100, "Vetle satte sykkelen i stativet og gikk inn uten protest – helt av seg selv.")
    s.evaluate(
        -70,
        staff,
        Outcome.WORKED,
        "Utbruddene har gått ned fra daglig til omtrent én gang i uka. Personalet forbereder "
        "overgangene med timer og bilder.",
        by="vilde",
    )
    s.evaluate(
        -70,
        parents,
        Outcome.WORKED,
        "Foreldrene bruker ros og tydelige beskjeder og opplever roligere kvelder.",
        by="vilde",
    )
    s.level(
        -68,
        1,
        "Tiltakene har virket. Familiesenteret avslutter sin del; barnehagen fortsetter med det "
        "som fungerer.",
    )
    s.leave(-67, "vilde")
    s.measure(
        -67,
        "Forberedte overganger med timer",
        "Vetle vet hva som skjer etterpå, og overgangene går uten utbrudd.",
        Arena.KINDERGARTEN,
        "linnea",
        start=-66,
        evaluate=3,
    )
    s.glimmer(-30, "Vetle minnet selv de andre på at timeren snart ringte. «Fem minutter igjen!»")


STORIES = (leah, jakob, boy_ekorn, milo, vetle)
