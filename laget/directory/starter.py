"""A starter directory: typical services for children and families in a Norwegian municipality.

Texts written for Laget; every phone number (4xx 00 0xx) and email address (@example.invalid)
is invented. A municipality adapts them in the staff pages.
"""

from dataclasses import dataclass, field

from django.db import transaction

from laget.directory.models import Service, ServiceKind
from laget.orgs.models import Municipality, Unit, UnitKind


@dataclass(frozen=True)
class StarterService:
    name: str
    kind: str
    description: str
    target_group: str
    how_to_refer: str
    phone: str
    email: str
    abbreviations: list[str] = field(default_factory=list)
    former_names: list[str] = field(default_factory=list)
    # The kind of unit that usually runs it, to link it to one of the municipality's units.
    unit_kind: str | None = None


STARTER: list[StarterService] = [
    StarterService(
        name="Helsestasjonen",
        kind=ServiceKind.SERVICE,
        description=(
            "Følger barnet fra fødselen til skolestart med faste konsultasjoner, vaksiner og "
            "samtaler om søvn, mat, språk og samspill. Foreldre kan også ta kontakt mellom "
            "avtalene når noe bekymrer dem."
        ),
        target_group="Gravide, småbarnsforeldre og barn 0–5 år.",
        how_to_refer=(
            "Ring eller send e-post. Du trenger ingen henvisning, og tilbudet er gratis. "
            "Ansatte i barnehagen kan ta kontakt med foreldrenes samtykke."
        ),
        phone="400 00 101",
        email="helsestasjon@example.invalid",
        abbreviations=["HS"],
        former_names=["Mødrekontrollen", "Helsestasjon for barn"],
        unit_kind=UnitKind.HEALTH_CLINIC,
    ),
    StarterService(
        name="Skolehelsetjenesten",
        kind=ServiceKind.SERVICE,
        description=(
            "Helsesykepleier er til stede på skolene fast hver uke. Elevene kan komme innom "
            "uten avtale for å snakke om kropp, følelser, venner eller hjemmeforhold."
        ),
        target_group="Elever i grunnskolen og videregående skole, og foreldrene deres.",
        how_to_refer=(
            "Eleven kan selv stikke innom på kontortiden. Lærere og foreldre kan ringe "
            "helsesykepleier direkte."
        ),
        phone="400 00 102",
        email="skolehelse@example.invalid",
        abbreviations=["SHT"],
        former_names=["Helsesøstertjenesten"],
        unit_kind=UnitKind.HEALTH_CLINIC,
    ),
    StarterService(
        name="Helsestasjon for ungdom",
        kind=ServiceKind.SERVICE,
        description=(
            "Et gratis drop-in-tilbud etter skoletid med helsesykepleier og lege. Her kan "
            "ungdom spørre om prevensjon, seksualitet, rus og psykisk helse uten foreldre."
        ),
        target_group="Ungdom 13–20 år.",
        how_to_refer="Kom innom på tirsdager kl. 15–18. Ingen timebestilling.",
        phone="400 00 103",
        email="hfu@example.invalid",
        abbreviations=["HFU"],
        unit_kind=UnitKind.HEALTH_CLINIC,
    ),
    StarterService(
        name="Pedagogisk-psykologisk tjeneste",
        kind=ServiceKind.SERVICE,
        description=(
            "Utreder barn og elever som kan ha behov for spesialpedagogisk hjelp eller "
            "spesialundervisning, og gir råd til barnehager og skoler om tilrettelegging. "
            "Skriver sakkyndige vurderinger."
        ),
        target_group="Barn i barnehage, elever i grunnskolen og voksne med rett til opplæring.",
        how_to_refer=(
            "Barnehagen eller skolen henviser på kommunens skjema etter samtale med "
            "foreldrene, som må samtykke. Foreldre kan også henvise selv. Drøfting uten navn "
            "kan avtales på telefon."
        ),
        phone="400 00 104",
        email="ppt@example.invalid",
        abbreviations=["PPT", "PP-tjenesten"],
        former_names=["Skolepsykologisk kontor"],
        unit_kind=UnitKind.PPT,
    ),
    StarterService(
        name="Barneverntjenesten",
        kind=ServiceKind.SERVICE,
        description=(
            "Gir råd, veiledning og hjelpetiltak når et barn har det vanskelig hjemme, og "
            "undersøker bekymringsmeldinger. De fleste barn barnevernet hjelper, bor hjemme."
        ),
        target_group="Barn og unge 0–18 år (med ettervern til 25 år) og familiene deres.",
        how_to_refer=(
            "Send bekymringsmelding på kommunens skjema, eller ring for å drøfte en "
            "bekymring uten navn. Ansatte i offentlige tjenester har plikt til å melde når "
            "vilkårene er oppfylt. Utenom kontortid: barnevernvakten."
        ),
        phone="400 00 105",
        email="barnevern@example.invalid",
        abbreviations=["BVT"],
        former_names=["Barnevernkontoret"],
        unit_kind=UnitKind.CHILD_WELFARE,
    ),
    StarterService(
        name="Barnevernvakten",
        kind=ServiceKind.SERVICE,
        description=(
            "Akuttberedskap for barn i krise når barneverntjenesten har stengt: kvelder, "
            "netter og helger."
        ),
        target_group="Barn og unge i akutte situasjoner, og voksne som er bekymret for dem.",
        how_to_refer="Ring direkte. Ved fare for liv eller helse: ring 112.",
        phone="400 00 106",
        email="barnevernvakt@example.invalid",
        abbreviations=["BVV"],
        unit_kind=UnitKind.CHILD_WELFARE,
    ),
    StarterService(
        name="Barne- og ungdomspsykiatrisk poliklinikk",
        kind=ServiceKind.SERVICE,
        description=(
            "Spesialisthelsetjenesten for barn og unge med psykiske vansker som trenger "
            "utredning og behandling utover det kommunen kan gi."
        ),
        target_group="Barn og unge 0–18 år med psykiske plager eller lidelser.",
        how_to_refer=(
            "Henvisning fra fastlege, barneverntjenesten eller kommunepsykolog. PPT kan "
            "henvise for utredning av lærevansker med psykiske tilleggsvansker."
        ),
        phone="400 00 107",
        email="bup@example.invalid",
        abbreviations=["BUP"],
        unit_kind=UnitKind.SPECIALIST,
    ),
    StarterService(
        name="Habiliteringstjenesten for barn og unge",
        kind=ServiceKind.SERVICE,
        description=(
            "Utreder og følger opp barn med medfødte eller tidlig ervervede funksjonsnedsettelser, "
            "som autismespekterforstyrrelser, cerebral parese og utviklingshemming. Gir "
            "veiledning til familien og til barnehage og skole."
        ),
        target_group="Barn og unge 0–18 år med sammensatte funksjonsvansker.",
        how_to_refer="Henvisning fra lege. Foreldre kan ringe for å få råd før henvisning.",
        phone="400 00 108",
        email="habu@example.invalid",
        abbreviations=["HABU"],
        former_names=["Barnehabiliteringen"],
        unit_kind=UnitKind.SPECIALIST,
    ),
    StarterService(
        name="Familiesenteret",
        kind=ServiceKind.TEAM,
        description=(
            "Samler lavterskeltilbud for familier: foreldreveiledning, samtaler med "
            "familieterapeut, grupper for barn som opplever samlivsbrudd og kurs for "
            "nybakte foreldre."
        ),
        target_group="Familier med barn 0–18 år som ønsker hjelp tidlig.",
        how_to_refer=(
            "Ta kontakt selv, eller få hjelp av helsestasjon, barnehage eller skole til å "
            "ta kontakt. Ingen henvisning."
        ),
        phone="400 00 109",
        email="familiesenter@example.invalid",
        abbreviations=["FS"],
        former_names=["Familieteamet", "Familiens hus"],
    ),
    StarterService(
        name="Tverrfaglig team på skolen",
        kind=ServiceKind.TEAM,
        description=(
            "Et tverrfaglig team på hver skole der lærer, rektor, helsesykepleier og PPT "
            "drøfter elever det er knyttet uro til, og blir enige om tiltak og hvem som "
            "følger opp."
        ),
        target_group="Elever i grunnskolen, drøftet med foreldrenes samtykke eller uten navn.",
        how_to_refer=(
            "Kontaktlærer melder saken til rektor. Foreldre inviteres når barnet drøftes med navn."
        ),
        phone="400 00 110",
        email="ressursteam@example.invalid",
        former_names=["Ressursteam", "Elevteam"],
        unit_kind=UnitKind.SCHOOL,
    ),
    StarterService(
        name="Tverrfaglig team i barnehagen",
        kind=ServiceKind.TEAM,
        description=(
            "Barnehagens faste møtepunkt med helsestasjon, PPT og barneverntjenesten for "
            "drøfting av barn det er knyttet uro til."
        ),
        target_group="Barn i barnehage og foreldrene deres.",
        how_to_refer="Styrer setter barnet på sakslisten etter samtale med foreldrene.",
        phone="400 00 111",
        email="barnehageteam@example.invalid",
        unit_kind=UnitKind.KINDERGARTEN,
    ),
    StarterService(
        name="NAV",
        kind=ServiceKind.SERVICE,
        description=(
            "Arbeids- og velferdsforvaltningen i kommunen: økonomisk sosialhjelp, "
            "økonomisk rådgivning, hjelp til bolig og oppfølging mot arbeid. Har egne "
            "veiledere for unge under 30 år."
        ),
        target_group="Alle innbyggere, også unge som bor for seg selv.",
        how_to_refer="Søk digitalt, ring eller kom til kontoret i åpningstiden.",
        phone="400 00 112",
        email="nav@example.invalid",
        abbreviations=["NAV-kontoret"],
        former_names=["Sosialkontoret", "Trygdekontoret"],
        unit_kind=UnitKind.NAV,
    ),
    StarterService(
        name="Psykisk helse barn og unge",
        kind=ServiceKind.SERVICE,
        description=(
            "Kommunepsykolog og psykiatriske sykepleiere gir samtaler ved angst, nedstemthet, "
            "sorg, selvskading og andre psykiske plager som ikke krever spesialisthelsetjeneste."
        ),
        target_group="Barn og unge 6–20 år og foreldrene deres.",
        how_to_refer=(
            "Ungdom over 16 år kan ta kontakt selv. For yngre barn tar foreldrene kontakt, "
            "eventuelt med hjelp fra helsesykepleier eller fastlege."
        ),
        phone="400 00 113",
        email="psykiskhelse@example.invalid",
        abbreviations=["PHBU"],
        former_names=["Kommunepsykologen", "Psykiatritjenesten for barn"],
        unit_kind=UnitKind.MENTAL_HEALTH,
    ),
    StarterService(
        name="Foreldreveiledning – TIBIR og PMTO",
        kind=ServiceKind.MEASURE,
        description=(
            "Korte og lengre veiledningsløp for foreldre til barn med atferdsvansker. "
            "Foreldrene øver på samspill, grensesetting og ros hjemme, med en veileder som "
            "følger opp fra uke til uke."
        ),
        target_group="Foreldre til barn 3–12 år med begynnende eller tydelige atferdsvansker.",
        how_to_refer=(
            "Foreldre tar kontakt selv, eller barnehage, skole eller helsestasjon henviser "
            "etter samtale med dem."
        ),
        phone="400 00 114",
        email="foreldreveiledning@example.invalid",
        abbreviations=["TIBIR", "PMTO", "PALS"],
        former_names=["Foreldrekurs"],
    ),
    StarterService(
        name="International Child Development Programme",
        kind=ServiceKind.MEASURE,
        description=(
            "Foreldregrupper over tolv samlinger om barns behov og samspill i hverdagen, "
            "også på andre språk enn norsk."
        ),
        target_group="Foreldre med barn 0–18 år, blant annet familier som er nye i Norge.",
        how_to_refer="Meld deg på hos familiesenteret.",
        phone="400 00 115",
        email="icdp@example.invalid",
        abbreviations=["ICDP", "Foreldreveiledningsprogrammet"],
    ),
    StarterService(
        name="Oppfølgingstjenesten",
        kind=ServiceKind.SERVICE,
        description=(
            "Følger opp ungdom som har rett til videregående opplæring, men som ikke er i "
            "skole eller arbeid, og hjelper dem tilbake."
        ),
        target_group="Ungdom 16–24 år utenfor skole og arbeid.",
        how_to_refer="Ungdommen kan ta kontakt selv; skolen og NAV kan melde fra.",
        phone="400 00 116",
        email="ot@example.invalid",
        abbreviations=["OT"],
    ),
    StarterService(
        name="Utekontakten",
        kind=ServiceKind.SERVICE,
        description=(
            "Oppsøkende ungdomsarbeidere som er der ungdom er, på kvelder og i helger, og "
            "som kan hjelpe videre ved rus, vold eller utenforskap."
        ),
        target_group="Ungdom 13–25 år.",
        how_to_refer="Send melding eller ring. Tjenesten er gratis, og du kan være anonym.",
        phone="400 00 117",
        email="utekontakten@example.invalid",
        abbreviations=["UK"],
        former_names=["Feltpleien for ungdom"],
    ),
    StarterService(
        name="Koordinator for barn med behov for langvarige tjenester",
        kind=ServiceKind.SERVICE,
        description=(
            "Barn som trenger flere tjenester over tid, har rett til en fast koordinator "
            "som holder trådene og sørger for at tjenestene samarbeider."
        ),
        target_group="Barn og familier med sammensatte behov over tid.",
        how_to_refer="Søk via koordinerende enhet i kommunen; tjenestene kan hjelpe med søknaden.",
        phone="400 00 118",
        email="koordinerende@example.invalid",
        abbreviations=["KE", "Koordinerende enhet"],
        former_names=["Ansvarsgruppe"],
    ),
]


@transaction.atomic
def install_starter_services(municipality: Municipality) -> list[Service]:
    """Add the starter services the municipality does not have yet (by name).

    Run again, it adds nothing. Each service is linked to the municipality's first active unit
    of the usual kind, when there is one.
    """
    existing = set(Service.objects.filter(municipality=municipality).values_list("name", flat=True))
    units: dict[str, Unit] = {}
    for unit in Unit.objects.filter(municipality=municipality, is_active=True).order_by("name"):
        units.setdefault(unit.kind, unit)
    created: list[Service] = []
    for s in STARTER:
        if s.name in existing:
            continue
        service = Service(
            municipality=municipality,
            name=s.name,
            kind=s.kind,
            abbreviations=list(s.abbreviations),
            former_names=list(s.former_names),
            description=s.description,
            target_group=s.target_group,
            how_to_refer=s.how_to_refer,
            phone=s.phone,
            email=s.email,
            address="Rådhusgata 1",
            unit=units.get(s.unit_kind) if s.unit_kind else None,
        )
        service.full_clean()
        service.save()
        created.append(service)
    return created
