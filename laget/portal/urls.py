"""The family portal under /familie/. URLs carry ids only, never names or national ids."""

from django.urls import path

from laget.portal.views import (
    auth,
    cases,
    closing,
    consents,
    copy,
    language,
    participants,
    voice,
)

app_name = "portal"

CASE = "saker/<int:case_id>/"

urlpatterns = [
    path("", cases.home, name="home"),
    path("logg-inn/", auth.login, name="login"),
    path("logg-inn/id-porten/", auth.LoginStart.as_view(), name="oidc_start"),
    path("logg-inn/svar/", auth.LoginCallback.as_view(), name="oidc_callback"),
    path("logg-ut/", auth.logout, name="logout"),
    path("sprak/", language.choose_language, name="language"),
    path(CASE, cases.case_detail, name="case"),
    path(f"{CASE}logg/ny/", cases.entry_create, name="entry_create"),
    path(f"{CASE}logg/<int:entry_id>/", cases.entry_detail, name="entry"),
    path(f"{CASE}moter/<int:meeting_id>/svar/", cases.meeting_respond, name="meeting_respond"),
    path(f"{CASE}tilgangslogg/", cases.access_log, name="access_log"),
    # The member's copy of what they may see (laget/portal/views/copy.py).
    path(f"{CASE}kopi.pdf", copy.copy_pdf, name="copy_pdf"),
    path(f"{CASE}kopi.json", copy.copy_json, name="copy_json"),
    # The family chooses who takes part (laget/portal/views/participants.py).
    path(f"{CASE}deltakere/", participants.participants, name="participants"),
    path(
        f"{CASE}deltakere/<int:participant_id>/svar/",
        participants.participant_answer,
        name="participant_answer",
    ),
    path(
        f"{CASE}moter/<int:meeting_id>/invitert/<int:attendee_id>/utelat/",
        participants.leave_out,
        name="leave_out",
    ),
    # The child's own view of a measure or meeting (laget/portal/views/voice.py).
    path(
        f"{CASE}mitt-syn/tiltak/<int:measure_id>/",
        voice.child_view_measure,
        name="child_view_measure",
    ),
    path(
        f"{CASE}mitt-syn/moter/<int:meeting_id>/",
        voice.child_view_meeting,
        name="child_view_meeting",
    ),
    path(f"{CASE}avslutt/", closing.closing_request, name="closing_request"),
    path(f"{CASE}samtykker/", consents.consent_list, name="consents"),
    path(f"{CASE}samtykker/<int:consent_id>/", consents.consent_detail, name="consent"),
    path(f"{CASE}samtykker/<int:consent_id>/gi/", consents.consent_give, name="consent_give"),
    path(f"{CASE}samtykker/<int:consent_id>/nei/", consents.consent_refuse, name="consent_refuse"),
    path(
        f"{CASE}samtykker/<int:consent_id>/trekk-tilbake/",
        consents.consent_withdraw_confirm,
        name="consent_withdraw_confirm",
    ),
    path(
        f"{CASE}samtykker/<int:consent_id>/trekk/",
        consents.consent_withdraw,
        name="consent_withdraw",
    ),
]
