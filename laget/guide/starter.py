"""Lagets startveileder: levels 0–3 with their steps, written for this project in bokmål.

Short and plain on purpose: it is read on a phone in the middle of a working day. A municipality
installs it as a draft (`install_starter_guide`), adapts it, and publishes it.
"""

from django.db import transaction

from laget.accounts.models import User
from laget.guide.models import Guide, GuideVersion
from laget.guide.services import guide_create, version_create
from laget.guide.starter_tools import GUIDE_STARTER_TOOLS
from laget.guide.structure import ExitData, LevelData
from laget.orgs.models import Municipality

SLUG = "handlingsveileder"
TITLE = "Handlingsveileder for tidlig innsats"

T_NOTE = "undringsnotat"
T_SCALE_CHILD = "bekymringsskala-barnet"
T_SCALE_GUARDIANS = "bekymringsskala-foresatte"
T_TALK = "samtaleguide-undringssamtale"
T_CONSENT = "samtykkeskjema"
T_MEETING = "motemal"
T_REPORT = "bekymringsmelding"
T_SIGNS = "tegn-og-signaler"
T_RISK = "risiko-og-beskyttelsesfaktorer"


def _exit(kind: str, target: str | int, label: str) -> ExitData:
    return {"kind": kind, "target": target, "label": label}


def _next(slug: str, label: str = "Gå videre") -> ExitData:
    return _exit("next_step", slug, label)


REPORT = _exit("report", "", "Meld bekymring til barnevernet")

LEVELS: list[LevelData] = [
    {
        "number": 0,
        "title": "Nivå 0: Undring",
        "summary": "Du lurer på om et barn har det vanskelig. Gjør undringen konkret, del den "
        "og avgjør innen 14 dager hva som skal skje.",
        "steps": [
            {
                "slug": "undring-oppstar",
                "title": "Du blir urolig for et barn",
                "actor": "Alle ansatte",
                "body": "Noe du ser eller hører, gjør deg urolig. Det er nok til å begynne.\n\n"
                "- Skriv ned det du har sett, samme dag.\n"
                "- Bruk *tegn og signaler* hvis du er usikker på hva du skal se etter.\n\n"
                "**Mistanke om vold, overgrep eller alvorlig omsorgssvikt?** Meld til "
                "barnevernet med en gang. Ikke snakk med foreldrene først.",
                "exits": [_next("gjor-undringen-konkret"), REPORT],
                "tools": [T_SIGNS],
            },
            {
                "slug": "gjor-undringen-konkret",
                "title": "Gjør undringen konkret",
                "actor": "Den som er urolig",
                "body": "Skriv et undringsnotat:\n\n"
                "- Hva har du sett eller hørt, og når?\n"
                "- Hva sa eller gjorde barnet?\n"
                "- Hvor lenge har det vart? Har noen vært urolige før?\n\n"
                "Se på risiko- og beskyttelsesfaktorer, og bruk bekymringsskalaen.",
                "exits": [_next("del-undringen"), REPORT],
                "tools": [T_NOTE, T_RISK, T_SCALE_CHILD, T_SCALE_GUARDIANS],
            },
            {
                "slug": "del-undringen",
                "title": "Del undringen",
                "actor": "Den som er urolig, med kollega eller leder",
                "body": "Snakk først med en kollega eller lederen din. Deretter snakker du med "
                "barnet og foreldrene, helst innen 1–3 uker.\n\n"
                "Bruk samtaleguiden. Fortell hva du har sett, og spør hvordan de opplever det.",
                "exits": [_next("avgjor-undringen"), REPORT],
                "tools": [T_TALK],
            },
            {
                "slug": "avgjor-undringen",
                "title": "Avgjør hva som skal skje",
                "actor": "Den som er urolig, med leder",
                "deadline_days": 14,
                "body": "Innen 14 dager avgjør du om undringen:\n\n"
                "- avsluttes fordi det ikke er grunn til uro,\n"
                "- følges opp med tiltak på nivå 1, 2 eller 3, eller\n"
                "- meldes til barnevernet.\n\n"
                "Skriv ned hva dere bestemte og hvorfor.",
                "exits": [
                    _exit("close", "", "Avslutt undringen"),
                    _exit("level", 1, "Tiltak i egen tjeneste (nivå 1)"),
                    _exit("level", 2, "Samarbeid med én tjeneste til (nivå 2)"),
                    _exit("level", 3, "Samarbeid med flere tjenester (nivå 3)"),
                    REPORT,
                ],
                "tools": [T_SCALE_CHILD, T_REPORT],
            },
        ],
    },
    {
        "number": 1,
        "title": "Nivå 1: Tiltak i egen tjeneste",
        "summary": "Din tjeneste og familien prøver tiltak sammen, skriver dem i loggen og "
        "evaluerer dem.",
        "steps": [
            {
                "slug": "mote-med-foreldre",
                "title": "Møte med foreldre og barnet",
                "actor": "Kontaktlærer, pedagogisk leder eller helsesykepleier",
                "body": "Inviter foreldrene og barnet (når alderen passer). Forklar hva "
                "stafettloggen er, og be om samtykke til å opprette den.",
                "exits": [_next("mal-og-tiltak-niva-1")],
                "tools": [T_CONSENT, T_TALK],
            },
            {
                "slug": "mal-og-tiltak-niva-1",
                "title": "Sett mål og tiltak",
                "actor": "Stafettholderen, sammen med familien",
                "body": "Bruk møtemalen. Skriv hva som skal skje hjemme og hos dere, hvem som "
                "gjør hva, og når dere evaluerer.",
                "exits": [_next("gjennomfor-niva-1")],
                "tools": [T_MEETING],
            },
            {
                "slug": "gjennomfor-niva-1",
                "title": "Gjennomfør tiltakene",
                "actor": "De som har ansvar for tiltakene",
                "body": "Gjør det dere avtalte. Skriv korte notater i loggen underveis, også "
                "om det som går bra.",
                "exits": [_next("evaluer-niva-1")],
                "tools": [],
            },
            {
                "slug": "evaluer-niva-1",
                "title": "Evaluer",
                "actor": "Stafettholderen, gjerne med ressursteamet",
                "body": "Har tiltakene virket? Spør barnet og foreldrene. Bestem om dere "
                "fortsetter, avslutter eller trenger hjelp fra en annen tjeneste.",
                "exits": [
                    _exit("close", "", "Avslutt: tiltakene har virket"),
                    _next("mal-og-tiltak-niva-1", "Prøv nye tiltak"),
                    _exit("level", 2, "Trekk inn en tjeneste til (nivå 2)"),
                    _exit("level", 3, "Trekk inn flere tjenester (nivå 3)"),
                    REPORT,
                ],
                "tools": [T_MEETING, T_SCALE_CHILD],
            },
        ],
    },
    {
        "number": 2,
        "title": "Nivå 2: Samarbeid mellom to tjenester",
        "summary": "To tjenester og familien samarbeider. Én stafettholder holder tråden.",
        "steps": [
            {
                "slug": "nettverksmote",
                "title": "Nettverksmøte og stafettholder",
                "actor": "Den som løfter saken",
                "body": "Samle familien og den andre tjenesten. Velg stafettholder: den som "
                "leder møtene, skriver referat og holder loggen oppdatert.",
                "exits": [_next("tiltak-niva-2")],
                "tools": [T_CONSENT, T_MEETING],
            },
            {
                "slug": "tiltak-niva-2",
                "title": "Tiltak med ansvar og dato",
                "actor": "Stafettholderen",
                "body": "Hvert tiltak får en ansvarlig person og en dato for evalueringsmøtet.",
                "exits": [_next("gjennomfor-niva-2")],
                "tools": [T_MEETING],
            },
            {
                "slug": "gjennomfor-niva-2",
                "title": "Gjennomfør tiltakene",
                "actor": "De som har ansvar for tiltakene",
                "body": "Skriv i loggen når noe er gjort. Stafettholderen følger med på fristene.",
                "exits": [_next("evalueringsmote-niva-2")],
                "tools": [],
            },
            {
                "slug": "evalueringsmote-niva-2",
                "title": "Evalueringsmøte",
                "actor": "Stafettholderen",
                "body": "Hent inn barnets syn før møtet. Gå gjennom hvert tiltak: hva virket, "
                "hva gjorde ikke?",
                "exits": [_next("veien-videre-niva-2")],
                "tools": [T_MEETING],
            },
            {
                "slug": "veien-videre-niva-2",
                "title": "Bestem veien videre",
                "actor": "Stafettholderen, med familien",
                "body": "Fortsett, endre tiltakene, avslutt, gå ned til nivå 1 eller trekk "
                "inn flere tjenester.",
                "exits": [
                    _next("tiltak-niva-2", "Fortsett eller endre tiltakene"),
                    _exit("close", "", "Avslutt"),
                    _exit("level", 1, "Ned til nivå 1"),
                    _exit("level", 3, "Trekk inn flere tjenester (nivå 3)"),
                    REPORT,
                ],
                "tools": [],
            },
        ],
    },
    {
        "number": 3,
        "title": "Nivå 3: Samarbeid mellom flere tjenester",
        "summary": "Flere tjenester og familien jobber sammen i et tverrfaglig møte. "
        "Stafettholderen koordinerer.",
        "steps": [
            {
                "slug": "inviter-tjenester",
                "title": "Inviter tjenestene",
                "actor": "Stafettholderen",
                "body": "Avtal med barnet og foreldrene hvilke tjenester som skal inviteres. "
                "Samtykket må nevne hver tjeneste.",
                "exits": [_next("tverrfaglig-mote")],
                "tools": [T_CONSENT],
            },
            {
                "slug": "tverrfaglig-mote",
                "title": "Tverrfaglig møte",
                "actor": "Stafettholderen",
                "body": "Bli enige om mål og tiltak. Vurder om barnet trenger individuell "
                "plan: da tar den lovpålagte koordinatoren over koordineringen.",
                "exits": [_next("koordiner")],
                "tools": [T_MEETING],
            },
            {
                "slug": "koordiner",
                "title": "Koordiner",
                "actor": "Stafettholderen eller koordinatoren",
                "body": "Følg opp at tiltakene blir gjort, og at alle vet hva de andre gjør. "
                "Står saken stille, meld den til kommunens koordinerende enhet.",
                "exits": [_next("evaluer-niva-3")],
                "tools": [],
            },
            {
                "slug": "evaluer-niva-3",
                "title": "Evaluer",
                "actor": "Alle tjenestene, med familien",
                "body": "Hent inn barnets syn først. Fortsett, endre, avslutt eller gå ned et "
                "nivå.",
                "exits": [
                    _next("koordiner", "Fortsett"),
                    _next("tverrfaglig-mote", "Endre tiltakene"),
                    _exit("close", "", "Avslutt"),
                    _exit("level", 2, "Ned til nivå 2"),
                    _exit("level", 1, "Ned til nivå 1"),
                    REPORT,
                ],
                "tools": [T_MEETING, T_SCALE_CHILD],
            },
        ],
    },
]


def install_starter_tools_for_guide(municipality: Municipality, by: User) -> None:
    """The tools the starter guide names: the tools app's own starters, then the guide's."""
    from laget.tools.exchange import import_tool
    from laget.tools.starter import install_starter_tools

    install_starter_tools(municipality, by)
    for tool in GUIDE_STARTER_TOOLS:
        import_tool(municipality=municipality, data=tool, by=by)


@transaction.atomic
def install_starter_guide(municipality: Municipality, by: User) -> GuideVersion:
    """The starter guide as a new draft, with its tools published in the municipality."""
    install_starter_tools_for_guide(municipality, by)
    guide = Guide.objects.filter(municipality=municipality, slug=SLUG).first()
    if guide is None:
        guide = guide_create(by=by, municipality=municipality, title=TITLE, slug=SLUG)
    version = version_create(by=by, guide=guide, levels=LEVELS, note="Lagets startveileder")
    link_starter_services(version)
    return version


# Services that help at levels 2–3, by the abbreviations the starter directory gives them.
LEVEL_SERVICES = {
    2: ["PPT", "HS", "SHT", "FS", "PHBU"],
    3: ["PPT", "BVT", "BUP", "HABU", "FS", "KE"],
}


def link_starter_services(version: GuideVersion) -> None:
    """Let the draft's steps at levels 2–3 point to the municipality's matching services.
    A municipality without a directory yet gets steps without links; the editor adds them."""
    from laget.directory.selectors import public_services

    by_abbreviation: dict[str, int] = {}
    for service in public_services(version.guide.municipality):
        for abbreviation in service.abbreviations:
            by_abbreviation.setdefault(abbreviation.upper(), service.pk)
    for level in version.levels.filter(number__in=LEVEL_SERVICES):
        ids = [by_abbreviation[a] for a in LEVEL_SERVICES[level.number] if a in by_abbreviation]
        level.steps.update(service_ids=ids)
