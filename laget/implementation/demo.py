"""Fictional demo data: a BTI plan in its third phase, written through the services.

All names are invented. Dates count back from `today`, so one milestone is always late.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from laget.implementation import item_services, services
from laget.implementation.models import MilestoneStatus, PhaseModel, Plan
from laget.implementation.phases import BTI, install_phase_models
from laget.orgs.models import Municipality, Unit

# SIC activity key → days before today it was completed.
SIC_DONE: dict[str, int] = {
    "s1_first_contact": 820,
    "s1_leaders_informed": 800,
    "s1_political": 760,
    "s2_needs": 740,
    "s2_resources": 730,
    "s2_decision": 700,
    "s3_steering": 690,
    "s3_coordinator": 690,
    "s3_plan": 600,
    "s3_agreement": 640,
    "s4_ambassadors": 540,
    "s4_training": 480,
    "s5_baseline": 450,
    "s5_supervision": 400,
    "s6_first_case": 380,
}


def seed_demo_plans(
    municipality: Municipality, units: Iterable[Unit], *, today: datetime.date | None = None
) -> Plan:
    """A BTI plan for the municipality in phase «Gjennomføre», with milestones, unit
    activities, ambassadors in all but one unit, a steering meeting and stage dates."""
    today = today or timezone.localdate()

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    install_phase_models()
    model = PhaseModel.objects.get(slug=BTI)
    phases = {p.slug: p for p in model.phases.all()}
    plan = services.plan_create(
        municipality=municipality,
        name="BTI – Bedre tverrfaglig innsats",
        phase_model=model,
        started_on=ago(820),
        steering_group="Kommunalsjef oppvekst (leder)\nLeder helsestasjon\nRektor, "
        "representant for skolene\nStyrer, representant for barnehagene\nBTI-koordinator",
    )
    services.phase_advance(plan=plan, phase=phases["planlegge"], entered_on=ago(700))
    services.phase_advance(plan=plan, phase=phases["gjennomfore"], entered_on=ago(420))
    milestones = [
        ("Styringsgruppe oppnevnt", "forberede", "Kommunalsjef", 720, 690),
        ("Innføringsplan vedtatt", "planlegge", "Styringsgruppen", 620, 600),
        ("Stafettloggen tatt i bruk i alle enheter", "gjennomfore", "BTI-koordinator", 200, None),
        ("Medarbeiderundersøkelse, oppfølging", "gjennomfore", "BTI-koordinator", -60, None),
    ]
    for title, phase, owner, due_days, done_days in milestones:
        item_services.milestone_save(
            plan=plan,
            title=title,
            phase=phases[phase],
            owner=owner,
            due_on=ago(due_days),
            status=MilestoneStatus.DONE if done_days else MilestoneStatus.IN_PROGRESS,
            done_on=ago(done_days) if done_days else None,
        )
    unit_list = sorted(units, key=lambda u: u.name)
    agents = ["Hanne Sørbø", "Emil Kvalvik", "Ragnhild Tofte", "Jonas Ødegård", "Mia Fjellheim"]
    for i, unit in enumerate(unit_list):
        item_services.activity_save(
            plan=plan,
            title="Fagdag om handlingsveilederen",
            unit=unit,
            phase=phases["gjennomfore"],
            due_on=ago(300),
            done_on=ago(310) if i % 2 == 0 else None,
        )
        if i < len(unit_list) - 1:  # the last unit still lacks an ambassador
            item_services.agent_save(
                plan=plan, name=agents[i % len(agents)], unit=unit, since=ago(540)
            )
    meeting = item_services.meeting_save(
        plan=plan,
        held_on=ago(30),
        notes="Status for innføringen. Tre av fire enheter bruker stafettloggen jevnlig.",
    )
    item_services.decision_save(
        meeting=meeting,
        text="Gjennomføre oppfølgingsundersøkelse blant ansatte.",
        responsible="BTI-koordinator",
        due_on=ago(-60),
    )
    item_services.decision_save(
        meeting=meeting, text="Finne ambassadør i enheten som mangler.", responsible="Kommunalsjef"
    )
    for key, days in SIC_DONE.items():
        services.sic_mark(plan=plan, activity=key, completed_on=ago(days))
    return plan
