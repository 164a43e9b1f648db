"""One of two guardians withdraws the case's consent while the other still consents.

world.case (Emil, 4): the mother and the father both gave the case's consent, on which Per
(health clinic) reads; Kari, the stafettholder, and Kaia (child welfare) take part on a
statute. The parent who does not withdraw has a consent for their own help, on which Nils
(school) reads. After the withdrawal: the consent ends and Per loses access; Kari and Kaia
read on; the other parent's own help goes on; the case stays on Kari's and the unit leader's
lists with the notice; the coordinators are told; both parents see what happened.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.services.lifecycle import case_close
from laget.cases.services.participants import baton_hand_over, participant_add
from laget.cases.withdrawal_notices import withdrawal_notice_handle, withdrawal_notices_for
from laget.consent.models import Channel, Consent, ConsentState, WithdrawalNotice
from laget.consent.services import consent_give, consent_request, consent_withdraw
from laget.consent.tests.conftest import child_welfare_worker
from laget.guide.services import guide_create, guide_publish, version_create
from laget.notify.models import Kind, Notification
from laget.orgs.actors import actor_for
from laget.people.models import Guardian
from laget.testing.family import Family
from laget.testing.world import World

pytestmark = pytest.mark.django_db

NOTICE = "Samtykket ble trukket av én av de foresatte"
PARENTS = ("mother", "father")


@dataclass
class Setting:
    withdrawer: Guardian
    other: Guardian
    withdrawer_user: User
    other_user: User
    own_help: Consent  # the other parent's own help, on which Nils reads
    welfare: User


def _portal_user(family: Family, parent: str) -> User:
    return family.users["own_guardian" if parent == "mother" else "father"]


def _guardian(family: Family, parent: str) -> Guardian:
    return family.mother if parent == "mother" else family.father


def own_help_consent(world: World, guardian: Guardian, user: User, unit: str) -> Consent:
    """A consent for one parent's own help, given by them in the portal."""
    holder = world.users["stafettholder"]
    consent = consent_request(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_ids=[world.units[unit].pk],
        purpose="Veiledning for forelderen selv",
        for_guardian_id=guardian.pk,
    )
    return consent_give(
        actor=actor_for(user, Via.PORTAL), consent=consent, guardian=guardian, language="nb"
    )


def setting(world: World, family: Family, withdrawer: str) -> Setting:
    other = "father" if withdrawer == "mother" else "mother"
    holder = world.users["stafettholder"]
    own = own_help_consent(world, _guardian(family, other), _portal_user(family, other), "school")
    participant_add(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_id=world.units["school"].pk,
        user_id=world.users["other_unit"].pk,
        legal_basis=LegalBasis.CONSENT,
        consent_id=own.pk,
    )
    return Setting(
        withdrawer=_guardian(family, withdrawer),
        other=_guardian(family, other),
        withdrawer_user=_portal_user(family, withdrawer),
        other_user=_portal_user(family, other),
        own_help=own,
        welfare=child_welfare_worker(world),
    )


def withdraw(door: str, world: World, s: Setting, client_as: Callable[[str], Client]) -> None:
    """The withdrawing parent in the portal, or the stafettholder registering what they said."""
    if door == "portal":
        client = Client()
        client.force_login(s.withdrawer_user, backend="laget.portal.oidc.PortalOIDCBackend")
        response = client.post(
            reverse(
                "portal:consent_withdraw",
                kwargs={"case_id": world.case.pk, "consent_id": world.consent.pk},
            ),
            {"bekreft": "trekk-tilbake"},  # the portal's confirmation (portal.views.consents)
        )
    else:
        party = world.consent.parties.get(guardian=s.withdrawer)
        client = Client()
        client.force_login(world.users["stafettholder"])
        response = client.post(
            reverse(
                "consent:consent_withdraw",
                kwargs={"case_id": world.case.pk, "consent_id": world.consent.pk},
            ),
            {"party": party.pk, "note": "Ringte stafettholderen"},
        )
    assert response.status_code == 302


def reads(user: User, world: World) -> bool:
    try:
        case_for(user, world.case.pk, audit=False)
    except Http404:
        return False
    return True


def my_cases(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("cases:my_cases")).content.decode()


@pytest.mark.parametrize("door", ["portal", "staff"])
@pytest.mark.parametrize("withdrawer", PARENTS)
def test_the_case_stays_on_the_lists_with_the_notice_and_statute_reads_on(
    world: World,
    family: Family,
    client_as: Callable[[str], Client],
    withdrawer: str,
    door: str,
) -> None:
    s = setting(world, family, withdrawer)
    nurse, teacher = world.users["participant"], world.users["other_unit"]
    assert reads(nurse, world) and reads(teacher, world)

    withdraw(door, world, s, client_as)

    world.consent.refresh_from_db()
    assert world.consent.state == ConsentState.WITHDRAWN
    # Per read on the withdrawn consent; the statute participants and Nils (the other
    # parent's own help) read on.
    assert not reads(nurse, world)
    for user in (world.users["stafettholder"], s.welfare, teacher):
        assert reads(user, world)
    s.own_help.refresh_from_db()
    assert s.own_help.state == ConsentState.GIVEN
    # The case is on the stafettholder's and the unit leader's lists, with the notice.
    name = world.case.display_name
    for role in ("stafettholder", "unit_leader"):
        page = my_cases(world.users[role])
        assert NOTICE in page and name in page, role
    # The coordinators are told (the e-mail names nothing).
    notice = WithdrawalNotice.objects.get(consent=world.consent)
    told = Notification.objects.filter(
        kind=Kind.CASE_NOTICE, event=f"consent-withdrawn:{notice.pk}"
    )
    assert world.users["stafettholder"].email in {n.recipient for n in told}
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="withdrawalnotice", object_id=notice.pk
    ).exists()


@pytest.mark.parametrize("withdrawer", PARENTS)
def test_both_parents_see_what_the_withdrawal_did(
    world: World, family: Family, client_as: Callable[[str], Client], withdrawer: str
) -> None:
    s = setting(world, family, withdrawer)
    withdraw("portal", world, s, client_as)
    url = reverse(
        "portal:consent", kwargs={"case_id": world.case.pk, "consent_id": world.consent.pk}
    )
    pages = {}
    for who, user in (("withdrawer", s.withdrawer_user), ("other", s.other_user)):
        client = Client()
        client.force_login(user, backend="laget.portal.oidc.PortalOIDCBackend")
        pages[who] = client.get(url).content.decode()
    assert "Du trakk samtykket tilbake" in pages["withdrawer"]
    assert "av en annen som skulle samtykke" in pages["other"]
    assert "mistet tilgangen" in pages["other"]
    # The other parent's own help is untouched, and they are told so.
    assert "gjelder din egen hjelp, gjelder fortsatt" in pages["other"]
    # Neither can withdraw it again.
    assert "Trekk tilbake samtykket" not in pages["withdrawer"] + pages["other"]


def test_the_case_page_shows_the_notice_and_the_coordinator_marks_it_handled(
    world: World, family: Family, client_as: Callable[[str], Client], client_for: Callable
) -> None:
    s = setting(world, family, "mother")
    withdraw("portal", world, s, client_as)
    case_page = reverse("cases:case_detail", args=[world.case.pk])
    handle = reverse(
        "consent:withdrawal_notice_handle",
        kwargs={"case_id": world.case.pk, "consent_id": world.consent.pk},
    )
    # Everyone who reads the case sees it; only those who coordinate mark it handled.
    welfare = Client()
    welfare.force_login(s.welfare)
    assert NOTICE in welfare.get(case_page).content.decode()
    assert handle not in welfare.get(case_page).content.decode()
    assert welfare.post(handle).status_code == 403
    holder = client_for("stafettholder")
    assert handle in holder.get(case_page).content.decode()
    assert holder.post(handle).status_code == 302
    notice = WithdrawalNotice.objects.get(consent=world.consent)
    assert notice.handled_by == world.users["stafettholder"]
    for role in ("stafettholder", "unit_leader"):
        assert NOTICE not in my_cases(world.users[role])
    assert NOTICE not in holder.get(case_page).content.decode()


def _publish_guide(world: World) -> None:
    """A published guide with a step at world.case's level (2)."""
    guide = guide_create(by=None, municipality=world.municipality, title="Veileder", slug="v")
    levels = [
        {
            "number": n,
            "title": f"Nivå {n}",
            "summary": "",
            "steps": [{"slug": f"steg-{n}", "title": f"Steg på nivå {n}", "body": "Gjør slik."}],
        }
        for n in range(4)
    ]
    guide_publish(by=None, version=version_create(by=None, guide=guide, levels=levels))  # type: ignore[arg-type]


def test_a_stafettholder_who_read_on_that_consent_keeps_the_notice_without_the_case(
    world: World, family: Family, client_as: Callable[[str], Client]
) -> None:
    """Per got the baton while reading on the family's consent. The withdrawal takes his
    access, but not the notice: his list shows the case's number, the date and the guide's
    step (in the public guide) — never the child's name or anything from the log."""
    _publish_guide(world)
    holder = world.users["stafettholder"]
    nurse = world.users["participant"]
    s = setting(world, family, "mother")
    baton_hand_over(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        to_participant_id=world.participant.pk,
    )
    withdraw("portal", world, s, client_as)

    assert not reads(nurse, world)
    page = my_cases(nurse)
    assert NOTICE in page
    assert f"Sak {world.case.pk}" in page
    assert world.case.display_name not in page
    assert "Fjeldsrud" not in page
    step = reverse(
        "public:step",
        kwargs={"municipality_number": world.municipality.number, "level": 2, "slug": "steg-2"},
    )
    assert step in page
    assert reverse("cases:case_detail", args=[world.case.pk]) not in page
    # He was told while he still held the baton; he cannot mark it handled now.
    notice = WithdrawalNotice.objects.get(consent=world.consent)
    told = Notification.objects.filter(event=f"consent-withdrawn:{notice.pk}")
    assert nurse.email in {n.recipient for n in told}
    client = Client()
    client.force_login(nurse)
    handle = reverse(
        "consent:withdrawal_notice_handle",
        kwargs={"case_id": world.case.pk, "consent_id": world.consent.pk},
    )
    assert client.post(handle).status_code == 404
    # His row is a list read of the case in the family's access log, like any list.
    assert AuditEvent.objects.filter(
        actor=nurse, action=AuditAction.LIST, case_id=world.case.pk
    ).exists()
    # The unit leader sees the case itself, and the row links into it.
    rows = withdrawal_notices_for(world.users["unit_leader"])
    assert [r.reads_case for r in rows] == [True]


def test_others_do_not_get_the_notice(world: World, family: Family, client_as: Callable) -> None:
    s = setting(world, family, "mother")
    withdraw("portal", world, s, client_as)
    for role in ("participant", "same_unit", "other_unit", "former_participant", "coordinator"):
        assert withdrawal_notices_for(world.users[role]) == [], role


def test_withdrawing_ones_own_help_or_a_consent_with_one_guardian_leaves_no_notice(
    world: World, family: Family
) -> None:
    s = setting(world, family, "mother")
    consent_withdraw(
        actor=actor_for(s.other_user, Via.PORTAL), consent=s.own_help, guardian=s.other
    )
    assert not WithdrawalNotice.objects.filter(consent=s.own_help).exists()
    # The teenager's consent has the child alone as party.
    teen = family.teen_consent
    consent_give(actor=actor_for(family.users["child_over"], Via.PORTAL), consent=teen, child=True)
    consent_withdraw(
        actor=actor_for(family.users["child_over"], Via.PORTAL), consent=teen, child=True
    )
    assert not WithdrawalNotice.objects.filter(consent=teen).exists()


def test_the_notice_is_handled_only_on_an_open_case(world: World, family: Family) -> None:
    s = setting(world, family, "mother")
    consent_withdraw(
        actor=actor_for(s.withdrawer_user, Via.PORTAL),
        consent=world.consent,
        guardian=s.withdrawer,
    )
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    case_close(
        actor=actor,
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        reason="Familien ønsket det",
    )
    assert withdrawal_notices_for(holder) == []
    with pytest.raises(ValidationError) as excinfo:
        withdrawal_notice_handle(
            actor=actor,
            access=case_for(holder, world.case.pk, audit=False),
            consent_id=world.consent.pk,
        )
    assert excinfo.value.messages == [str(MSG_CASE_CLOSED)]


def test_paper_given_consent_withdrawn_by_one_parent_still_leaves_the_notice(
    world: World, family: Family
) -> None:
    """The notice follows from who withdrew, not from how the consent was given."""
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    consent = consent_request(
        actor=actor,
        access=case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False),
        unit_ids=[world.units["ppt"].pk],
        purpose="PPT vurderer",
    )
    for party in consent.parties.all():
        consent = consent_give(
            actor=actor, consent=consent, guardian=party.guardian, channel=Channel.DIGITAL
        )
    consent_withdraw(actor=actor, consent=consent, guardian=family.father, note="Far ringte")
    assert WithdrawalNotice.objects.filter(consent=consent, handled_at=None).exists()
