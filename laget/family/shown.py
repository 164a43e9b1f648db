"""What one family member is shown of a case: the entries, measures, meetings, stafettholder and
consents their `FamilyView` lets through, each labelled as the view labels it.

The portal's pages (laget/portal/selectors.py and views) and the family's copy
(laget/family/copy.py) both read through here, so that a page and the copy a member downloads
select the same things the same way. The filtering itself is the view's (laget.family.access);
this module only applies it to the case and names people and units as the view allows.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from laget.cases.choices import MeetingStatus, ParticipantRole
from laget.cases.models import Case, Entry, Measure, MeasureEvaluation, Meeting, Participant
from laget.consent.models import Consent
from laget.consent.selectors import consents_for_case
from laget.family.access import FamilyView
from laget.family.choices import Part


@dataclass(frozen=True)
class ShownEntry:
    entry: Entry
    # The author as this member may see them (FamilyView.author_label).
    author: str


@dataclass(frozen=True)
class ShownEvaluation:
    evaluation: MeasureEvaluation
    # Who evaluated, as this member may see them (FamilyView.staff_label).
    who: str


@dataclass(frozen=True)
class ShownMeasure:
    measure: Measure
    responsible: str
    # Every evaluation, newest first: they are part of the measure, shown where it is.
    evaluations: list[ShownEvaluation] = field(default_factory=list)


@dataclass(frozen=True)
class ShownMeeting:
    meeting: Meeting
    # Blank where the member may not see places.
    place: str


@dataclass(frozen=True)
class Contact:
    """The stafettholder box: the holder as the member may see them, or what to say instead."""

    holder: Participant | None
    unit: str
    # No stafettholder yet, and the member may be told so (and whom to ask).
    none_yet: bool
    ask: str


def shown_entry(view: FamilyView, entry: Entry) -> ShownEntry:
    return ShownEntry(entry=entry, author=view.author_label(entry))


def shown_meeting(view: FamilyView, meeting: Meeting) -> ShownMeeting:
    return ShownMeeting(meeting=meeting, place="" if view.hides_places else meeting.place)


def member_entries(view: FamilyView, case: Case) -> QuerySet[Entry]:
    """The log as this member reads it: entries for everyone, never the professionals-only,
    less what is hidden from them; newest first."""
    return view.entries(case.entries.all()).select_related(
        "author", "author_unit", "author_guardian"
    )


def member_measures(view: FamilyView, case: Case) -> list[ShownMeasure]:
    """The measures this member may see, each with who is responsible as they may be told."""
    evaluations = MeasureEvaluation.objects.select_related("author", "author_unit")
    measures = (
        view.measures(case.measures.all())
        .select_related("responsible__user", "responsible__unit")
        .prefetch_related(Prefetch("evaluations", queryset=evaluations))
    )
    return [
        ShownMeasure(
            measure=m,
            responsible=view.staff_label(
                m.responsible.user.display_name if m.responsible.user else "",
                m.responsible.unit,
            ),
            evaluations=[
                ShownEvaluation(e, view.staff_label(e.author.display_name, e.author_unit))
                for e in m.evaluations.all()
            ],
        )
        for m in measures
    ]


def member_meetings(view: FamilyView, case: Case) -> list[ShownMeeting]:
    """Every meeting this member may see, the earliest first, with the place where they may
    see places."""
    return [
        shown_meeting(view, m)
        for m in view.meetings(case.meetings.all()).order_by("starts_at", "pk")
    ]


def upcoming_meeting(view: FamilyView, case: Case) -> Meeting | None:
    return (
        view.meetings(case.meetings.all())
        .filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )


def contact(view: FamilyView, case: Case) -> Contact:
    holders = case.participants.filter(role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True)
    # The person to ask is one who reads the case today (cases.ParticipantQuerySet
    # .granting_access): a holder whose consent was withdrawn or expired is not named.
    reading = holders.granting_access()
    holder = view.participants(reading).select_related("user", "unit").first()
    # "No stafettholder yet" only where it is true and participants are not withheld: a
    # holder the member may not see is not denied either, just not named.
    none_yet = holder is None and not view.hides(Part.PARTICIPANTS) and not holders.exists()
    return Contact(
        holder=holder,
        unit=view.unit_label(holder.unit) if holder is not None else "",
        none_yet=none_yet,
        ask=view.unit_label(case.unit),
    )


def member_participants(view: FamilyView, case: Case) -> list[Participant]:
    """The participants, present and former, this member may see, in the order they joined."""
    rows = view.participants(case.participants.all()).select_related("user", "unit")
    return list(rows.order_by("joined_at", "pk"))


def member_consents(view: FamilyView, case: Case) -> list[Consent]:
    """The case's consents this member sees (the case's own and their own help's), with units,
    parties and events loaded (laget.consent.selectors)."""
    return [c for c in consents_for_case(case) if view.sees_consent(c)]


def consent_units(view: FamilyView, consent: Consent) -> tuple[str, ...]:
    """The units a consent names, as this member may see them (once each)."""
    return tuple(dict.fromkeys(view.unit_label(u) for u in consent.units.all()))


def consent_parties(view: FamilyView, consent: Consent) -> tuple[tuple[str, str], ...]:
    """Who answers a consent and how, as this member may see them: child welfare under a care
    order by its unit's label."""
    return tuple(
        (
            view.unit_label(p.care_unit) if p.care_unit_id else p.label,
            p.get_response_display(),
        )
        for p in consent.parties.all()
    )
