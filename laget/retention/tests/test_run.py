"""The retention run with a frozen clock: the dry run lists what the policy says, the real run
takes exactly that and nothing else, and the deletion records add up."""

import datetime
from collections import defaultdict

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from laget.accounts.models import User
from laget.cases.models import Case, Entry, Measure
from laget.consent.models import Consent, ConsentParty
from laget.notify.models import Notification
from laget.people.models import Guardian, Subject
from laget.retention import run as run_module
from laget.retention.anonymise import (
    ANONYMISED_LABEL,
    DELETED,
    KEPT,
    LEFT_ALONE_APPS,
    case_relations,
)
from laget.retention.models import DeletionRecord, LegalHold, RetentionRun, RunStatus
from laget.retention.parts import ANONYMISE, DELETE
from laget.retention.plan import plan_for
from laget.retention.run import retention_run
from laget.retention.tests.conftest import Town
from laget.retention.tests.snapshot import differences, snapshot

pytestmark = pytest.mark.django_db


def _items(run: RetentionRun) -> dict[tuple[str, str], list]:
    return {(i["kind"], i["rule"]): i["ids"] for i in run.items}


def _approve(town: Town, admin: User) -> None:
    dry = retention_run(municipality=town.world.municipality, dry_run=True, now=town.now)
    RetentionRun.objects.filter(pk=dry.pk).update(approved_by=admin, approved_at=town.now)


def _real(town: Town) -> RetentionRun:
    return retention_run(municipality=town.world.municipality, dry_run=False, now=town.now)


def test_the_dry_run_lists_exactly_what_the_policy_says(
    town: Town, frozen: datetime.datetime
) -> None:
    before = snapshot()
    run = retention_run(municipality=town.world.municipality, dry_run=True, now=frozen)
    items = _items(run)
    assert run.status == RunStatus.DONE
    assert items["case", "closed_case"] == sorted([town.gone.pk, town.ancient.pk])
    assert {b["reason"]: b["ids"] for b in run.blocked} == {
        "legal_hold": [town.held.pk],
        "not_archived": [town.unarchived.pk],
    }
    assert items["consent", "consent_ended"] == [town.withdrawn.reference]
    assert items["scanned_copy", "scan_ended"] == [town.scan.pk]
    assert items["notification", "notification_sent"] == [town.old_sent.pk]
    assert town.gone_notification.pk in items["notification", "closed_case"]
    ancient_subject = town.ancient.subject_id
    assert items["subject_key", "outside_figures"] == [ancient_subject]
    assert len(items["guardian_key", "outside_figures"]) == 1
    # Kinds and ids only: no text of any log is in the report.
    assert "Ola" not in str(run.report) and "Nordli" not in str(run.report)
    assert differences(before, snapshot()) == {}
    assert not DeletionRecord.objects.exists()


def test_a_real_run_waits_until_an_admin_approved_a_dry_run(
    town: Town, frozen: datetime.datetime
) -> None:
    before = snapshot()
    run = _real(town)
    assert run.status == RunStatus.WAITING
    assert _items(run)["case", "closed_case"] == sorted([town.gone.pk, town.ancient.pk])
    assert differences(before, snapshot()) == {}
    assert not DeletionRecord.objects.exists()


def test_the_run_takes_exactly_the_plan_and_nothing_else(
    town: Town, frozen: datetime.datetime, admin: User
) -> None:
    _approve(town, admin)
    plan = plan_for(town.world.municipality, frozen)
    before = snapshot()
    run = _real(town)
    assert run.status == RunStatus.DONE, run.error
    found = differences(before, snapshot())

    deleted: dict[str, set] = defaultdict(set)
    changed: dict[str, set] = defaultdict(set)
    for part in plan.parts:
        target = deleted if part.action == DELETE else changed
        target[part.model._meta.label] |= set(part.ids)
    records: dict[str, int] = defaultdict(int)
    for record in DeletionRecord.objects.filter(run=run):
        records[record.kind] += record.count
    for label, (gone, altered) in found.items():
        # Planned deletions went; other deletions are what went with them (a consent's
        # parties and events), each recorded under its parent's kind.
        assert deleted[label] <= gone, label
        extra = gone - deleted[label]
        if extra:
            name = label.split(".")[1].lower()
            cascaded = sum(n for kind, n in records.items() if kind.endswith(f":{name}"))
            assert cascaded == len(extra), label
        assert altered <= changed[label], (label, altered - changed[label])
    # Every planned deletion happened, in the tables named and nowhere else.
    for label, ids in deleted.items():
        assert ids <= found.get(label, (set(), set()))[0], label
    # The records add up to what went: per kind, as planned.
    for part in plan.parts:
        if part.count:
            assert (
                DeletionRecord.objects.get(run=run, kind=part.kind, rule=part.rule).count
                == part.count
            )
    total_deleted = sum(len(g) for g, _ in found.values())
    assert total_deleted == sum(
        r.count
        for r in DeletionRecord.objects.filter(run=run)
        if ":" in r.kind or any(p.kind == r.kind and p.action == DELETE for p in plan.parts)
    )


def test_held_recent_unarchived_and_open_logs_are_untouched(
    town: Town, frozen: datetime.datetime, admin: User
) -> None:
    kept = [town.held, town.unarchived, town.recent]
    before = {
        c.pk: (c.label, c.close_reason, list(Entry.objects.filter(case=c).values_list("text")))
        for c in Case.objects.filter(pk__in=[k.pk for k in kept])
    }
    _approve(town, admin)
    _real(town)
    after = {
        c.pk: (c.label, c.close_reason, list(Entry.objects.filter(case=c).values_list("text")))
        for c in Case.objects.filter(pk__in=[k.pk for k in kept])
    }
    assert after == before
    assert not Case.objects.filter(pk__in=before, anonymised_at__isnull=False).exists()
    assert Consent.objects.filter(case=town.held).exists()


def test_an_anonymised_log_names_nobody_and_keeps_what_is_counted(
    town: Town, frozen: datetime.datetime, admin: User
) -> None:
    levels = list(town.gone.level_changes.values_list("to_level", flat=True))
    _approve(town, admin)
    _real(town)
    case = Case.objects.get(pk=town.gone.pk)
    assert case.anonymised_at == frozen
    assert case.label == ANONYMISED_LABEL and case.close_reason == ""
    subject = Subject.objects.get(pk=case.subject_id)
    assert (subject.given_name, subject.family_name, subject.national_id) == ("", "", "")
    assert subject.birth_date is None and subject.user_id is None
    for guardian in Guardian.objects.filter(subject=subject):
        assert (guardian.name, guardian.phone, guardian.email, guardian.national_id) == (
            "",
            "",
            "",
            "",
        )
        assert guardian.user_id is None
    assert not Entry.objects.filter(case=case, author_unit__isnull=False).exists()
    assert set(Entry.objects.filter(case=case).values_list("text", flat=True)) == {""}
    assert Entry.objects.filter(case=case, author_unit__isnull=True).exists()
    assert set(Measure.objects.filter(case=case).values_list("title", "goal")) == {("", "")}
    assert list(case.level_changes.values_list("to_level", flat=True)) == levels
    assert set(case.level_changes.values_list("reason", flat=True)) == {""}
    assert not Consent.objects.filter(case=case).exists()
    assert not Notification.objects.filter(case_id=case.pk).exists()
    ancient = Subject.objects.get(pk=town.ancient.subject_id)
    assert ancient.national_id_hash == ""


def test_ended_consents_scans_and_old_notifications_go(
    town: Town,
    frozen: datetime.datetime,
    admin: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    name = ConsentParty.objects.get(pk=town.scan.pk).scanned_copy.name
    assert default_storage.exists(name)
    _approve(town, admin)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _real(town)
    assert not Consent.objects.filter(pk=town.withdrawn.pk).exists()
    assert Consent.objects.filter(pk=town.expired.pk).exists()
    assert ConsentParty.objects.get(pk=town.scan.pk).scanned_copy.name == ""
    assert not default_storage.exists(name)
    remaining = set(Notification.objects.filter(case_id=town.live.pk).values_list("pk", flat=True))
    assert town.old_sent.pk not in remaining
    assert {town.new_sent.pk, town.old_queued.pk} <= remaining


def test_a_second_run_finds_nothing_more(
    town: Town, frozen: datetime.datetime, admin: User
) -> None:
    _approve(town, admin)
    assert _real(town).status == RunStatus.DONE
    again = _real(town)
    assert again.status == RunStatus.DONE
    assert again.items == []


def test_releasing_a_hold_lets_the_next_run_take_the_log(
    town: Town, frozen: datetime.datetime, admin: User
) -> None:
    LegalHold.objects.filter(case=town.held).update(released_at=frozen, released_by=admin)
    run = retention_run(municipality=town.world.municipality, dry_run=True, now=frozen)
    assert town.held.pk in _items(run)["case", "closed_case"]


def test_a_failure_rolls_the_run_back_whole(
    town: Town, frozen: datetime.datetime, admin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    _approve(town, admin)
    before = snapshot()
    calls = []
    real_record = run_module._record

    def failing(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 6:
            raise RuntimeError("disk full")
        real_record(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "_record", failing)
    run = _real(town)
    assert run.status == RunStatus.FAILED
    assert run.error == "RuntimeError"
    assert differences(before, snapshot()) == {}
    assert not DeletionRecord.objects.exists()


def test_every_relation_of_a_log_is_kept_deleted_or_left_to_its_app() -> None:
    unclassified = [
        label
        for label, _field, model in case_relations()
        if label not in KEPT | DELETED and model._meta.app_label not in LEFT_ALONE_APPS
    ]
    assert unclassified == []


def test_anonymise_parts_name_no_model_twice_for_the_same_rows(
    town: Town, frozen: datetime.datetime
) -> None:
    plan = plan_for(town.world.municipality, frozen)
    seen: dict[tuple[str, ...], set] = defaultdict(set)
    for part in plan.parts:
        key = (part.model._meta.label, part.action, *sorted(part.changes))
        assert not (seen[key] & set(part.ids)), part.kind
        seen[key] |= set(part.ids)
    assert {p.action for p in plan.parts} == {DELETE, ANONYMISE}


def test_the_clock_is_frozen(town: Town, frozen: datetime.datetime) -> None:
    assert timezone.now() == frozen
