"""Web pages of the stafettlogg. URLs carry ids only, never names or national ids."""

from django.urls import path

from laget.cases.tools import views as tools
from laget.cases.views import (
    birth,
    cases,
    entries,
    lifecycle,
    measures,
    meetings,
    participants,
    statutes,
    steps,
)

app_name = "cases"

CASE = "saker/<int:case_id>/"

urlpatterns = [
    path("", cases.my_cases, name="my_cases"),
    path("saker/ny/", cases.case_new, name="case_open"),
    # The municipality's list of statutes (its admin adds to it).
    path("lovhjemler/", statutes.statute_list, name="statute_list"),
    path(CASE, cases.case_detail, name="case_detail"),
    # Coordination: the stafettholder (or, before there is one, a person in the case).
    path(f"{CASE}person/", lifecycle.case_identify, name="case_identify"),
    path(
        f"{CASE}person/folkeregisteret/",
        lifecycle.case_identify_register,
        name="case_identify_register",
    ),
    path(f"{CASE}foresatte/ny/", lifecycle.guardian_add, name="guardian_add"),
    path(f"{CASE}fodsel/", birth.case_register_birth, name="case_register_birth"),
    path(f"{CASE}niva/", lifecycle.case_change_level, name="case_change_level"),
    path(f"{CASE}steg/", steps.case_step, name="case_step"),
    path(f"{CASE}steg/angre/", steps.case_step_undo, name="case_step_undo"),
    path(f"{CASE}bekymringsmelding/", lifecycle.case_report_concern, name="case_report_concern"),
    path(f"{CASE}avslutt/", lifecycle.case_close, name="case_close"),
    path(f"{CASE}deltakere/ny/", participants.participant_add, name="participant_add"),
    path(f"{CASE}deltakere/personer/", participants.participant_people, name="participant_people"),
    path(
        f"{CASE}deltakere/<int:participant_id>/ut/",
        participants.participant_leave,
        name="participant_leave",
    ),
    path(f"{CASE}stafett/", participants.baton_hand_over, name="baton_hand_over"),
    path(
        f"{CASE}samme-barn/<int:notice_id>/behandlet/",
        lifecycle.same_child_notice_handle,
        name="same_child_notice_handle",
    ),
    path(
        f"{CASE}folkeregisteret/<int:notice_id>/behandlet/",
        lifecycle.register_notice_handle,
        name="register_notice_handle",
    ),
    path(f"{CASE}overganger/ny/", meetings.transition_create, name="transition_create"),
    # Writing: every active participant.
    path(f"{CASE}tiltak/nytt/", measures.measure_create, name="measure_create"),
    path(f"{CASE}tiltak/<int:measure_id>/endre/", measures.measure_update, name="measure_update"),
    path(
        f"{CASE}tiltak/<int:measure_id>/evaluer/",
        measures.measure_evaluate,
        name="measure_evaluate",
    ),
    path(f"{CASE}logg/ny/", entries.entry_create, name="entry_create"),
    path(f"{CASE}logg/<int:entry_id>/rett/", entries.entry_update, name="entry_update"),
    path(f"{CASE}moter/nytt/", meetings.meeting_create, name="meeting_create"),
    path(f"{CASE}moter/<int:meeting_id>/endre/", meetings.meeting_update, name="meeting_update"),
    path(
        f"{CASE}moter/<int:meeting_id>/svar/<int:attendee_id>/",
        meetings.attendee_respond,
        name="attendee_respond",
    ),
    path(
        f"{CASE}moter/<int:meeting_id>/tolk/<int:attendee_id>/",
        meetings.interpreter_book,
        name="interpreter_book",
    ),
    path(f"{CASE}moter/<int:meeting_id>/klar/", meetings.meeting_ready, name="meeting_ready"),
    # Tools: picking and filling one (every active participant), reading and printing it.
    path(f"{CASE}verktoy/", tools.tool_pick, name="tool_pick"),
    path(f"{CASE}verktoy/fyll/<int:version_id>/", tools.tool_fill_page, name="tool_fill"),
    path(f"{CASE}verktoy/utfylt/<int:filled_id>/", tools.filled_detail, name="filled_detail"),
    path(f"{CASE}verktoy/utfylt/<int:filled_id>/pdf/", tools.filled_pdf, name="filled_pdf"),
    # A result that calls for a report of concern: whom to call, and recording that it was sent.
    path(
        f"{CASE}verktoy/utfylt/<int:filled_id>/melding/", tools.filled_report, name="filled_report"
    ),
]
