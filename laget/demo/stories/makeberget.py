"""Måkeberget barnehage: Ingrid's cases at levels 0–3, a worry nobody has decided on in time,
and a case that was closed."""

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
ELLA = Family(
    "Ella",
    "Rustbakken",
    (3, 2),
    boy=False,
    shared_residence=True,  # she lives with both parents, in two homes
    parents=(
        Parent("Hilde Vågsli", "mor"),
        Parent("Marius Rustbakken", "far"),
    ),
)

NOAH = Family(
    "Noah",
    "Kvitberg",
    (4, 0),
    boy=True,
    parents=(Parent("Tuva Kvitberg", "mor"),),
)

OLIVIA = Family(
    "Olivia",
    "Brennmo",
    (4, 6),
    boy=False,
    parents=(Parent("Karoline Brennmo", "mor"),),
)

FILIP = Family(
    "Filip",
    "Hagemoen",
    (4, 1),
    boy=True,
    parents=(
        Parent("Ida Hagemoen", "mor"),
        Parent("Stein Hagemoen", "far"),
    ),
)

FAMILIES = (
    ELLA,
    NOAH,
    OLIVIA,
    FILIP,
)


def ella(s: Story) -> None:
    """Level 1: one measure evaluated on time is still to come, one is overdue."""
    s.open(
        -60,
        "ingrid",
        label="Jente, 3 år",
        observation="Ella virker svært trøtt om morgenen flere dager i uka, sovner ofte før "
        "lunsj og orker lite lek ute.",
    )
    s.identify_from_register(ELLA)
    s.entry(
        -55,
        EntryKind.CONVERSATION,
        "Samtale med begge foreldrene. Lillebroren ble født for to måneder siden, og familien "
        "får lite søvn. De vil gjerne ha hjelp til gode rutiner.",
        audience=Audience.ALL,
    )
    s.level(
        -54,
        1,
        "Foreldrene og barnehagen prøver tiltak sammen. Ikke behov for andre tjenester nå.",
        holder="ingrid",
    )
    s.measure(
        -54,
        "Hvilestund etter lunsj",
        "Ella får en rolig hvilestund hver dag og orker mer lek om ettermiddagen.",
        Arena.KINDERGARTEN,
        "ingrid",
        start=-52,
        evaluate=5,
    )
    s.measure(
        -54,
        "Fast leggetid hjemme",
        "Ella legger seg før klokka halv åtte på hverdager.",
        Arena.HOME,
        "ingrid",
        start=-52,
        evaluate=-10,
    )
    s.glimmer(-30, "Ella bygde en hytte av puter med to venner og lo så hun fikk hikke.")
    s.entry(
        -20,
        EntryKind.NOTE,
        "Ella er mer opplagt etter hvilestunden. Leggetiden evalueres sammen med foreldrene.",
    )
    s.meeting(
        -8,
        6,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering av hvilestund og leggetid",
        place="Måkeberget barnehage, samtalerommet",
    )


def noah(s: Story) -> None:
    """Straight from level 0 to 2 with the health clinic; one measure overdue."""
    s.open(
        -90,
        "ingrid",
        label="Gutt, 4 år",
        observation="Noah spiser svært lite i barnehagen, mest tørt brød. Han gråter når han "
        "får annen mat på tallerkenen.",
    )
    s.identify_from_register(NOAH)
    s.entry(
        -86,
        EntryKind.CONVERSATION,
        "Samtale med mor. Hun ser det samme hjemme og har vært hos fastlegen. Mor ønsker at "
        "helsestasjonen kobles inn.",
        audience=Audience.ALL,
    )
    s.join(-85, "hs", "hanne")
    s.level(
        -85,
        2,
        "Barnehagen og helsestasjonen samarbeider om måltidene. Mor ønsker dette.",
        holder="ingrid",
    )
    meeting = s.meeting(
        -80,
        -70,
        agenda="Måltider og vekt: hva gjør vi hjemme og i barnehagen?",
        place="Havbrekke helsestasjon",
    )
    s.held(
        meeting,
        "Helsesykepleier har målt og veid: Noah følger kurven sin, men ligger lavt. Vi er enige "
        "om små porsjoner, faste måltider og ingen mas. Noah får hjelpe til med å dekke bordet. "
        "Ny veiing om seks uker.",
    )
    s.measure(
        -70,
        "Smaksstund uten press",
        "Noah smaker på én ny matvare i uka uten at noen maser.",
        Arena.KINDERGARTEN,
        "ingrid",
        start=-68,
        evaluate=-14,
        meeting=meeting,
    )
    weight = s.measure(
        -70,
        "Oppfølging av vekt og kosthold",
        "Noah holder vektkurven sin, og mor får råd om måltider hjemme.",
        Arena.HEALTH_CLINIC,
        "hanne",
        start=-68,
        evaluate=-20,
        meeting=meeting,
    )
    s.entry(
        -40,
        EntryKind.OBSERVATION,
        "Kontroll på helsestasjonen: vekten er stabil og følger kurven. Mor opplever "
        "middagene som roligere.",
        by="hanne",
        audience=Audience.ALL,
    )
    s.evaluate(
        -20,
        weight,
        Outcome.WORKED,
        "Vekten følger kurven. Mor har fått råd og opplever måltidene som mindre krevende.",
        by="hanne",
    )
    s.glimmer(-18, "Noah smakte på agurk og sa «den knaser!». Han ville ha en bit til.")
    s.meeting(
        -15,
        9,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering av smaksstundene",
        place="Måkeberget barnehage, samtalerommet",
    )


def olivia(s: Story) -> None:
    """Level 3 around a mother with depression: health clinic, mental health, family centre."""
    s.open(
        -150,
        "ingrid",
        label="Jente, 4 år",
        observation="Olivia hentes ofte sent, og noen dager henter mormor uten beskjed. Hun har "
        "hatt de samme klærne flere dager, og sier at mamma sover mye.",
    )
    s.identify_from_register(OLIVIA)
    # The grandmother is no parent in the register: the stafettholder adds her by hand.
    s.guardian("Anne-Lise Brennmo", "mormor", responsibility=False)
    s.entry(
        -146,
        EntryKind.CONVERSATION,
        "Samtale med mor. Hun forteller åpent at hun har en depresjon og får hjelp, men at "
        "hverdagen er tung. Hun vil at tjenestene samarbeider, og at mormor kan være med.",
        audience=Audience.ALL,
    )
    s.consent(-145, ["hs", "psyk", "fam"], "Samarbeid mellom tjenestene som hjelper familien")
    s.join(-145, "hs", "sofie")
    s.join(-145, "psyk", "maja")
    s.join(-145, "fam", "vilde")
    s.level(
        -144,
        3,
        "Flere tjenester hjelper familien. Mor ønsker ett felles møtepunkt; barnehagen holder "
        "stafetten.",
        holder="ingrid",
    )
    first = s.meeting(
        -140,
        -130,
        agenda="Hva trenger Olivia og mor? Hvem gjør hva?",
        place="Familiesenteret Havbrekke",
    )
    s.held(
        first,
        "Mor og mormor deltok. Mor har samtaler hos psykisk helse hver uke. Familiesenteret "
        "tilbyr foreldreveiledning hjemme. Barnehagen gir Olivia en fast voksen ved levering og "
        "henting. Mormor henter tirsdag og torsdag. Helsestasjonen tar 4-årskontrollen tidligere.",
    )
    adult = s.measure(
        -130,
        "Fast voksen ved levering og henting",
        "Olivia får en trygg overgang mellom hjem og barnehage hver dag.",
        Arena.KINDERGARTEN,
        "ingrid",
        start=-128,
        evaluate=-60,
        meeting=first,
    )
    guidance = s.measure(
        -130,
        "Foreldreveiledning hjemme",
        "Mor finner rutiner for morgen og kveld som hun orker å holde.",
        Arena.HOME,
        "vilde",
        start=-125,
        evaluate=-55,
        meeting=first,
    )
    check = s.measure(
        -130,
        "4-årskontroll tidligere enn vanlig",
        "Helsestasjonen ser Olivias helse og utvikling og gir mor råd.",
        Arena.HEALTH_CLINIC,
        "sofie",
        start=-120,
        evaluate=-100,
        meeting=first,
    )
    s.evaluate(
        -100,
        check,
        Outcome.WORKED,
        "Olivia er frisk og i god utvikling. Mor fikk råd om søvn og mat.",
        by="sofie",
    )
    s.glimmer(
        -90,
        "Olivia og mor bakte boller på hjemmebesøket. Olivia pyntet med perlesukker og var "
        "veldig stolt.",
        by="vilde",
    )
    s.evaluate(
        -60,
        adult,
        Outcome.WORKED,
        "Olivia går rolig inn i barnehagen nå. Gråten ved levering er nesten borte.",
    )
    s.evaluate(
        -55,
        guidance,
        Outcome.PARTLY,
        "Morgenrutinen fungerer de fleste dager. Kveldene er fortsatt tunge når mor er sliten. "
        "Veiledningen fortsetter med færre besøk.",
        by="vilde",
    )
    review = s.meeting(
        -54,
        -50,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering etter tre måneder",
        video=True,
    )
    s.held(
        review,
        "Tiltakene i barnehagen og på helsestasjonen har virket. Mor har fått mer overskudd, "
        "men ønsker fortsatt støtte fra familiesenteret. Samtalene hos psykisk helse fortsetter. "
        "Vi vurderer nivå 2 ved neste evaluering.",
    )
    s.measure(
        -50,
        "Foreldreveiledning annenhver uke",
        "Mor holder kveldsrutinen også de dagene hun er sliten.",
        Arena.HOME,
        "vilde",
        start=-49,
        evaluate=14,
        meeting=review,
    )
    s.entry(
        -30,
        EntryKind.NOTE,
        "Mor følger samtalene jevnt. Hun har sagt ja til at vi deler at behandlingen går som "
        "planlagt.",
        by="maja",
    )
    s.glimmer(
        -10,
        "Olivia viste fram tegningen av familien sin: mamma, mormor, katten og henne selv, "
        "alle med store smil.",
    )
    s.meeting(
        -9,
        12,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering og vurdering av nivå",
        place="Måkeberget barnehage, personalrommet",
    )


def girl_tangloppa(s: Story) -> None:
    """A fresh, de-identified level-0 worry."""
    s.open(
        -4,
        "ingrid",
        label="Jente, 3 år, avdeling Tangloppa",
        observation="Har de siste to ukene vært lei seg ved henting og vil ikke gå hjem. Sier "
        "lite om hvorfor. Jeg undrer meg over om noe har endret seg hjemme.",
    )
    s.entry(
        -3,
        EntryKind.NOTE,
        "Drøftet med en kollega. Vi observerer én uke til og skriver undringsnotat før vi "
        "snakker med foreldrene.",
    )


def boy_small_children(s: Story) -> None:
    """A de-identified level-0 worry past the municipality's 14-day deadline."""
    s.open(
        -20,
        "amira",
        label="Gutt, 2 år, småbarnsavdelingen",
        observation="Biter andre barn flere ganger i uka, oftest i garderoben når det er trangt. "
        "Rolig og blid resten av dagen.",
    )
    s.entry(
        -18,
        EntryKind.NOTE,
        "Undringsnotat skrevet. Skal snakke med foreldrene neste uke.",
    )


def filip(s: Story) -> None:
    """Level 1, the measure worked, the case is closed."""
    s.open(
        -120,
        "jonas",
        label="Gutt, 4 år",
        observation="Filip holder seg mye for seg selv i frilek og ser på de andre uten å bli "
        "med. Slik har det vært siden han begynte for to måneder siden.",
    )
    s.identify_from_register(FILIP)
    s.entry(
        -115,
        EntryKind.CONVERSATION,
        "Foreldrene forteller at Filip er sjenert, men leker godt med naboungene. De vil gjerne "
        "at barnehagen hjelper ham inn i leken.",
        audience=Audience.ALL,
    )
    s.level(-114, 1, "Vi prøver tiltak på egen avdeling.", holder="jonas")
    play = s.measure(
        -114,
        "Lekegruppe med to faste venner",
        "Filip er med i lek med andre barn minst tre ganger i uka.",
        Arena.KINDERGARTEN,
        "jonas",
        start=-112,
        evaluate=-70,
    )
    s.glimmer(-95, "Filip og en venn bygde en togbane gjennom hele gangen og ville ikke rydde.")
    s.evaluate(
        -70,
        play,
        Outcome.WORKED,
        "Filip tar selv initiativ til lek og har fått to gode venner.",
    )
    s.entry(
        -68,
        EntryKind.DECISION,
        "Tiltaket har virket. Etter samtale med foreldrene avslutter vi stafettloggen.",
        audience=Audience.ALL,
    )
    s.close(-68, "Tiltaket har virket, og det er ikke lenger grunn til bekymring.")


STORIES = (ella, noah, olivia, girl_tangloppa, boy_small_children, filip)
