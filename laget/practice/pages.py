"""The real pages a practice case opens on. Every other door (the API, the portal, transfer,
the consent export, the individual plan, child welfare's and the family's pages for staff, a
page added later) answers 404 for a practice case until it is named here: the practice scope
(laget/lib/practice.py) is entered for these only. `opens` is the rule, for the middleware and
for the templates' links (the `opens` filter, laget/practice/templatetags/practice_doors.py),
so that a practice case's pages never offer a door that stays shut."""

from laget.lib.practice import is_practice_case

PRACTICE_PAGES = frozenset(
    {
        # The case page with "what now?", and the guide's steps.
        "cases:case_detail",
        "cases:case_step",
        "cases:case_step_undo",
        "cases:case_change_level",
        "cases:case_report_concern",
        "cases:case_close",
        # The person and the family (synthetic national ids only, laget.people.national_id).
        "cases:case_identify",
        "cases:guardian_add",
        "cases:case_register_birth",
        # Who takes part.
        "cases:participant_add",
        "cases:participant_people",
        "cases:participant_leave",
        "cases:baton_hand_over",
        "cases:same_child_notice_handle",
        "cases:transition_create",
        # Entries, measures, meetings.
        "cases:entry_create",
        "cases:entry_update",
        "cases:measure_create",
        "cases:measure_update",
        "cases:measure_evaluate",
        "cases:meeting_create",
        "cases:meeting_update",
        "cases:attendee_respond",
        "cases:interpreter_book",
        "cases:meeting_ready",
        # Tools, on screen (the PDF is left out: nothing leaves as a document).
        "cases:tool_pick",
        "cases:tool_fill",
        "cases:filled_detail",
        "cases:filled_report",
        # Consents, given and withdrawn (no paper copies or scans: no files, and no export).
        "consent:consent_request",
        "consent:consent_detail",
        "consent:consent_withdraw",
        "consent:consent_renew",
        "consent:withdrawal_notice_handle",
    }
)


def opens(view_name: str, case_id: object) -> bool:
    """Whether the page `view_name` opens for the case with this id: every page for a real
    case, the pages above for a practice case."""
    return not is_practice_case(case_id) or view_name in PRACTICE_PAGES
