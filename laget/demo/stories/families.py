"""Families as they are: a parent shut out after violence, with a protected address; a care
order with foster parents; a log that began in pregnancy and became the child's; one parent
withdrawing consent; and a 13-year-old who writes in her own log and whose family said no to
one service. Every name is invented."""

from laget.cases.choices import Arena, Audience, EntryKind
from laget.demo.population import Family, Parent
from laget.demo.story import Story
from laget.family.choices import Part, RestrictionReason
from laget.people.models import FamilyRole, ProtectedAddress, SubjectKind

STRICT = ProtectedAddress.STRICTLY_CONFIDENTIAL


# The families as the population register has them (laget/demo/population.py).
MIKKEL = Family(
    "Mikkel",
    "Sæterbakken",
    (7, 5),
    boy=True,
    protected=STRICT,
    parents=(
        Parent("Silje Sæterbakken", "mor", protected=STRICT),
        Parent("Ronny Sæterbakken", "far"),
    ),
)

EMMA = Family(
    "Emma",
    "Kvalheim",
    (5, 2),
    boy=False,
    parents=(Parent("Tanja Kvalheim", "mor"),),
)

OSKAR = Family(
    "Oskar",
    "Vindheim",
    (6, 8),
    boy=True,
    parents=(
        Parent("Kari Vindheim", "mor"),
        Parent("Per Vindheim", "far"),
    ),
)

SELMA = Family(
    "Selma",
    "Rødberg",
    (13, 3),
    boy=False,
    parents=(
        Parent("Anne Rødberg", "mor"),
        Parent("Tom Rødberg", "far"),
    ),
)

FAMILIES = (
    MIKKEL,
    EMMA,
    OSKAR,
    SELMA,
)


def mikkel(s: Story) -> None:
    """Violence at home: the mother and Mikkel live at a protected address; the father keeps
    reading the log, but not her own help, places, who takes part or her activity."""
    s.open(
        -60,
        "helene",
        label="Gutt, 2. trinn",
        observation="Mikkel skvetter når døra smeller, og tegner ofte et hus med låst dør. Mor "
        "har fortalt at hun og Mikkel har flyttet fra far etter vold.",
    )
    mother, father = s.identify_from_register(MIKKEL)
    s.entry(
        -58,
        EntryKind.CONVERSATION,
        "Samtale med Mikkel og mor. Mikkel liker å tegne og vil gjerne ha en voksen å snakke "
        "med på skolen.",
        audience=Audience.ALL,
    )
    s.level(-55, 1, "Skolen følger opp Mikkel med faste samtaler.", holder="helene")
    talks = s.measure(
        -55,
        "Faste samtaler med sosiallærer",
        "Mikkel har en trygg voksen å gå til hver uke.",
        Arena.SCHOOL,
        "helene",
        start=-54,
        evaluate=20,
    )
    own = s.consent(
        -50,
        ["psyk"],
        "Samtaler for mor om egen situasjon etter vold",
        for_guardian=mother,
    )
    s.join(-50, "psyk", "maja")
    help_for_mother = s.measure(
        -49,
        "Samtaler for mor hos psykisk helse",
        "Mor får støtte til å bearbeide det som har skjedd og til å ta vare på seg selv.",
        Arena.OTHER,
        "maja",
        start=-48,
        evaluate=30,
    )
    safe = s.meeting(
        -30,
        10,
        agenda="Hvordan har Mikkel det på skolen og hjemme?",
        place="Møterom i rådhuset, 2. etasje",
        who=("helene", "maja"),
        family=[mother],
    )
    s.family_entry(
        -20,
        "Mikkel sover bedre nå. Han spør etter samtalene på skolen.",
        member=mother,
    )
    s.restrict(
        -19,
        father,
        RestrictionReason.VIOLENCE,
        approver="knut",
        parts=[Part.PLACES, Part.PARTICIPANTS, Part.ACTIVITY],
        measures=[help_for_mother],
        meetings=[safe],
        note="Dom om besøksforbud. Far skal ikke få vite hvor mor og Mikkel bor.",
    )
    s.glimmer(-12, "Mikkel viste klassen tegningen sin av en hval, og alle klappet.")
    del talks, own
    # The father asked by letter for a copy of what he may read: the panel shows the due date.
    s.access_request(-3, father)


def emma(s: Story) -> None:
    """A care order: child welfare gives consent alone; the foster parents read the log; the
    birth mother reads only the measures and meetings child welfare grants her."""
    s.open(
        -140,
        "martin",
        label="Jente, 5 år",
        observation="Emma kommer ofte sulten og i for tynne klær. Hun blir hentet sent, av "
        "voksne barnehagen ikke kjenner.",
    )
    s.identify_from_register(EMMA)
    s.report(
        -138,
        "Langvarig omsorgssvikt. Meldt til barneverntjenesten etter opplysningsplikten.",
    )
    s.care_order(
        -90,
        by="henrik",
        parent_parts=[Part.MEASURES, Part.MEETINGS],
        foster_parts=[Part.ENTRIES, Part.MEASURES, Part.MEETINGS, Part.PARTICIPANTS],
    )
    # Foster parents are not the child's family in the population register: added by hand.
    s.guardian("Hege Lyngstad", "fostermor", role=FamilyRole.FOSTER)
    s.guardian("Arild Lyngstad", "fosterfar", role=FamilyRole.FOSTER)
    s.level(
        -80, 2, "Barnehagen og helsestasjonen følger opp Emma i fosterhjemmet.", holder="martin"
    )
    s.join(-79, "hs", "hanne")
    s.measure(
        -78,
        "Språkgruppe i barnehagen",
        "Emma bruker flere ord og leker med de andre barna.",
        Arena.KINDERGARTEN,
        "martin",
        start=-75,
        evaluate=15,
    )
    s.measure(
        -78,
        "Helsekontroll og vekst",
        "Emma følger vekstkurven sin igjen.",
        Arena.HEALTH_CLINIC,
        "hanne",
        start=-70,
        evaluate=25,
    )
    s.glimmer(-20, "Emma sang hele sangen om bæsj i bleia i samlingsstunden!")
    s.meeting(-10, 12, agenda="Evaluering av tiltakene", place="Tussetoppen barnehage")


def noah(s: Story) -> None:
    """A log opened in pregnancy, with child welfare on the pregnancy statute; after the birth
    the same log is Noah's, his mother became his guardian, and the pregnancy statute ended."""
    s.open(
        -200,
        "jorunn",
        label="Gravid, uke 20",
        observation="Mor har tidligere hatt et rusproblem og ønsker tett oppfølging gjennom "
        "svangerskapet.",
    )
    # A log from pregnancy: the expecting mother, her partner and, at the birth, the child are
    # typed in; the register's lookup identifies children.
    s.identify("Mari", "Aasen", s.born(24, 2), kind=SubjectKind.PREGNANT, due_date=s.date(-60))
    s.guardian("Dennis Aasen", "samboer", role=FamilyRole.PARTNER)
    s.entry(
        -198,
        EntryKind.CONVERSATION,
        "Samtale med Mari og samboeren. De ønsker at jordmor, psykisk helse og barnevernet "
        "samarbeider fram til fødselen.",
        audience=Audience.ALL,
    )
    s.join(-196, "bv", statute="svangerskap-barnevern")
    s.join(-196, "psyk", "maja")
    s.level(-195, 2, "Jordmor og psykisk helse samarbeider i svangerskapet.", holder="jorunn")
    s.measure(
        -194,
        "Samtaler hver annen uke",
        "Mari er rusfri og trygg foran fødselen.",
        Arena.HEALTH_CLINIC,
        "maja",
        start=-190,
        evaluate=-70,
    )
    s.birth(-58, "Noah", "Aasen")
    s.glimmer(-30, "Noah la på seg 400 gram siden forrige kontroll. Mari er stolt.")


def oskar(s: Story) -> None:
    """One parent withdraws the case's consent: PPT loses access, the case stays on the
    stafettholder's list with a notice of what to do next."""
    s.open(
        -90,
        "marte",
        label="Gutt, 1. trinn",
        observation="Oskar strever med bokstavene og blir lei seg når han skal lese høyt.",
    )
    _, father = s.identify_from_register(OSKAR)
    consent = s.consent(-85, ["ppt"], "Samarbeid med PPT om lesing og skriving")
    s.join(-85, "ppt", "olav")
    s.level(-84, 2, "Skolen og PPT samarbeider om lesingen.", holder="marte")
    s.measure(
        -80,
        "Lesekurs i liten gruppe",
        "Oskar leser korte tekster og tør å lese for en voksen.",
        Arena.SCHOOL,
        "marte",
        start=-78,
        evaluate=10,
    )
    s.withdraw(-5, consent, father)


def selma(s: Story) -> None:
    """A 13-year-old who writes in her own log and has her say on each measure; her father
    said no to one of the proposed services, which therefore never reads the log."""
    s.open(
        -70,
        "erik",
        label="Jente, 8. trinn",
        observation="Selma har mye fravær på mandager og sier at hun får vondt i magen.",
    )
    _, father = s.identify_from_register(SELMA)
    s.join(-65, "hs", "sofie")
    s.level(-64, 2, "Skolen og helsesykepleier samarbeider om fraværet.", holder="erik")
    talks = s.measure(
        -60,
        "Samtaler med helsesykepleier",
        "Selma vet hva hun kan gjøre når magen verker, og kommer på skolen.",
        Arena.SCHOOL,
        "sofie",
        start=-58,
        evaluate=20,
    )
    s.join(-30, "bup", "nora")
    s.decline(-29, "nora", father)
    s.family_entry(
        -10,
        "Jeg vil gjerne fortsette å snakke med helsesykepleieren. Mandagene er lettere nå.",
    )
    s.child_view(-9, talks, "Det hjelper å ha noen å si fra til. Jeg vil ikke bytte skole.")


STORIES = (mikkel, emma, noah, oskar, selma)
