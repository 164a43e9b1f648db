"""Starter tools, written for Laget in bokmål, as data.

Each tool is a dict ``{"slug", "name", "kind", "description", "schema"}``; the schema follows
the format described in laget/tools/schema.py. `install_starter_tools` publishes them in a
municipality (as a first version, or a new one when the tool already exists), through the same
path as an imported tool (laget/tools/exchange.py: `import_tool`).
"""

from typing import Any

from laget.accounts.models import User
from laget.orgs.models import Municipality
from laget.tools.models import ToolDefinition

_WORRY_OPTIONS = [
    {"value": "nei", "label": "Nei, ikke det jeg vet om", "points": 0},
    {"value": "litt", "label": "Litt, eller av og til", "points": 1},
    {"value": "tydelig", "label": "Ja, tydelig eller ofte", "points": 2},
]


def _worry(key: str, label: str, help_text: str) -> dict[str, Any]:
    return {
        "key": key,
        "type": "single_choice",
        "label": label,
        "help": help_text,
        "required": True,
        "options": _WORRY_OPTIONS,
    }


WORRY_SCALE_CHILD: dict[str, Any] = {
    "slug": "bekymringsskala-barnet",
    "name": "Bekymringsskala – barnet",
    "kind": "form",
    "description": (
        "Hjelper deg å sortere det du har sett og hørt om barnet, og å vurdere hvor alvorlig "
        "det er. Skalaen erstatter ikke ditt eget faglige skjønn: er du i tvil, snakk med "
        "lederen din, og ved fare for barnet skal du varsle med en gang."
    ),
    "schema": {
        "fields": [
            _worry(
                "endret_atferd",
                "Har barnet endret seg den siste tiden?",
                "For eksempel blitt stillere, urolig, trist eller sint på en ny måte.",
            ),
            _worry(
                "trivsel",
                "Virker barnet utrygt eller ulykkelig?",
                "I lek, i samspill med andre barn eller sammen med voksne.",
            ),
            _worry(
                "omsorg",
                "Ser du tegn på at barnet ikke får den omsorgen det trenger?",
                "Klær, mat, søvn, hygiene, oppmøte, henting og levering.",
            ),
            _worry(
                "skader",
                "Har barnet skader eller merker som ikke er godt forklart?",
                "Blåmerker på uvanlige steder, brannmerker eller forklaringer som skifter.",
            ),
            _worry(
                "fortelling",
                "Har barnet sagt eller vist noe som bekymrer deg?",
                "Det barnet forteller, tegner eller leker, med barnets egne ord.",
            ),
            {
                "key": "fare",
                "type": "single_choice",
                "label": "Tror du barnet kan være utsatt for vold, overgrep eller alvorlig "
                "omsorgssvikt?",
                "help": "Et ja her betyr at barnevernet eller politiet skal varsles uansett "
                "poengsum.",
                "required": True,
                "options": [
                    {"value": "nei", "label": "Nei", "points": 0},
                    {"value": "ja", "label": "Ja", "points": 8},
                ],
            },
            {
                "key": "grunnlag",
                "type": "text",
                "label": "Hva bygger du vurderingen på?",
                "help": "Skriv kort hva du har sett og hørt, og når.",
                "required": False,
                "multiline": True,
            },
        ],
        "scoring": {
            "method": "sum",
            "fields": ["endret_atferd", "trivsel", "omsorg", "skader", "fortelling", "fare"],
        },
        "bands": [
            {
                "from": 0,
                "label": "Vær oppmerksom",
                "interpretation": (
                    "Følg med på barnet og skriv ned det du legger merke til. Snakk gjerne med "
                    "en kollega, og ta opp det du ser med foreldrene."
                ),
            },
            {
                "from": 4,
                "label": "Grunn til bekymring",
                "interpretation": (
                    "Snakk med lederen din og med foreldrene, skriv et undringsnotat og "
                    "vurder tiltak på nivå 1. Drøft gjerne saken anonymt med barnevernet."
                ),
            },
            {
                "from": 8,
                "label": "Barnevern/politi skal varsles",
                # An alarm in the case until the report is recorded (laget/cases/tools/alarms.py).
                "requires_report": ["child_welfare", "police"],
                "interpretation": (
                    "Meld bekymring til barnevernet nå. Ved mistanke om vold eller overgrep i "
                    "familien: kontakt barnevernet eller politiet før du snakker med "
                    "foreldrene. Opplysningsplikten gjelder foran taushetsplikten."
                ),
            },
        ],
    },
}

WONDERING_NOTE: dict[str, Any] = {
    "slug": "undringsnotat",
    "name": "Undringsnotat",
    "kind": "form",
    "description": (
        "Skriv ned det du undrer deg over mens det er friskt i minnet: hva du så og hørte, "
        "uten å tolke mer enn nødvendig. Notatet hjelper deg og kollegene å se om bekymringen "
        "vokser eller går over."
    ),
    "schema": {
        "fields": [
            {
                "key": "observert",
                "type": "text",
                "label": "Hva så eller hørte du?",
                "help": "Beskriv så konkret du kan.",
                "required": True,
                "multiline": True,
            },
            {
                "key": "dato",
                "type": "date",
                "label": "Når skjedde det?",
                "required": True,
            },
            {
                "key": "observert_av",
                "type": "person_or_unit",
                "label": "Hvem observerte det?",
                "help": "Deg selv, en kollega eller en annen tjeneste.",
                "required": True,
            },
            {
                "key": "barnets_ord",
                "type": "text",
                "label": "Hva sa eller gjorde barnet?",
                "help": "Gjengi barnets egne ord så nøyaktig du kan.",
                "multiline": True,
            },
            {
                "key": "varighet",
                "type": "single_choice",
                "label": "Hvor lenge har du lagt merke til dette?",
                "options": [
                    {"value": "en_gang", "label": "Én gang"},
                    {"value": "noen_uker", "label": "Noen uker"},
                    {"value": "maneder", "label": "Flere måneder"},
                ],
            },
            {
                "key": "tidligere",
                "type": "text",
                "label": "Har det vært bekymring for barnet tidligere?",
                "multiline": True,
            },
            {
                "key": "tanker",
                "type": "text",
                "label": "Hva tenker du om det du har sett?",
                "help": "Her kan du skrive dine egne tanker og spørsmål.",
                "multiline": True,
            },
            {
                "key": "neste_steg",
                "type": "text",
                "label": "Hva er neste steg, og hvem gjør det?",
                "required": True,
                "multiline": True,
            },
        ],
    },
}

STARTER_TOOLS: list[dict[str, Any]] = [WORRY_SCALE_CHILD, WONDERING_NOTE]


def install_starter_tools(municipality: Municipality, by: User) -> list[ToolDefinition]:
    """Publish the starter tools in the municipality; run again, it publishes them anew."""
    from laget.tools.exchange import import_tool

    return [import_tool(municipality=municipality, data=tool, by=by) for tool in STARTER_TOOLS]
