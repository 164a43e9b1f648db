"""The fictional demo municipality: its units and staff. Every name here is invented."""

from dataclasses import dataclass

from laget.orgs.models import Role, UnitKind

MUNICIPALITY_NAME = "Havbrekke kommune"
# 99xx is not a real kommunenummer, so the demo can never be mistaken for a real municipality.
MUNICIPALITY_NUMBER = "9971"
REGION = "Fiktiv demokommune"
PASSWORD = "demo-laget-2026"
LOGIN_URL = "http://127.0.0.1:8000/logg-inn/"
# The family portal without ID-porten: a page that exists only while LAGET_DEMO is on.
PORTAL_DEMO_URL = "http://127.0.0.1:8000/demo/familie/"
PORTAL_GUARDIAN = ("Anita Bergsvik", "mother of Lukas (5): his log, measures and next meeting")
# Families as they are (laget/demo/stories/families.py, schools.py): whom to log in as in the
# family portal's demo login, and what each shows.
FAMILY_LOGINS: tuple[tuple[str, str], ...] = (
    (
        "Ronny Sæterbakken",
        "father shut out after violence: no places, services or the mother's help",
    ),
    ("Silje Sæterbakken", "mother with a protected address and her own help (Mikkel, 7)"),
    ("Tanja Kvalheim", "birth mother under a care order: only measures and meetings (Emma, 5)"),
    ("Hege Lyngstad", "foster mother under the care order: reads Emma's log"),
    ("Mari Aasen", "mother of Noah: the log began in pregnancy and became his"),
    ("Dennis Aasen", "partner in the pregnancy, now Noah's father (partner role)"),
    ("Per Vindheim", "father who withdrew the consent for PPT (Oskar, 6)"),
    ("Selma Rødberg", "13 years old: writes in her own log and gives her view of a measure"),
    ("Tom Rødberg", "Selma's father, who said no to BUP taking part"),
    ("Marianne Moholt", "mother of Adrian: a report of concern is being assessed, nothing shows"),
)
# Fixed, so that every run tells the same stories at the same times of day.
RANDOM_SEED = 20260214


@dataclass(frozen=True)
class UnitSpec:
    key: str
    name: str
    kind: str


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    unit: str | None  # a UnitSpec key; None for the municipality-wide roles
    role: str
    title: str


UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("hs", "Havbrekke helsestasjon", UnitKind.HEALTH_CLINIC),
    UnitSpec("bh_make", "Måkeberget barnehage", UnitKind.KINDERGARTEN),
    UnitSpec("bh_klover", "Kløverenga barnehage", UnitKind.KINDERGARTEN),
    UnitSpec("bh_tusse", "Tussetoppen barnehage", UnitKind.KINDERGARTEN),
    UnitSpec("sk_barne", "Havbrekke barneskole", UnitKind.SCHOOL),
    UnitSpec("sk_ungdom", "Nordstrand ungdomsskole", UnitKind.SCHOOL),
    UnitSpec("sfo", "Havbrekke barneskole SFO", UnitKind.AFTER_SCHOOL),
    UnitSpec("bv", "Barneverntjenesten i Havbrekke", UnitKind.CHILD_WELFARE),
    UnitSpec("ppt", "PPT Havbrekke", UnitKind.PPT),
    UnitSpec("nav", "NAV Havbrekke", UnitKind.NAV),
    UnitSpec("psyk", "Psykisk helse og rus Havbrekke", UnitKind.MENTAL_HEALTH),
    UnitSpec("bup", "BUP Vestkysten poliklinikk", UnitKind.SPECIALIST),
    UnitSpec("fam", "Familiesenteret Havbrekke", UnitKind.OTHER),
)

ADMIN = StaffSpec(
    "ragnhild", "Ragnhild", "Kvernstuen", None, Role.ADMIN, "Systemansvarlig, oppvekst"
)

# Created by the admin (unit leaders, coordinator) and by the unit leaders (employees), in
# this order: every employee's unit leader comes before them.
STAFF: tuple[StaffSpec, ...] = (
    StaffSpec("tobias", "Tobias", "Elvetun", None, Role.COORDINATOR, "BTI-koordinator"),
    StaffSpec("pia", "Pia", "Vernes", None, Role.PRIVACY_OFFICER, "Personvernombud"),
    StaffSpec("asle", "Asle", "Mørkvedal", None, Role.ARCHIVIST, "Arkivleder"),
    StaffSpec("mona", "Mona", "Granmo", "hs", Role.UNIT_LEADER, "Leder helsestasjonen"),
    StaffSpec("hanne", "Hanne", "Tjernsli", "hs", Role.EMPLOYEE, "Helsesykepleier"),
    StaffSpec("sofie", "Sofie", "Myrbakk", "hs", Role.EMPLOYEE, "Helsesykepleier"),
    StaffSpec("jorunn", "Jorunn", "Bråtveit", "hs", Role.EMPLOYEE, "Jordmor"),
    StaffSpec("eva", "Eva", "Skarsmo", "bh_make", Role.UNIT_LEADER, "Styrer"),
    StaffSpec("ingrid", "Ingrid", "Løvhaug", "bh_make", Role.EMPLOYEE, "Pedagogisk leder"),
    StaffSpec("jonas", "Jonas", "Fagerbakk", "bh_make", Role.EMPLOYEE, "Barnehagelærer"),
    StaffSpec("amira", "Amira", "Haugtun", "bh_make", Role.EMPLOYEE, "Barne- og ungdomsarbeider"),
    StaffSpec("bjorn", "Bjørn", "Åsgarden", "bh_klover", Role.UNIT_LEADER, "Styrer"),
    StaffSpec("linnea", "Linnea", "Sjøvoll", "bh_klover", Role.EMPLOYEE, "Pedagogisk leder"),
    StaffSpec("gro", "Gro", "Nesbøen", "bh_tusse", Role.UNIT_LEADER, "Styrer"),
    StaffSpec("martin", "Martin", "Kleivmo", "bh_tusse", Role.EMPLOYEE, "Pedagogisk leder"),
    StaffSpec("knut", "Knut", "Storvoll", "sk_barne", Role.UNIT_LEADER, "Rektor"),
    StaffSpec("marte", "Marte", "Engebakk", "sk_barne", Role.EMPLOYEE, "Lærer, 1.–4. trinn"),
    StaffSpec("helene", "Helene", "Dalsbotn", "sk_barne", Role.EMPLOYEE, "Sosiallærer"),
    StaffSpec("trine", "Trine", "Holmeng", "sk_ungdom", Role.UNIT_LEADER, "Rektor"),
    StaffSpec("erik", "Erik", "Bjørkli", "sk_ungdom", Role.EMPLOYEE, "Kontaktlærer 9. trinn"),
    StaffSpec("camilla", "Camilla", "Furuheim", "sfo", Role.UNIT_LEADER, "SFO-leder"),
    StaffSpec("sander", "Sander", "Løkkemo", "sfo", Role.EMPLOYEE, "Baseleder"),
    StaffSpec("kristin", "Kristin", "Vardenes", "bv", Role.UNIT_LEADER, "Barnevernleder"),
    StaffSpec("henrik", "Henrik", "Stavrum", "bv", Role.EMPLOYEE, "Barnevernkonsulent"),
    StaffSpec("liv", "Liv", "Brattegard", "ppt", Role.UNIT_LEADER, "PPT-leder"),
    StaffSpec("olav", "Olav", "Mjøsvang", "ppt", Role.EMPLOYEE, "PP-rådgiver"),
    StaffSpec("randi", "Randi", "Orheim", "nav", Role.UNIT_LEADER, "Avdelingsleder"),
    StaffSpec("fatima", "Fatima", "Sundli", "nav", Role.EMPLOYEE, "Veileder"),
    StaffSpec("geir", "Geir", "Hovlandsdal", "psyk", Role.UNIT_LEADER, "Enhetsleder"),
    StaffSpec("maja", "Maja", "Teigland", "psyk", Role.EMPLOYEE, "Psykiatrisk sykepleier"),
    StaffSpec("stian", "Stian", "Kalvåg", "bup", Role.UNIT_LEADER, "Seksjonsleder"),
    StaffSpec("nora", "Nora", "Reinholt", "bup", Role.EMPLOYEE, "Psykologspesialist"),
    StaffSpec("tone", "Tone", "Grindvik", "fam", Role.UNIT_LEADER, "Leder"),
    StaffSpec("vilde", "Vilde", "Aursnes", "fam", Role.EMPLOYEE, "Familieterapeut"),
)

ALL_STAFF: tuple[StaffSpec, ...] = (ADMIN, *STAFF)

# Printed first: who to log in as to see the most, and what they will find.
TRY_FIRST: tuple[tuple[str, str], ...] = (
    ("ingrid", "stafettholder in a kindergarten with several cases at levels 0–3"),
    ("eva", "unit leader of that kindergarten: sees all of the unit's cases"),
    ("hanne", "health nurse: takes part in kindergarten cases, holds her own"),
    ("ragnhild", "municipal admin: manages units and staff, reads no case content"),
)
