"""The starter guide's other tools, written for Laget in bokmål, in the format of
laget/tools/starter.py (``{"slug", "name", "kind", "description", "schema"}``; the schema as
laget/tools/schema.py describes). The worry scale about the child and the wondering note come
from laget.tools.starter; the guide installs all of them through laget.tools.exchange.import_tool.
"""

from typing import Any

_GUARDIAN_OPTIONS = [
    {"value": "nei", "label": "Nei, ikke det jeg vet om", "points": 0},
    {"value": "litt", "label": "Litt, eller av og til", "points": 1},
    {"value": "tydelig", "label": "Ja, tydelig eller ofte", "points": 2},
]


def _guardian(key: str, label: str, help_text: str) -> dict[str, Any]:
    return {
        "key": key,
        "type": "single_choice",
        "label": label,
        "help": help_text,
        "required": True,
        "options": _GUARDIAN_OPTIONS,
    }


def _text(key: str, label: str, help_text: str = "", *, required: bool = False) -> dict[str, Any]:
    field: dict[str, Any] = {
        "key": key,
        "type": "text",
        "label": label,
        "multiline": True,
        "required": required,
    }
    if help_text:
        field["help"] = help_text
    return field


def _options(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"value": v, "label": label} for v, label in pairs]


WORRY_SCALE_GUARDIANS: dict[str, Any] = {
    "slug": "bekymringsskala-foresatte",
    "name": "Bekymringsskala – foresatte",
    "kind": "form",
    "description": (
        "For når det er de voksne rundt barnet du er urolig for. Svar ut fra det du selv har "
        "sett og hørt. Skalaen hjelper deg å sortere, men du bestemmer selv – spør lederen din "
        "hvis du er usikker."
    ),
    "schema": {
        "fields": [
            _guardian(
                "rus",
                "Virker en forelder påvirket av alkohol eller andre rusmidler?",
                "Ved henting og levering, på møter eller på telefon.",
            ),
            _guardian(
                "psykisk",
                "Virker en forelder så sliten, nedstemt eller urolig at det går ut over barnet?",
                "For eksempel glemmer avtaler, orker ikke å følge opp eller er svært ustabil.",
            ),
            _guardian(
                "samspill",
                "Er samspillet mellom forelder og barn preget av kulde, sinne eller likegyldighet?",
                "Hvordan de snakker til og ser på hverandre.",
            ),
            _guardian(
                "konflikt",
                "Ser eller hører du om høy konflikt mellom de voksne?",
                "Krangel foran barnet, trusler, samlivsbrudd med mye strid.",
            ),
            _guardian(
                "samarbeid",
                "Er det vanskelig å samarbeide med foreldrene om barnet?",
                "Avtaler som ikke holdes, avvisning eller at de ikke er å få tak i.",
            ),
            {
                "key": "vold",
                "type": "single_choice",
                "label": "Har du mistanke om vold, trusler eller overgrep i familien?",
                "help": "Et ja betyr at du skal kontakte barnevernet eller politiet nå, uansett "
                "poengsum, og ikke snakke med foreldrene først.",
                "required": True,
                "options": [
                    {"value": "nei", "label": "Nei", "points": 0},
                    {"value": "ja", "label": "Ja", "points": 8},
                ],
            },
            _text("notat", "Hva bygger du vurderingen på?", "Konkret: hva, når og hvor ofte."),
        ],
        "scoring": {
            "method": "sum",
            "fields": ["rus", "psykisk", "samspill", "konflikt", "samarbeid", "vold"],
        },
        "bands": [
            {
                "from": 0,
                "label": "Vær oppmerksom",
                "interpretation": (
                    "Følg med og noter det du ser. Snakk med en kollega om hvordan du kan ta det "
                    "opp med foreldrene på en god måte."
                ),
            },
            {
                "from": 4,
                "label": "Grunn til bekymring",
                "interpretation": (
                    "Ta det opp med lederen din, og ha en undringssamtale med foreldrene. Vurder "
                    "tiltak på nivå 1, eller drøft saken anonymt med barnevernet."
                ),
            },
            {
                "from": 8,
                "label": "Barnevern/politi skal varsles",
                # An alarm in the case until the report is recorded (laget/cases/tools/alarms.py).
                "requires_report": ["child_welfare", "police"],
                "interpretation": (
                    "Send bekymringsmelding til barnevernet nå. Ved mistanke om vold eller "
                    "overgrep: kontakt barnevernet eller politiet før foreldrene får vite noe."
                ),
            },
        ],
    },
}

CONVERSATION_GUIDE: dict[str, Any] = {
    "slug": "samtaleguide-undringssamtale",
    "name": "Samtaleguide – undringssamtale med foreldre",
    "kind": "form",
    "description": (
        "Forbered og skriv ned samtalen der du deler undringen din med foreldrene. Målet er å "
        "forstå barnet sammen, ikke å konkludere."
    ),
    "schema": {
        "fields": [
            {"key": "dato", "type": "date", "label": "Dato for samtalen", "required": True},
            _text(
                "apning",
                "Slik åpner jeg samtalen",
                "Si hvorfor dere møtes, med det du har sett – uten å legge skyld.",
                required=True,
            ),
            _text("observert", "Det jeg har lagt merke til", "Konkrete eksempler med tid og sted."),
            _text("foreldrenes_syn", "Hva foreldrene ser hjemme", "Deres egne ord."),
            _text("barnets_syn", "Hva barnet selv har sagt", "Hvis barnet er spurt."),
            _text("avtaler", "Det vi ble enige om", "Hvem gjør hva, og når snakker vi igjen?"),
            {
                "key": "videre",
                "type": "single_choice",
                "label": "Veien videre",
                "required": True,
                "options": _options(
                    ("avslutt", "Undringen avsluttes"),
                    ("folg_med", "Vi følger med og snakkes igjen"),
                    ("niva1", "Tiltak på nivå 1"),
                    ("samarbeid", "Samarbeid med en annen tjeneste (nivå 2–3)"),
                ),
            },
        ]
    },
}

CONSENT_FORM: dict[str, Any] = {
    "slug": "samtykkeskjema",
    "name": "Samtykke til samarbeid",
    "kind": "form",
    "description": (
        "Foreldrene (og barnet fra 15 år) samtykker til at tjenestene som er nevnt, kan dele "
        "opplysninger og samarbeide i stafettloggen. Samtykket kan trekkes tilbake når som helst."
    ),
    "schema": {
        "fields": [
            _text(
                "tjenester",
                "Tjenestene som får samarbeide",
                "Skriv hver tjeneste: barnehage, skole, helsestasjon, PPT …",
                required=True,
            ),
            _text("formal", "Hva samarbeidet skal handle om", required=True),
            {"key": "gyldig_til", "type": "date", "label": "Samtykket gjelder til"},
            {
                "key": "signatur",
                "type": "consent_signature",
                "label": "Samtykke",
                "required": True,
                "statement": (
                    "Jeg har fått vite hva som skal deles, med hvem og hvorfor. Jeg vet at jeg "
                    "kan trekke samtykket tilbake, og at jeg kan se hvem som har lest loggen."
                ),
            },
        ]
    },
}

MEETING_TEMPLATE: dict[str, Any] = {
    "slug": "motemal",
    "name": "Møtemal",
    "kind": "form",
    "description": (
        "For møter med familien og samarbeidspartnerne: mål, tiltak for hjemme, barnehage og "
        "skole, hvem som har ansvaret og når tiltakene skal evalueres."
    ),
    "schema": {
        "fields": [
            {"key": "dato", "type": "date", "label": "Møtedato", "required": True},
            _text("tilstede", "Hvem var med", required=True),
            _text("barnets_stemme", "Barnets syn", "Hentet inn før møtet, med barnets ord."),
            _text("mal", "Målet vi jobber mot", required=True),
            _text("hjemme", "Tiltak hjemme"),
            _text("barnehage", "Tiltak i barnehagen"),
            _text("skole", "Tiltak på skolen"),
            {"key": "ansvarlig", "type": "person_or_unit", "label": "Stafettholder"},
            {
                "key": "evaluering",
                "type": "date",
                "label": "Tiltakene evalueres",
                "required": True,
            },
        ]
    },
}

REPORT_OF_CONCERN: dict[str, Any] = {
    "slug": "bekymringsmelding",
    "name": "Bekymringsmelding til barnevernet",
    "kind": "form",
    "description": (
        "Opplysningsplikten til barnevernet går foran taushetsplikten og trenger ikke "
        "samtykke. Ved mistanke om vold eller overgrep: ikke si fra til foreldrene først."
    ),
    "schema": {
        "fields": [
            _text("barnet", "Barnet", "Navn, fødselsdato og adresse.", required=True),
            _text("foresatte", "Foresatte", "Navn og kontaktinformasjon."),
            _text(
                "bekymring",
                "Hva er du bekymret for?",
                "Det du selv har sett og hørt, med datoer. Skill mellom fakta og vurdering.",
                required=True,
            ),
            _text("gjort", "Hva er gjort så langt", "Samtaler, tiltak og hvem som er involvert."),
            {
                "key": "foreldre_kjenner",
                "type": "single_choice",
                "label": "Vet foreldrene om meldingen?",
                "required": True,
                "options": _options(
                    ("ja", "Ja"),
                    ("nei", "Nei"),
                    ("nei_bevisst", "Nei, fordi det er mistanke om vold eller overgrep"),
                ),
            },
            {"key": "melder", "type": "person_or_unit", "label": "Hvem melder", "required": True},
            {"key": "dato", "type": "date", "label": "Dato", "required": True},
        ]
    },
}

SIGNS_AND_SIGNALS: dict[str, Any] = {
    "slug": "tegn-og-signaler",
    "name": "Tegn og signaler",
    "kind": "checklist",
    "description": (
        "En oversikt over tegn som kan tyde på at et barn har det vanskelig. Ett tegn alene "
        "betyr lite; se etter mønstre og endringer over tid."
    ),
    "schema": {
        "fields": [
            {
                "key": "kropp",
                "type": "checklist",
                "label": "Kropp og helse",
                "options": _options(
                    ("skader", "Skader eller merker uten god forklaring"),
                    ("sovn", "Sover dårlig eller er svært trøtt"),
                    ("mat", "Sulten, eller endret forhold til mat"),
                    ("hygiene", "Dårlig hygiene eller klær som ikke passer til været"),
                    ("vondt", "Ofte vondt i magen eller hodet"),
                ),
            },
            {
                "key": "atferd",
                "type": "checklist",
                "label": "Atferd og følelser",
                "options": _options(
                    ("trekker_seg", "Trekker seg unna, blir stille"),
                    ("uro", "Uro, sinne eller utagering"),
                    ("redd", "Redd, vaktsom eller skvetten"),
                    ("seksualisert", "Seksualisert lek eller språk som ikke passer alderen"),
                    ("regresjon", "Går tilbake i utvikling (f.eks. tisser på seg igjen)"),
                ),
            },
            {
                "key": "hverdag",
                "type": "checklist",
                "label": "Hverdag og samspill",
                "options": _options(
                    ("fravaer", "Mye fravær eller sen henting"),
                    ("venner", "Få venner, holdes utenfor"),
                    ("hjem", "Vil ikke hjem, eller er redd for en voksen"),
                    ("forteller", "Forteller om noe som bekymrer"),
                ),
            },
            _text("notat", "Det du har sett", "Hva, når og hvor ofte."),
        ]
    },
}

RISK_AND_PROTECTIVE: dict[str, Any] = {
    "slug": "risiko-og-beskyttelsesfaktorer",
    "name": "Risiko- og beskyttelsesfaktorer",
    "kind": "checklist",
    "description": (
        "Det som øker og det som minsker risikoen for at barnet får det vanskelig. Se begge "
        "sidene: det som fungerer, er ofte det man kan bygge videre på."
    ),
    "schema": {
        "fields": [
            {
                "key": "risiko",
                "type": "checklist",
                "label": "Risikofaktorer",
                "options": _options(
                    ("rus", "Rus eller psykisk sykdom hos en forelder"),
                    ("vold", "Vold eller høy konflikt i familien"),
                    ("okonomi", "Dårlig økonomi, trangboddhet eller mange flyttinger"),
                    ("isolasjon", "Lite nettverk rundt familien"),
                    ("barnet", "Sykdom, funksjonsnedsettelse eller sen utvikling hos barnet"),
                    ("tap", "Tap eller brudd: dødsfall, skilsmisse, flukt"),
                ),
            },
            {
                "key": "beskyttelse",
                "type": "checklist",
                "label": "Beskyttelsesfaktorer",
                "options": _options(
                    ("trygg_voksen", "Minst én trygg og stabil voksen"),
                    ("nettverk", "Familie og venner som stiller opp"),
                    ("trives", "Trives i barnehagen eller på skolen"),
                    ("venn", "Har en venn"),
                    ("mestring", "Mestrer noe og får ros for det"),
                    ("samarbeid", "Foreldre som samarbeider med tjenestene"),
                ),
            },
            _text("vurdering", "Samlet vurdering"),
        ]
    },
}

GUIDE_STARTER_TOOLS: list[dict[str, Any]] = [
    WORRY_SCALE_GUARDIANS,
    CONVERSATION_GUIDE,
    CONSENT_FORM,
    MEETING_TEMPLATE,
    REPORT_OF_CONCERN,
    SIGNS_AND_SIGNALS,
    RISK_AND_PROTECTIVE,
]
