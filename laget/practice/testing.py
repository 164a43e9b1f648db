"""A practice area worked through, for the practice tests and the access matrix."""

import datetime
from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind, LegalBasis, MeasureStatus, Outcome
from laget.cases.models import Case
from laget.cases.services.lifecycle import case_change_level, case_close
from laget.cases.services.measures import measure_evaluate
from laget.cases.services.participants import baton_hand_over, participant_add
from laget.cases.services.transitions import transition_create
from laget.consent.models import Consent, ConsentState
from laget.consent.services import consent_withdraw
from laget.lib.practice import practice_scope
from laget.orgs.actors import actor_for
from laget.orgs.models import Unit, UnitKind
from laget.people.national_id import check_digits
from laget.practice.scenarios import SCENARIOS

# What a practice case holds that no real page, figure or export may ever show.
PRACTICE_NAMES = (
    "Sondre Haugli",
    "Maja Solberg",
    "Jonas Berg",
    "Kari Haugli",
    "Ida Øvesen",
    "Øvelse:",
)


def national_id(birth: datetime.date, *, synthetic: bool, start: int = 0) -> str:
    """A number with valid check digits: synthetic (month + 80) or in the real series."""
    first = 500 if birth.year >= 2000 else 0
    month = birth.month + (80 if synthetic else 0)
    for individual in range(first + start, first + 500):
        nine = f"{birth:%d}{month:02d}{birth:%y}{individual:03d}"
        digits = check_digits(nine)
        if digits is not None:
            return nine + digits
    raise ValueError("no number left")


@dataclass
class Practised:
    owner: User
    client: Client
    cases: dict[str, Case] = field(default_factory=dict)
    # A synthetic national id given to a practice family member through the real page.
    member_id: str = ""

    @property
    def ids(self) -> list[int]:
        return sorted(c.pk for c in self.cases.values())

    @property
    def markers(self) -> list[str]:
        consents = Consent.objects.filter(case_id__in=self.ids).values_list("reference", flat=True)
        return [str(pk) for pk in self.ids] + list(PRACTICE_NAMES) + list(consents)


def work_the_practice_area(owner: User, client: Client, *, same_child: str = "") -> Practised:
    """Start every scenario through the practice area's page and work each case through the
    guide: entries on the real page, a family member with a synthetic number, an evaluation, a
    handover to school, a withdrawn consent, the baton handed on, the worry lifted or closed.
    With `same_child` (a synthetic number) the worry is tied to a child with that number."""
    done = Practised(owner=owner, client=client)
    for scenario in SCENARIOS:
        response = client.post(reverse("practice:start"), {"scenario": scenario.key})
        assert response.status_code == 302, response
        case_id = int(response["Location"].rstrip("/").rsplit("/", 1)[-1])
        done.cases[scenario.key] = Case.all_objects.get(pk=case_id)
    for case in done.cases.values():
        page = reverse("cases:case_detail", kwargs={"case_id": case.pk})
        assert client.get(page).status_code == 200
        entry = client.post(
            reverse("cases:entry_create", kwargs={"case_id": case.pk}),
            {
                "kind": EntryKind.OBSERVATION,
                "text": "Øvingsnotat til alle.",
                "audience": Audience.ALL,
            },
        )
        assert entry.status_code == 302, entry
    two = done.cases["to-tjenester"]
    done.member_id = national_id(datetime.date(1988, 5, 17), synthetic=True)
    member = client.post(
        reverse("cases:guardian_add", kwargs={"case_id": two.pk}),
        {
            "name": "Kari Haugli",
            "relation": "tante",
            "role": "guardian_no_pr",
            "protected_address": "",
            "national_id": done.member_id,
            "email": "",
            "phone": "",
        },
    )
    assert member.status_code == 302, member.content.decode()[:2000]
    if same_child:
        identified = client.post(
            reverse("cases:case_identify", kwargs={"case_id": done.cases["undring"].pk}),
            {
                "kind": "child",
                "given_name": "Ida",
                "family_name": "Øvesen",
                "national_id": same_child,
            },
        )
        assert identified.status_code == 302, identified.content.decode()[:2000]
    actor = actor_for(owner, Via.WEB)
    today = timezone.localdate()
    with practice_scope():
        access = case_for(owner, two.pk, need=Need.COORDINATE, audit=False)
        measure = access.case.measures.order_by("pk").first()
        assert measure is not None
        measure_evaluate(
            actor=actor,
            access=access,
            measure=measure,
            expected_version=measure.version,
            outcome=Outcome.PARTLY,
            text="Sovner tidligere tre kvelder i uka.",
            evaluated_on=today,
            status=MeasureStatus.ACTIVE,
            next_evaluation_on=today + datetime.timedelta(days=30),
        )
        school = _handover_to_school(owner, done.cases["overgang-skole"])
        withdrawn = done.cases["samtykke-trukket"]
        consent = Consent.objects.get(case=withdrawn, state=ConsentState.GIVEN)
        guardian = consent.parties.exclude(guardian=None).first()
        assert guardian is not None
        consent_withdraw(actor=actor, consent=consent, guardian=guardian.guardian, note="Ringte.")
        worry = done.cases["undring"]
        access = case_for(owner, worry.pk, need=Need.COORDINATE, audit=False)
        case_close(actor=actor, access=access, reason="Bekymringen ble avklart i samtale.")
        if school is not None:
            access = case_for(owner, done.cases["overgang-skole"].pk, need=Need.COORDINATE)
            baton_hand_over(
                actor=actor, access=access, to_participant_id=school, note="Skolen tar over."
            )
        access = case_for(owner, two.pk, need=Need.COORDINATE, audit=False)
        case_change_level(actor=actor, access=access, to_level=3, reason="Øving: nivå 3.")
    return done


def _handover_to_school(owner: User, case: Case) -> int | None:
    """A transition to the municipality's school with its meeting, and a teacher there taking
    part in person: returns that participant, to hand the baton to."""
    actor = actor_for(owner, Via.WEB)
    access = case_for(owner, case.pk, need=Need.COORDINATE, audit=False)
    school = Unit.objects.filter(municipality=case.municipality, kind=UnitKind.SCHOOL).first()
    if school is None:
        return None
    consent = Consent.objects.filter(case=case, state=ConsentState.GIVEN).first()
    today = timezone.localdate()
    transition_create(
        actor=actor,
        access=access,
        to_unit_id=school.pk,
        date=today + datetime.timedelta(days=60),
        meeting_at=timezone.now() + datetime.timedelta(days=20),
        place="Skolens møterom (øvelse)",
        legal_basis=LegalBasis.CONSENT if consent else LegalBasis.STATUTE,
        consent_id=consent.pk if consent else None,
    )
    teacher = school.memberships.filter(is_active=True).select_related("user").first()
    if teacher is None or consent is None:
        return None
    access = case_for(owner, case.pk, need=Need.COORDINATE, audit=False)
    joined = participant_add(
        actor=actor,
        access=access,
        unit_id=school.pk,
        user_id=teacher.user_id,
        legal_basis=LegalBasis.CONSENT,
        consent_id=consent.pk,
    )
    return joined.pk
