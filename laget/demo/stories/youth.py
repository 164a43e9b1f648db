"""Nordstrand ungdomsskole: low mood, absence with a baton that moves from the school to the
family centre, screens at night, and a fresh worry."""

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
TIRIL = Family(
    "Tiril",
    "Hauknes",
    (14, 6),
    boy=False,
    parents=(
        Parent("Eli Hauknes", "mor"),
        Parent("Frode Hauknes", "far"),
    ),
)

MARKUS = Family(
    "Markus",
    "Austbø",
    (15, 3),
    boy=True,
    # The father is in the register without parental responsibility: the register proposes
    # him as such, and he reads what that role reads.
    parents=(Parent("Wenche Austbø", "mor"), Parent("Trond Austbø", "far", responsibility=False)),
)

SEBASTIAN = Family(
    "Sebastian",
    "Lykkja",
    (13, 2),
    boy=True,
    parents=(
        Parent("Merete Lykkja", "mor"),
        Parent("Hans Lykkja", "far"),
    ),
)

FAMILIES = (
    TIRIL,
    MARKUS,
    SEBASTIAN,
)


def tiril(s: Story) -> None:
    """Level 2: lower secondary school and municipal mental health."""
    s.open(
        -80,
        "erik",
        label="Jente, 9. trinn",
        observation="Tiril har trukket seg unna venninnene og sitter alene i friminuttene. Hun "
        "har levert flere blanke prøver og sier at alt er meningsløst.",
    )
    s.identify_from_register(TIRIL)
    s.entry(
        -78,
        EntryKind.CONVERSATION,
        "Samtale med Tiril og foreldrene. Tiril vil selv ha hjelp, og foreldrene samtykker til "
        "at psykisk helse kobles inn.",
        audience=Audience.ALL,
    )
    s.join(-77, "psyk", "maja")
    s.level(-77, 2, "Skolen og psykisk helse samarbeider.", holder="erik")
    talks = s.measure(
        -77,
        "Samtaler med psykiatrisk sykepleier",
        "Tiril sover bedre og har noen å snakke med om det som er tungt.",
        Arena.OTHER,
        "maja",
        start=-75,
        evaluate=-30,
    )
    tests = s.measure(
        -77,
        "Tilpasset vurdering og færre prøver",
        "Tiril leverer oppgaver igjen uten å kjenne at alt står på spill.",
        Arena.SCHOOL,
        "erik",
        start=-75,
        evaluate=-30,
    )
    s.evaluate(
        -30,
        talks,
        Outcome.PARTLY,
        "Tiril sover bedre og snakker mer om det som er vanskelig. Hun er fortsatt mye alene.",
        by="maja",
    )
    s.evaluate(
        -30,
        tests,
        Outcome.WORKED,
        "Tiril leverer oppgaver igjen og har bestått de to siste prøvene.",
    )
    meeting = s.meeting(
        -28,
        -22,
        agenda="Evaluering og veien videre",
        place="Nordstrand ungdomsskole, rådgiverkontoret",
    )
    s.held(
        meeting,
        "Tiril deltok. Hun vil fortsette samtalene og prøve en aktivitet etter skolen. Skolen "
        "tilbyr en lunsjgruppe med to medelever.",
    )
    s.measure(
        -22,
        "Lunsjgruppe med to medelever",
        "Tiril har noen å spise lunsj med hver dag.",
        Arena.SCHOOL,
        "erik",
        start=-20,
        evaluate=20,
        meeting=meeting,
    )
    s.glimmer(
        -8, "Tiril holdt innlegg i elevrådet om nye benker i skolegården. Forslaget ble vedtatt."
    )


def markus(s: Story) -> None:
    """Level 3; the baton goes from the school to the family centre."""
    s.open(
        -160,
        "erik",
        label="Gutt, 10. trinn",
        observation="Markus har over 30 prosent fravær dette halvåret. Når han er her, sover han "
        "ofte i timene. Han sier at han spiller om natta fordi han ikke får sove.",
    )
    s.identify_from_register(MARKUS)
    s.entry(
        -157,
        EntryKind.CONVERSATION,
        "Samtale med Markus og mor. Mor er alene med tre barn og jobber natt. Markus vil selv "
        "komme seg på skolen igjen.",
        audience=Audience.ALL,
    )
    s.level(-156, 1, "Oppfølging på skolen først.", holder="erik")
    deal = s.measure(
        -156,
        "Oppmøteavtale og fast kontaktperson",
        "Markus møter til første time minst fire dager i uka.",
        Arena.SCHOOL,
        "erik",
        start=-155,
        evaluate=-110,
    )
    s.evaluate(
        -110,
        deal,
        Outcome.DID_NOT,
        "Fraværet er like høyt. Markus møter sjelden til avtalene, og mor rekker ikke å følge "
        "opp morgenene.",
    )
    # Markus is past the age limit and consents for himself.
    s.consent(-108, ["fam", "nav"], "Samarbeid med familiesenteret og NAV om skolegang og søvn")
    s.join(-108, "fam", "vilde")
    s.join(-108, "nav", "fatima")
    s.level(
        -107,
        3,
        "Skolen alene når ikke fram. Familiesenteret og NAV kobles inn for å støtte mor og Markus.",
    )
    plan = s.meeting(
        -105,
        -98,
        agenda="Ny plan for Markus og familien",
        place="Nordstrand ungdomsskole, møterommet",
    )
    s.held(
        plan,
        "Markus og mor deltok. Familiesenteret kommer på hjemmebesøk og hjelper med døgnrytmen. "
        "NAV ser på hvordan mor kan slippe nattevakter. Skolen gir redusert timeplan en periode. "
        "Familiesenteret overtar stafetten, fordi det meste av arbeidet skjer hjemme.",
    )
    rhythm = s.measure(
        -98,
        "Hjemmebesøk og hjelp med døgnrytmen",
        "Markus legger seg før midnatt og står opp selv.",
        Arena.HOME,
        "vilde",
        start=-97,
        evaluate=-40,
        meeting=plan,
    )
    reduced = s.measure(
        -98,
        "Redusert timeplan en periode",
        "Markus møter til alle timene på den reduserte planen.",
        Arena.SCHOOL,
        "erik",
        start=-97,
        evaluate=-45,
        meeting=plan,
    )
    work = s.measure(
        -98,
        "Samtaler med mor om arbeid og økonomi",
        "Mor har en turnus som gjør at hun er hjemme om morgenen.",
        Arena.OTHER,
        "fatima",
        start=-95,
        evaluate=-30,
        meeting=plan,
    )
    s.baton(
        -96,
        "vilde",
        "Familiesenteret overtar stafetten etter samarbeidsmøtet. Erik er fortsatt kontakt på "
        "skolen.",
    )
    s.glimmer(-70, "Markus laget taco til søsknene sine en kveld mor var på jobb.", by="vilde")
    s.evaluate(
        -45,
        reduced,
        Outcome.PARTLY,
        "Markus møter til de fleste timene, men har fortsatt fravær i første time.",
        by="erik",
    )
    s.evaluate(
        -40,
        rhythm,
        Outcome.WORKED,
        "Markus legger seg før midnatt de fleste dager og står opp med vekkerklokke.",
    )
    s.evaluate(
        -30,
        work,
        Outcome.WORKED,
        "Mor har fått en turnus uten nattevakter to av tre uker.",
        by="fatima",
    )
    review = s.meeting(
        -28, -21, kind=MeetingKind.EVALUATION, agenda="Evaluering etter to måneder", video=True
    )
    s.held(
        review,
        "Fraværet er halvert. Markus vil prøve full timeplan fra neste måned. Saken blir på "
        "nivå 3 fram til neste evaluering.",
    )
    s.measure(
        -21,
        "Gradvis tilbake til full timeplan",
        "Markus følger full timeplan med under ti prosent fravær.",
        Arena.SCHOOL,
        "erik",
        start=-14,
        evaluate=28,
        meeting=review,
    )
    s.meeting(
        -20,
        30,
        kind=MeetingKind.EVALUATION,
        agenda="Evaluering av full timeplan",
        place="Familiesenteret Havbrekke",
    )


def sebastian(s: Story) -> None:
    """Level 1; one measure worked, the other is overdue for evaluation."""
    s.open(
        -50,
        "erik",
        label="Gutt, 8. trinn",
        observation="Sebastian kommer ofte for sent og er trøtt. Han forteller at han spiller "
        "til langt på natt.",
    )
    s.identify_from_register(SEBASTIAN)
    s.entry(
        -47,
        EntryKind.CONVERSATION,
        "Samtale med Sebastian og far. Far vil sette grenser for skjermbruken, men det blir "
        "mye krangel.",
        audience=Audience.ALL,
    )
    s.level(-46, 1, "Tiltak hjemme og på skolen.", holder="erik")
    s.measure(
        -46,
        "Skjermavtale hjemme",
        "Skjermen er av klokka 23 på skoledager.",
        Arena.HOME,
        "erik",
        start=-45,
        evaluate=-12,
    )
    morning = s.measure(
        -46,
        "Kort morgenprat med kontaktlærer",
        "Sebastian kommer presis minst fire dager i uka.",
        Arena.SCHOOL,
        "erik",
        start=-45,
        evaluate=-15,
    )
    s.evaluate(
        -15,
        morning,
        Outcome.WORKED,
        "Sebastian kommer presis de fleste dager etter den korte praten om morgenen.",
    )
    s.glimmer(-14, "Sebastian viste en ny elev rundt på skolen hele første uka.")


def pupil_ninth_grade(s: Story) -> None:
    """A de-identified level-0 worry, opened by the principal."""
    s.open(
        -2,
        "trine",
        label="Elev, 9. trinn",
        observation="Eleven har gått mye ned i vekt på kort tid og spiser ikke lunsj. Vi vil "
        "snakke med helsesykepleier før vi tar kontakt med hjemmet.",
    )


STORIES = (tiril, markus, sebastian, pupil_ninth_grade)
