"""The one kindergarten → school transition: Elias moves from Måkeberget barnehage to
Havbrekke barneskole, with a handover meeting and the baton passed to his teacher."""

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
ELIAS = Family(
    "Elias",
    "Strandmoen",
    (5, 9),
    boy=True,
    parents=(
        Parent("Siv Strandmoen", "mor"),
        Parent("Kjetil Strandmoen", "far"),
    ),
)

FAMILIES = (ELIAS,)


def elias(s: Story) -> None:
    """Level 2 with PPT; moves from kindergarten to school with a handover meeting."""
    s.open(
        -170,
        "ingrid",
        label="Gutt, 5 år, avdeling Blåskjell",
        observation="Elias bruker få ord i samlingsstund og peker i stedet for å si hva han vil. "
        "Blir lett frustrert når de andre barna ikke forstår ham. Sett over tre uker.",
    )
    s.identify_from_register(ELIAS)
    s.entry(
        -165,
        EntryKind.CONVERSATION,
        "Samtale med mor og far. De kjenner seg igjen: Elias snakker mye hjemme, men lite med "
        "andre voksne. Foreldrene vil at barnehagen prøver tiltak, og har samtykket til "
        "stafettlogg.",
        audience=Audience.ALL,
    )
    s.level(-164, 1, "Foreldrene og barnehagen prøver tiltak i barnehagen først.", holder="ingrid")
    group = s.measure(
        -163,
        "Språkgruppe to ganger i uka",
        "Elias tar ordet minst én gang i en gruppe på fire barn.",
        Arena.KINDERGARTEN,
        "ingrid",
        start=-160,
        evaluate=-110,
    )
    s.glimmer(-150, "Elias fortalte hele gruppa om krabben han fant i fjæra. Alle lyttet.")
    s.evaluate(
        -110,
        group,
        Outcome.PARTLY,
        "Elias deltar mer i liten gruppe, men sier fortsatt lite i store samlinger. Uttalen er "
        "vanskelig å forstå for de andre barna.",
    )
    s.join(-108, "ppt", "olav")
    s.level(
        -107,
        2,
        "Trenger en vurdering av språk og uttale. PPT kobles inn med foreldrenes samtykke.",
    )
    first = s.meeting(
        -106,
        -95,
        agenda="Hvordan har Elias det med språket, og hva prøver vi nå?",
        place="Måkeberget barnehage, personalrommet",
    )
    s.held(
        first,
        "Til stede: foreldrene, Ingrid (barnehagen) og Olav (PPT). Foreldrene forteller at Elias "
        "blir stille med folk han ikke kjenner. PPT observerer i barnehagen i to uker og gir råd "
        "til personalet. Barnehagen fortsetter med små grupper. Foreldrene leser bildebøker "
        "hjemme. Nytt møte om seks uker.",
    )
    advice = s.measure(
        -95,
        "Observasjon og veiledning fra PPT",
        "Personalet får konkrete råd om hvordan de kan støtte uttalen til Elias i hverdagen.",
        Arena.KINDERGARTEN,
        "olav",
        start=-94,
        evaluate=-60,
        meeting=first,
    )
    books = s.measure(
        -95,
        "Bildebøker hjemme fire kvelder i uka",
        "Elias og foreldrene leser og snakker om en bildebok sammen.",
        Arena.HOME,
        "ingrid",
        start=-94,
        evaluate=-60,
        meeting=first,
    )
    s.entry(
        -80,
        EntryKind.OBSERVATION,
        "Observerte Elias i frilek og samling. Han forstår beskjeder godt og har et rikt "
        "ordforråd når han er trygg. Noen lyder er utydelige. Råd: la ham svare i små grupper, "
        "og gi ham god tid.",
        by="olav",
        audience=Audience.ALL,
    )
    s.glimmer(-70, "Elias ledet sangen om fiskebåten i samlingsstund – foran hele avdelingen!")
    s.evaluate(
        -60,
        advice,
        Outcome.WORKED,
        "Personalet bruker rådene hver dag. Elias tar oftere ordet, og de andre forstår ham bedre.",
        by="olav",
    )
    s.evaluate(
        -60,
        books,
        Outcome.WORKED,
        "Lesestundene er blitt en fast og kjær rutine. Elias gjenforteller historiene selv.",
    )
    s.join(-45, "sk_barne", "marte")
    handover = s.transition(
        -40,
        "sk_barne",
        date=-5,
        meeting_on=-12,
        place="Havbrekke barneskole, møterom 2",
        note="Elias begynner på 1. trinn. Barnehagen deler det som har virket, og skolen "
        "overtar stafetten etter overgangsmøtet.",
    )
    s.held(
        handover,
        "Til stede: foreldrene, Ingrid (barnehagen), Olav (PPT) og Marte (skolen). Barnehagen "
        "forteller hva som har hjulpet: små grupper, god tid til å svare og bildebøker hjemme. "
        "Skolen gir Elias fast plass nær læreren og en lesevenn. Stafetten går fra Ingrid til "
        "Marte. Evaluering på skolen etter seks uker.",
    )
    s.measure(
        -12,
        "Lesevenn og liten gruppe i norsktimene",
        "Elias tar ordet i en gruppe på fire elever hver uke.",
        Arena.SCHOOL,
        "marte",
        start=-5,
        evaluate=37,
        meeting=handover,
    )
    s.baton(
        -11,
        "marte",
        "Overlevert etter overgangsmøtet. Ingrid kan kontaktes de første ukene ved spørsmål.",
    )
    s.glimmer(
        -4,
        "Elias hang opp sekken selv første skoledag og fortalte læreren at han hadde "
        "fiskekaker i matpakken.",
    )
    s.meeting(
        -3,
        38,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering seks uker etter skolestart",
        place="Havbrekke barneskole, møterom 2",
    )


STORIES = (elias,)
