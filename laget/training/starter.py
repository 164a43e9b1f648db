"""Lagets startmateriell: training tied to the starter guide (laget/guide/starter.py), written
for this project in bokmål. Installed as the national set (no municipality), shown in every
municipality; `install_starter_training` runs again without harm (it updates by slug).

External links go only to public Norwegian sources and are kinds of their own (course,
video), which the pages mark as external.
"""

from typing import Any

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.training.models import TrainingItem, TrainingKind
from laget.training.services import training_items_install

# The starter guide's steps and tools the items are tied to (laget/guide/starter.py).
STEP_NOTICE = "undring-oppstar"
STEP_CONCRETE = "gjor-undringen-konkret"
STEP_SHARE = "del-undringen"
STEP_PARENTS = "mote-med-foreldre"
STEP_NETWORK = "nettverksmote"
STEP_INVITE = "inviter-tjenester"
STEP_COORDINATE = "koordiner"
TOOL_TALK = "samtaleguide-undringssamtale"
TOOL_SCALE = "bekymringsskala-barnet"

CONVERSATION = "snakke-med-barn-om-bekymring"
LEVEL_0 = "niva-0-fra-uro-til-notat"

STARTER_TRAINING: list[dict[str, Any]] = [
    {
        "slug": CONVERSATION,
        "title": "Snakke med barn om bekymring",
        "kind": TrainingKind.EXERCISE,
        "minutes": 30,
        "is_public": True,
        "is_core": True,
        "order": 10,
        "step_slugs": [STEP_SHARE],
        "tool_slugs": [TOOL_TALK],
        "body": "En øvelse for to kolleger: den ene er den voksne, den andre er barnet. "
        "Bytt roller etterpå, og snakk sammen om hvordan det kjentes.\n\n"
        "**Før samtalen**\n\n"
        "- Velg et sted der barnet er trygt, og der dere ikke blir avbrutt.\n"
        "- Bestem på forhånd hva du har sett. Én eller to konkrete ting er nok.\n\n"
        "**Øv på disse setningene**\n\n"
        "- «Jeg har lagt merke til at du har vært stille i det siste. Jeg lurer på hvordan "
        "du har det.»\n"
        "- «Du må ikke svare nå. Jeg vil bare at du skal vite at jeg er her.»\n"
        "- «Fortell meg mer om det.»\n"
        "- «Hva skjedde da?» (i stedet for «Hvorfor gjorde du det?»)\n"
        "- «Det var bra at du fortalte meg det.»\n"
        "- «Jeg kan ikke love å holde det hemmelig, men jeg lover å fortelle deg hva jeg "
        "gjør videre.»\n\n"
        "**Unngå**\n\n"
        "- Spørsmål som legger svaret i munnen på barnet («Er det pappa som er sint?»).\n"
        "- Å avbryte stillhet for fort. Tell stille til ti.\n"
        "- Å love ting du ikke rår over.\n\n"
        "**Etterpå**\n\n"
        "Skriv ned barnets egne ord samme dag, i undringsnotatet. Skriv hva barnet sa, "
        "ikke hva du tolket.",
    },
    {
        "slug": LEVEL_0,
        "title": "Nivå 0: Fra uro til undringsnotat",
        "kind": TrainingKind.TEXT,
        "minutes": 15,
        "is_public": True,
        "is_core": True,
        "order": 20,
        "step_slugs": [STEP_NOTICE, STEP_CONCRETE],
        "tool_slugs": [],
        "body": "Uro for et barn er nok til å begynne. Du trenger ikke være sikker.\n\n"
        "1. **Skriv ned det du ser og hører**, samme dag: hva, når, hvor ofte.\n"
        "2. **Skill mellom observasjon og tolkning.** «Hun gråt ved levering tre dager på "
        "rad» er en observasjon. «Hun har det vondt hjemme» er en tolkning.\n"
        "3. **Del uroen med en kollega eller lederen din** før du snakker med familien.\n"
        "4. **Avgjør innen 14 dager** hva som skal skje: avslutte, følge med eller gå til "
        "nivå 1.\n\n"
        "Ved mistanke om vold, overgrep eller alvorlig omsorgssvikt melder du til "
        "barnevernet straks, uten å snakke med foreldrene først.",
    },
    {
        "slug": "niva-1-samtalen-med-foreldrene",
        "title": "Nivå 1: Samtalen med foreldrene",
        "kind": TrainingKind.TEXT,
        "minutes": 15,
        "is_public": False,
        "is_core": False,
        "order": 30,
        "step_slugs": [STEP_PARENTS],
        "tool_slugs": [],
        "body": "Foreldrene er de viktigste samarbeidspartnerne dine.\n\n"
        "- Begynn med det som går bra med barnet.\n"
        "- Fortell konkret hva du har sett, og spør hva de ser hjemme.\n"
        "- Spør hva de tror kan hjelpe, før du foreslår noe selv.\n"
        "- Avtal ett eller to små tiltak, hvem som gjør hva, og når dere ses igjen.\n"
        "- Forklar samtykket: hva det gir lov til, og at det kan trekkes tilbake.",
    },
    {
        "slug": "niva-2-nettverksmotet",
        "title": "Nivå 2: Å lede et nettverksmøte",
        "kind": TrainingKind.TEXT,
        "minutes": 20,
        "is_public": False,
        "is_core": False,
        "order": 40,
        "step_slugs": [STEP_NETWORK],
        "tool_slugs": [],
        "body": "Når flere tjenester skal hjelpe, trenger møtet en tydelig leder.\n\n"
        "- Send innkallingen med formål og hvem som kommer, og sjekk at samtykket dekker "
        "alle.\n"
        "- La familien snakke først: hva er viktigst for dem nå?\n"
        "- Skriv ned hvem som gjør hva innen hvilken dato, før dere går.\n"
        "- Avslutt med å spørre familien om de kjente seg hørt.",
    },
    {
        "slug": "niva-3-stafettholderen",
        "title": "Nivå 3: Stafettholderens oppgaver",
        "kind": TrainingKind.TEXT,
        "minutes": 20,
        "is_public": False,
        "is_core": False,
        "order": 50,
        "step_slugs": [STEP_INVITE, STEP_COORDINATE],
        "tool_slugs": [],
        "body": "Stafettholderen holder tråden når mange er involvert.\n\n"
        "- Hold oversikt over tiltakene og fristene i stafettloggen.\n"
        "- Sørg for at familien vet hvem de kan ringe.\n"
        "- Følg opp den som ikke har gjort det som ble avtalt, før evalueringen.\n"
        "- Når stafetten går videre, skriv en overlevering som en ny leser forstår.",
    },
    {
        "slug": "bekymringsskalaen-i-praksis",
        "title": "Bekymringsskalaen i praksis",
        "kind": TrainingKind.TEXT,
        "minutes": 10,
        "is_public": True,
        "is_core": False,
        "order": 60,
        "step_slugs": [],
        "tool_slugs": [TOOL_SCALE],
        "body": "Skalaen hjelper deg å sette ord på hvor bekymret du er, og å se endring "
        "over tid.\n\n"
        "- Fyll den ut når du skriver undringsnotatet, og igjen ved hver evaluering.\n"
        "- Begrunn tallet med det du har sett, ikke med magefølelse alene.\n"
        "- Er dere flere, fyll den ut hver for dere først og sammenlign etterpå.",
    },
    {
        "slug": "bufdir-snakke-med-barn",
        "title": "Snakke med barn (Bufdir)",
        "kind": TrainingKind.COURSE,
        "url": "https://www.snakkemedbarn.no/",
        "minutes": 60,
        "is_public": True,
        "is_core": False,
        "order": 70,
        "step_slugs": [STEP_SHARE],
        "tool_slugs": [TOOL_TALK],
        "body": "Bufdirs gratis nettressurs der du øver på samtaler med barn som kan ha "
        "det vanskelig. Ekstern side.",
    },
    {
        "slug": "helsedirektoratet-retningslinjer",
        "title": "Helsedirektoratets retningslinjer",
        "kind": TrainingKind.COURSE,
        "url": "https://www.helsedirektoratet.no/retningslinjer",
        "minutes": 30,
        "is_public": False,
        "is_core": False,
        "order": 80,
        "step_slugs": [STEP_CONCRETE],
        "tool_slugs": [],
        "body": "Nasjonale faglige retningslinjer, blant annet for helsestasjons- og "
        "skolehelsetjenesten. Ekstern side.",
    },
]


def install_starter_training(
    *, by: User | None, municipality: Municipality | None = None
) -> list[TrainingItem]:
    """The starter set as the national set (no municipality) or as a municipality's own."""
    return training_items_install(by=by, items=STARTER_TRAINING, municipality=municipality)
