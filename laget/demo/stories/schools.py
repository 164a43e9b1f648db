"""Havbrekke barneskole and its SFO: reading, attention, school avoidance, and a report of
concern to child welfare."""

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
MATHILDE = Family(
    "Mathilde",
    "Øvrebø",
    (7, 3),
    boy=False,
    parents=(
        Parent("Torill Øvrebø", "mor"),
        Parent("Vegard Øvrebø", "far"),
    ),
)

WILLIAM = Family(
    "William",
    "Skrede",
    (9, 5),
    boy=True,
    parents=(Parent("Marianne Skrede", "mor"), Parent("Rune Skrede", "far")),
)

SELMA = Family(
    "Selma",
    "Haraldstad",
    (11, 2),
    boy=False,
    parents=(
        Parent("Beate Haraldstad", "mor"),
        Parent("Jørgen Haraldstad", "far"),
    ),
)

ADRIAN = Family(
    "Adrian",
    "Moholt",
    (8, 4),
    boy=True,
    parents=(
        Parent("Marianne Moholt", "mor"),
        Parent("Kjetil Moholt", "far"),
    ),
)

ISAK = Family(
    "Isak",
    "Veslemo",
    (7, 1),
    boy=True,
    parents=(Parent("Solveig Veslemo", "mor"),),
)

FAMILIES = (
    MATHILDE,
    WILLIAM,
    SELMA,
    ADRIAN,
    ISAK,
)


def mathilde(s: Story) -> None:
    s.open(
        -70,
        "marte",
        label="Jente, 2. trinn",
        observation="Mathilde strever med å koble bokstav og lyd og gjetter ord ut fra første "
        "bokstav. Hun sier at hun er dum.",
    )
    s.identify_from_register(MATHILDE)
    s.entry(
        -66,
        EntryKind.CONVERSATION,
        "Samtale med foreldrene. Mathilde liker ikke å lese hjemme. Vi er enige om ekstra "
        "lesetrening og mye ros.",
        audience=Audience.ALL,
    )
    s.level(-65, 1, "Tiltak i klassen, i samarbeid med foreldrene.", holder="marte")
    daily = s.measure(
        -65,
        "Lesetrening 15 minutter hver dag",
        "Mathilde leser lydrette ord sikkert og tror på at hun kan lære å lese.",
        Arena.SCHOOL,
        "marte",
        start=-63,
        evaluate=-21,
    )
    s.evaluate(
        -20,
        daily,
        Outcome.PARTLY,
        "Mathilde leser flere lydrette ord, men blir fort sliten. Vi fortsetter hjemme og "
        "vurderer kartlegging.",
    )
    s.measure(
        -19,
        "Lydrette bøker hjemme",
        "Mathilde leser høyt for en voksen fem minutter hver kveld.",
        Arena.HOME,
        "marte",
        start=-18,
        evaluate=23,
    )
    s.glimmer(-10, "Mathilde leste en hel side høyt for klassen. Alle klappet.")


def william(s: Story) -> None:
    """Level 2 with PPT; the latest measure is overdue for evaluation."""
    s.open(
        -110,
        "helene",
        label="Gutt, 4. trinn",
        observation="William har store vansker med å holde fokus i timene, går mye rundt og "
        "avbryter. Han får lite gjort og havner ofte i konflikt i friminuttene.",
    )
    _, father = s.identify_from_register(WILLIAM)
    # The father reads Polish best and wants an interpreter at meetings: the register does not
    # say so; the family does.
    s.language_needs(father, language="pl", interpreter="pl")
    s.entry(
        -106,
        EntryKind.CONVERSATION,
        "Foreldrene kjenner seg igjen og ønsker en utredning. Skolen tilrettelegger i mellomtiden.",
        audience=Audience.ALL,
    )
    s.level(-105, 1, "Tilrettelegging i klassen.", holder="helene")
    chunks = s.measure(
        -105,
        "Korte økter med bevegelsespauser",
        "William får gjort mer av arbeidsplanen og trenger færre irettesettelser.",
        Arena.SCHOOL,
        "helene",
        start=-104,
        evaluate=-60,
    )
    s.join(-90, "ppt", "olav")
    s.level(-90, 2, "Skolen ber PPT om en sakkyndig vurdering, med foreldrenes samtykke.")
    s.evaluate(
        -60,
        chunks,
        Outcome.PARTLY,
        "William får gjort mer med korte økter og pauser, men konfliktene i friminuttene "
        "fortsetter.",
    )
    meeting = s.meeting(
        -55,
        -45,
        agenda="PPTs observasjon og nye tiltak",
        place="Havbrekke barneskole, møterom 1",
    )
    s.held(
        meeting,
        "PPT har observert William i tre økter og anbefaler voksenstøtte i friminuttene og "
        "tydelig struktur. Foreldrene ber fastlegen om henvisning til utredning. Skolen setter "
        "inn en voksen med ansvar for William i storefri.",
    )
    s.measure(
        -45,
        "Voksenstyrt aktivitet i storefri",
        "William har noen å være sammen med i storefri og færre konflikter.",
        Arena.SCHOOL,
        "helene",
        start=-44,
        evaluate=-7,
        meeting=meeting,
    )
    s.entry(
        -30,
        EntryKind.OBSERVATION,
        "Veiledning av lærerne i klassen er gjennomført. Lærerne bruker felles beskjeder og en "
        "timeplan med bilder.",
        by="olav",
        audience=Audience.ALL,
    )
    s.glimmer(
        -15, "William vant sjakkturneringen i storefri og lærte bort et trekk til en 2.-klassing."
    )


def selma(s: Story) -> None:
    """School avoidance: level 2, a measure that did not work, then level 3 with BUP."""
    s.open(
        -130,
        "helene",
        label="Jente, 6. trinn",
        observation="Selma har hatt mye fravær de siste månedene, oftest mandager. Hun har vondt "
        "i magen om morgenen og blir stille når vi spør hvordan hun har det.",
    )
    s.identify_from_register(SELMA)
    s.entry(
        -127,
        EntryKind.CONVERSATION,
        "Samtale med Selma og mor. Selma gruer seg til skolen og vet ikke helt hvorfor. Mor "
        "forteller at hun sover dårlig på søndager.",
        audience=Audience.ALL,
    )
    s.join(-126, "hs", "hanne")
    s.level(-126, 2, "Skolehelsetjenesten kobles inn for samtaler med Selma.", holder="helene")
    talks = s.measure(
        -125,
        "Samtaler med helsesykepleier hver uke",
        "Selma får satt ord på det som er vanskelig, og fraværet går ned.",
        Arena.HEALTH_CLINIC,
        "hanne",
        start=-124,
        evaluate=-80,
    )
    s.evaluate(
        -80,
        talks,
        Outcome.DID_NOT,
        "Selma kommer til samtalene, men fraværet har økt. Saken trenger mer kompetanse.",
        by="hanne",
    )
    s.join(-79, "bup", "nora")
    s.level(
        -79,
        3,
        "Fastlegen har henvist til BUP. Skolen, helsesykepleier og BUP trenger en felles plan.",
    )
    plan = s.meeting(
        -75,
        -66,
        agenda="Felles plan for gradvis tilbake til skolen",
        video=True,
    )
    s.held(
        plan,
        "Selma var med den første halvtimen. BUP har startet utredning. Plan: først to timer om "
        "dagen, med en fast voksen som tar imot henne. Helsesykepleier fortsetter samtalene "
        "annenhver uke. Foreldrene får veiledning fra BUP.",
    )
    return_plan = s.measure(
        -66,
        "Gradvis oppmøte med fast voksen",
        "Selma er på skolen alle dager og i flere timer for hver uke.",
        Arena.SCHOOL,
        "helene",
        start=-65,
        evaluate=-20,
        meeting=plan,
    )
    s.measure(
        -66,
        "Behandling og foreldreveiledning i BUP",
        "Selma og foreldrene har verktøy for å håndtere angsten.",
        Arena.OTHER,
        "nora",
        start=-65,
        evaluate=25,
        meeting=plan,
    )
    s.glimmer(-40, "Selma var med på skidagen og heiet høyest av alle på stafetten.")
    s.evaluate(
        -20,
        return_plan,
        Outcome.WORKED,
        "Selma er på skolen fire dager i uka og er med i alle timer unntatt gym.",
    )
    s.meeting(
        -18,
        18,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering av oppmøteplanen",
        place="Havbrekke barneskole, møterom 1",
    )


def adrian(s: Story) -> None:
    """Suspected violence: reported to child welfare at once, the parents not told first."""
    s.open(
        -12,
        "knut",
        label="Gutt, 3. trinn",
        observation="Adrian kom med blåmerker på overarmen og sa til læreren at «pappa blir "
        "sint når jeg ikke hører etter». Han ville ikke si mer.",
    )
    s.identify_from_register(ADRIAN)
    s.entry(
        -12,
        EntryKind.NOTE,
        "Drøftet med barneverntjenesten samme dag. Ved mistanke om vold kontaktes ikke "
        "foreldrene før barneverntjenesten har vurdert saken.",
    )
    s.report(
        -12,
        "Mistanke om vold i hjemmet. Meldt til barneverntjenesten samme dag etter "
        "opplysningsplikten. Foreldrene er ikke informert, etter råd fra barneverntjenesten.",
    )
    s.entry(
        -10,
        EntryKind.NOTE,
        "Bekymringsmeldingen er mottatt og gjennomgått. Barneverntjenesten har startet en "
        "undersøkelse og tar kontakt med skolen ved behov.",
        by="henrik",
    )


def isak(s: Story) -> None:
    """An SFO case at level 1."""
    s.open(
        -45,
        "sander",
        label="Gutt, 2. trinn (SFO)",
        observation="Isak havner ofte i krangel i fotballen på SFO og går fra leken i sinne. Han "
        "sier at ingen vil være med ham.",
    )
    s.identify_from_register(ISAK)
    s.entry(
        -42,
        EntryKind.CONVERSATION,
        "Mor forteller at Isak er lei seg etter SFO flere dager i uka. Vi prøver organisert lek.",
        audience=Audience.ALL,
    )
    s.level(-41, 1, "Tiltak på SFO.", holder="sander")
    play = s.measure(
        -41,
        "Organisert lek med en voksen to dager i uka",
        "Isak er med i leken og har minst én fast lekekamerat.",
        Arena.SCHOOL,
        "sander",
        start=-40,
        evaluate=-12,
    )
    s.glimmer(-25, "Isak delte inn lagene i fotballen og passet på at alle fikk være med.")
    s.evaluate(
        -11,
        play,
        Outcome.WORKED,
        "Isak er med i leken og har fått en fast kompis. Mor merker at han er gladere.",
    )
    s.entry(
        -10,
        EntryKind.DECISION,
        "Vi fortsetter med organisert lek én dag i uka fram til neste evaluering.",
        audience=Audience.ALL,
    )
    s.measure(
        -10,
        "Organisert lek én dag i uka",
        "Isak holder på vennskapet også når de voksne trekker seg litt unna.",
        Arena.SCHOOL,
        "sander",
        start=-9,
        evaluate=30,
    )


STORIES = (mathilde, william, selma, adrian, isak)
