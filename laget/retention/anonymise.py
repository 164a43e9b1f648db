"""What of a closed log the figures count, and so what anonymising it keeps.

The municipality's figures (laget/monitoring/indicators.py) count, over closed cases too: the
case's unit, level, dates and highest level (its level changes), its measures' dates, status and
evaluation, the entries the family wrote (their kind), transitions and whether their handover
meeting was held, who took part (units and dates), and which children and families were reached
(the person records' keyed national-id hashes). Those rows stay, with every name, text and
contact detail blanked; everything else of the log is deleted. The figures for any year are
therefore the same after the run as before it (laget/retention/tests/test_figures.py).

Every relation of a case is named below, kept, deleted or left to its own app; a new relation
that is not fails a test (test_anonymise.py), so nothing new is silently kept.
"""

import datetime

from django.db.models import Model, Q
from django.utils import timezone

from laget.cases.models import (
    Case,
    Entry,
    LevelChange,
    Measure,
    MeasureEvaluation,
    Meeting,
    MeetingAttendee,
    Participant,
    Transition,
)
from laget.consent.models import ConsentEvent
from laget.family.models import ParticipantAnswer
from laget.monitoring.dashboard import YEARS_SHOWN
from laget.notify.models import Notification
from laget.orgs.models import Municipality
from laget.people.models import Guardian, Subject
from laget.retention.parts import ANONYMISE, DELETE, Part

# What an anonymised log is called where a label is required (a case without a person record).
ANONYMISED_LABEL = "anonymisert"

# Kept, stripped by case_parts.
KEPT = frozenset(
    {
        "cases.LevelChange",
        "cases.Participant",
        "cases.Measure",
        "cases.Entry",
        "cases.Meeting",
        "cases.Transition",
    }
)
# Deleted with the log: nothing in them is counted.
DELETED = frozenset(
    {
        "cases.BatonHandover",
        "cases.SameChildNotice",
        "consent.Consent",
        "consent.WithdrawalNotice",
        "consent.ClosingRequest",
        "family.Restriction",
        "family.CareOrder",
        "family.HoldBack",
        "family.AccessRequest",
        "tools.FilledTool",
        "plans.PlanDecision",
        "plans.PlanCoordinator",
        "plans.PlanHandover",
        # What the population register's feed told the stafettholder (laget/folkeregister).
        "folkeregister.RegisterNotice",
    }
)
# Records of what happened to the log as a whole, kept by their own apps (a transfer's
# receipt, the archive's confirmation, the hold itself).
LEFT_ALONE_APPS = frozenset({"transfer", "archive", "retention"})

SUBJECT_BLANK = {
    "given_name": "",
    "family_name": "",
    "national_id": "",
    "birth_date": None,
    "due_date": None,
    "protected_address": "",
    "shared_residence": None,
    "register_read_on": None,
    "language": "",
    "interpreter": "",
    "user": None,
}
GUARDIAN_BLANK = {
    "name": "",
    "relation": "",
    "phone": "",
    "email": "",
    "national_id": "",
    "protected_address": "",
    "access_ends_on": None,
    "register_read_on": None,
    "language": "",
    "interpreter": "",
    "user": None,
}
MEETING_BLANK = {"place": "", "video_url": "", "agenda": "", "minutes": "", "child_view": ""}
MEASURE_BLANK = {"title": "", "goal": "", "child_view": ""}


def case_relations() -> list[tuple[str, str, type[Model]]]:
    """Every relation to a case: (model label, field name, model)."""
    found = []
    for relation in Case._meta.related_objects:
        model = relation.related_model
        assert isinstance(model, type) and issubclass(model, Model)
        found.append((model._meta.label, relation.field.name, model))
    return found


def _ids(model: type[Model], condition: Q) -> tuple[int, ...]:
    return tuple(
        model._default_manager.filter(condition).order_by("pk").values_list("pk", flat=True)
    )


def consent_events(condition: Q, rule: str) -> Part:
    """A consent's history, deleted just before the consent."""
    return Part("consentevent", rule, DELETE, ConsentEvent, _ids(ConsentEvent, condition))


def case_parts(case_ids: list[int], now: datetime.datetime, *, rule: str) -> list[Part]:
    """The parts that anonymise these closed logs, in the order they must run."""
    if not case_ids:
        return []
    ids = Q(case_id__in=case_ids)
    parts = [
        Part(
            "participant_basis",
            rule,
            ANONYMISE,
            Participant,
            _ids(Participant, ids),
            {"consent": None},
        ),
        # Before the meetings: an invitation goes with its meeting.
        Part("notification", rule, DELETE, Notification, _ids(Notification, ids)),
        # Before the consents: an event protects the party it names.
        consent_events(Q(consent__case_id__in=case_ids), rule),
    ]
    for label, field_name, model in case_relations():
        if label in DELETED:
            kind = label.split(".")[1].lower()
            parts.append(
                Part(
                    kind, rule, DELETE, model, _ids(model, Q(**{f"{field_name}_id__in": case_ids}))
                )
            )
    parts += [
        Part(
            "participantanswer",
            rule,
            DELETE,
            ParticipantAnswer,
            _ids(ParticipantAnswer, Q(participant__case_id__in=case_ids)),
        ),
        # What staff wrote is not counted; what the family wrote is (its kind).
        Part("entry", rule, DELETE, Entry, _ids(Entry, ids & Q(author_unit__isnull=False))),
        Part(
            "meetingattendee",
            rule,
            DELETE,
            MeetingAttendee,
            _ids(MeetingAttendee, Q(meeting__case_id__in=case_ids)),
        ),
        Part("meeting", rule, DELETE, Meeting, _ids(Meeting, ids & Q(transition__isnull=True))),
        Part(
            "case",
            rule,
            ANONYMISE,
            Case,
            tuple(sorted(case_ids)),
            {"label": ANONYMISED_LABEL, "close_reason": "", "guide_step": "", "anonymised_at": now},
        ),
        Part(
            "subject", rule, ANONYMISE, Subject, _ids(Subject, Q(cases__in=case_ids)), SUBJECT_BLANK
        ),
        Part(
            "guardian",
            rule,
            ANONYMISE,
            Guardian,
            _ids(Guardian, Q(subject__cases__in=case_ids)),
            GUARDIAN_BLANK,
        ),
        Part("levelchange", rule, ANONYMISE, LevelChange, _ids(LevelChange, ids), {"reason": ""}),
        Part("measure", rule, ANONYMISE, Measure, _ids(Measure, ids), MEASURE_BLANK),
        # The evaluations stay (dates and results are counted); what they say goes.
        Part(
            "measureevaluation",
            rule,
            ANONYMISE,
            MeasureEvaluation,
            _ids(MeasureEvaluation, Q(measure__case_id__in=case_ids)),
            {"text": ""},
        ),
        Part(
            "entry_from_family",
            rule,
            ANONYMISE,
            Entry,
            _ids(Entry, ids & Q(author_unit__isnull=True)),
            {"text": "", "meeting": None},
        ),
        Part("transition", rule, ANONYMISE, Transition, _ids(Transition, ids), {"note": ""}),
        Part(
            "meeting_of_transition",
            rule,
            ANONYMISE,
            Meeting,
            _ids(Meeting, ids & Q(transition__isnull=False)),
            {**MEETING_BLANK, "follows": None},
        ),
    ]
    return parts


def first_counted_day(now: datetime.datetime) -> datetime.datetime:
    """The start of the first year any figure still shows (the dashboard's YEARS_SHOWN)."""
    year = timezone.localdate(now).year - YEARS_SHOWN + 1
    return datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())


def counting_key_parts(
    municipality: Municipality, now: datetime.datetime, going: list[int], *, rule: str
) -> list[Part]:
    """The keyed national-id hashes of anonymised logs closed before every year the figures
    still show: nothing counts them any more, so they go too (children reached are counted
    per year, and only for the years shown)."""
    old = Q(municipality=municipality, closed_at__lt=first_counted_day(now)) & (
        Q(anonymised_at__isnull=False) | Q(pk__in=going)
    )
    cases = Case.objects.filter(old).values("subject_id")
    return [
        Part(
            "subject_key",
            rule,
            ANONYMISE,
            Subject,
            _ids(Subject, Q(pk__in=cases) & ~Q(national_id_hash="")),
            {"national_id_hash": ""},
        ),
        Part(
            "guardian_key",
            rule,
            ANONYMISE,
            Guardian,
            _ids(Guardian, Q(subject_id__in=cases) & ~Q(national_id_hash="")),
            {"national_id_hash": ""},
        ),
    ]
