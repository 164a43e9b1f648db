"""The stage tracker as data: three phases, eight stages and a starter list of activities.

In the spirit of the Stages of Implementation Completion (SIC), written for a Norwegian
municipality taking BTI or TIBIR into use. Activity keys are stored in SicCompletion: never
rename one; add new keys instead.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SicActivity:
    key: str
    name: Promise
    who: Promise  # who is involved


@dataclass(frozen=True)
class SicStage:
    number: int
    phase: str  # a key of SIC_PHASES
    name: Promise
    activities: tuple[SicActivity, ...]


SIC_PHASES: dict[str, Promise] = {
    "pre": _("Før innføring"),
    "implementation": _("Innføring"),
    "sustainability": _("Varig drift"),
}

A = SicActivity

SIC_STAGES: tuple[SicStage, ...] = (
    SicStage(
        1,
        "pre",
        _("Forankring"),
        (
            A("s1_first_contact", _("Første møte med programeier"), _("Kommunalsjef, rådgiver")),
            A("s1_leaders_informed", _("Ledere i tjenestene er orientert"), _("Kommunalsjef")),
            A("s1_political", _("Saken er lagt fram politisk"), _("Rådmann, kommunestyre")),
        ),
    ),
    SicStage(
        2,
        "pre",
        _("Vurdering av gjennomførbarhet"),
        (
            A("s2_needs", _("Behov og dagens tilbud er kartlagt"), _("Koordinator, tjenestene")),
            A("s2_resources", _("Ressurser og kostnader er anslått"), _("Kommunalsjef, økonomi")),
            A("s2_decision", _("Beslutning om å gå videre"), _("Ledergruppen")),
        ),
    ),
    SicStage(
        3,
        "pre",
        _("Planlegging av beredskap"),
        (
            A("s3_steering", _("Styringsgruppe er oppnevnt"), _("Kommunalsjef")),
            A("s3_coordinator", _("Koordinator er utpekt"), _("Kommunalsjef")),
            A("s3_plan", _("Innføringsplan er vedtatt"), _("Styringsgruppen")),
            A("s3_agreement", _("Samarbeidsavtale er inngått"), _("Kommunen, programeier")),
        ),
    ),
    SicStage(
        4,
        "implementation",
        _("Ansatte rekruttert og opplært"),
        (
            A("s4_recruited", _("Utøvere er rekruttert"), _("Enhetsledere")),
            A("s4_ambassadors", _("Ambassadører er valgt i enhetene"), _("Enhetsledere")),
            A("s4_training", _("Første opplæring er fullført"), _("Utøvere, kursholdere")),
            A("s4_all_staff", _("Alle ansatte har fått innføring"), _("Ambassadører, ansatte")),
        ),
    ),
    SicStage(
        5,
        "implementation",
        _("Rutiner for oppfølging av kvalitet"),
        (
            A("s5_supervision", _("Veiledning er satt i system"), _("Koordinator, veiledere")),
            A("s5_registry", _("Registrering av tiltak er på plass"), _("Koordinator")),
            A("s5_baseline", _("Medarbeiderundersøkelse ved oppstart"), _("Koordinator")),
        ),
    ),
    SicStage(
        6,
        "implementation",
        _("Tjenester og veiledning starter"),
        (
            A("s6_first_case", _("Første sak er fulgt etter veilederen"), _("Ansatte")),
            A("s6_first_family", _("Første familie har fått tiltak"), _("Utøvere")),
            A("s6_consultation", _("Konsultasjon til barnehage og skole er i gang"), _("Utøvere")),
        ),
    ),
    SicStage(
        7,
        "implementation",
        _("Løpende tjenester, veiledning og tilbakemelding"),
        (
            A("s7_practice", _("Faste samlinger for å øve på saker"), _("Ambassadører")),
            A("s7_followup", _("Oppfølgingsundersøkelse er gjennomført"), _("Koordinator")),
            A("s7_report", _("Styringsgruppen har fått statusrapport"), _("Koordinator")),
            A("s7_fidelity", _("Programtroskap er vurdert"), _("Veiledere, programeier")),
        ),
    ),
    SicStage(
        8,
        "sustainability",
        _("Kompetanse"),
        (
            A("s8_certified", _("Utøvere er sertifisert"), _("Utøvere, programeier")),
            A("s8_own_trainers", _("Kommunen har egne veiledere"), _("Koordinator")),
            A("s8_ordinary", _("Arbeidet er en del av ordinær drift"), _("Ledergruppen")),
        ),
    ),
)

SIC_ACTIVITIES: dict[str, SicActivity] = {a.key: a for s in SIC_STAGES for a in s.activities}
