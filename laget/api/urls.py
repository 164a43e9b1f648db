"""The JSON API under /api/v1/. Ids only in URLs; the schema at openapi.json."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from laget.api.handlers import not_found
from laget.api.views import registry as reg
from laget.api.views.auth import LogoutView, TokenView
from laget.api.views.cases import (
    CaseCloseView,
    CaseIdentifyView,
    CaseLevelView,
    CaseReportView,
    CasesView,
    CaseView,
)
from laget.api.views.consents import (
    ConsentPaperView,
    ConsentRecordView,
    ConsentRenewView,
    ConsentsView,
    ConsentView,
    ConsentWithdrawView,
)
from laget.api.views.directory import ServicesView, ServiceView
from laget.api.views.entries import EntriesView, EntryView
from laget.api.views.guardians import GuardiansView
from laget.api.views.guide import GuideView
from laget.api.views.indicators import IndicatorsView, NationalIndicatorsView
from laget.api.views.measures import MeasureEvaluateView, MeasuresView, MeasureView
from laget.api.views.meetings import (
    AttendeeResponseView,
    InterpreterBookingView,
    MeetingReadyView,
    MeetingsView,
    MeetingView,
)
from laget.api.views.orgs import MeView, MunicipalityView, StaffView, UnitsView
from laget.api.views.participants import HandoverView, ParticipantLeaveView, ParticipantsView
from laget.api.views.staff_access import (
    GrantsView,
    MembershipAcceptView,
    MembershipAddView,
    MembershipDeclineView,
    MembershipEndView,
    MembershipsPendingView,
    UserDeactivateView,
    UserSignOutView,
)
from laget.api.views.statutes import StatutesView
from laget.api.views.tools import CaseToolsView, CaseToolView, ToolsView
from laget.api.views.transitions import TransitionsView

app_name = "api"

CASE = "cases/<int:case_id>/"

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("auth/logout/", LogoutView.as_view(), name="logout"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("me/", MeView.as_view(), name="me"),
    path(
        "municipalities/<int:municipality_id>/",
        MunicipalityView.as_view(),
        name="municipality",
    ),
    path("units/", UnitsView.as_view(), name="units"),
    path("statutes/", StatutesView.as_view(), name="statutes"),
    path("staff/", StaffView.as_view(), name="staff"),
    path(
        "staff/memberships/pending/", MembershipsPendingView.as_view(), name="memberships_pending"
    ),
    path(
        "staff/memberships/<int:membership_id>/end/",
        MembershipEndView.as_view(),
        name="membership_end",
    ),
    path(
        "staff/memberships/<int:membership_id>/accept/",
        MembershipAcceptView.as_view(),
        name="membership_accept",
    ),
    path(
        "staff/memberships/<int:membership_id>/decline/",
        MembershipDeclineView.as_view(),
        name="membership_decline",
    ),
    path(
        "staff/users/<int:user_id>/deactivate/",
        UserDeactivateView.as_view(),
        name="user_deactivate",
    ),
    path(
        "staff/users/<int:user_id>/sign-out/",
        UserSignOutView.as_view(),
        name="user_sign_out",
    ),
    path(
        "staff/users/<int:user_id>/memberships/",
        MembershipAddView.as_view(),
        name="membership_add",
    ),
    path("staff/grants/", GrantsView.as_view(), name="grants"),
    path("services/", ServicesView.as_view(), name="services"),
    path("services/<int:service_id>/", ServiceView.as_view(), name="service"),
    path("guide/", GuideView.as_view(), name="guide"),
    path("indicators/", IndicatorsView.as_view(), name="indicators"),
    path("indicators/national/", NationalIndicatorsView.as_view(), name="indicators_national"),
    path("cases/", CasesView.as_view(), name="cases"),
    path(CASE, CaseView.as_view(), name="case"),
    path(f"{CASE}identify/", CaseIdentifyView.as_view(), name="case_identify"),
    path(f"{CASE}level/", CaseLevelView.as_view(), name="case_level"),
    path(f"{CASE}report/", CaseReportView.as_view(), name="case_report"),
    path(f"{CASE}close/", CaseCloseView.as_view(), name="case_close"),
    path(f"{CASE}consents/", ConsentsView.as_view(), name="consents"),
    path(f"{CASE}consents/<int:consent_id>/", ConsentView.as_view(), name="consent"),
    path(
        f"{CASE}consents/<int:consent_id>/record/",
        ConsentRecordView.as_view(),
        name="consent_record",
    ),
    path(
        f"{CASE}consents/<int:consent_id>/withdraw/",
        ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path(
        f"{CASE}consents/<int:consent_id>/paper/", ConsentPaperView.as_view(), name="consent_paper"
    ),
    path(
        f"{CASE}consents/<int:consent_id>/renew/", ConsentRenewView.as_view(), name="consent_renew"
    ),
    path(f"{CASE}participants/", ParticipantsView.as_view(), name="participants"),
    path(
        f"{CASE}participants/<int:participant_id>/leave/",
        ParticipantLeaveView.as_view(),
        name="participant_leave",
    ),
    path(f"{CASE}handover/", HandoverView.as_view(), name="handover"),
    path(f"{CASE}guardians/", GuardiansView.as_view(), name="guardians"),
    path(f"{CASE}measures/", MeasuresView.as_view(), name="measures"),
    path(f"{CASE}measures/<int:measure_id>/", MeasureView.as_view(), name="measure"),
    path(
        f"{CASE}measures/<int:measure_id>/evaluate/",
        MeasureEvaluateView.as_view(),
        name="measure_evaluate",
    ),
    path(f"{CASE}entries/", EntriesView.as_view(), name="entries"),
    path(f"{CASE}entries/<int:entry_id>/", EntryView.as_view(), name="entry"),
    path(f"{CASE}meetings/", MeetingsView.as_view(), name="meetings"),
    path(f"{CASE}meetings/<int:meeting_id>/", MeetingView.as_view(), name="meeting"),
    path(
        f"{CASE}meetings/<int:meeting_id>/attendees/<int:attendee_id>/response/",
        AttendeeResponseView.as_view(),
        name="attendee_respond",
    ),
    path(
        f"{CASE}meetings/<int:meeting_id>/attendees/<int:attendee_id>/interpreter/",
        InterpreterBookingView.as_view(),
        name="interpreter_book",
    ),
    path(
        f"{CASE}meetings/<int:meeting_id>/ready/", MeetingReadyView.as_view(), name="meeting_ready"
    ),
    path(f"{CASE}transitions/", TransitionsView.as_view(), name="transitions"),
    path("tools/", ToolsView.as_view(), name="tools"),
    path(f"{CASE}tools/", CaseToolsView.as_view(), name="case_tools"),
    path(f"{CASE}tools/<int:filled_id>/", CaseToolView.as_view(), name="case_tool"),
    # The program registry (laget/api/views/registry.py).
    path(
        "registry/practitioners/",
        reg.RegistryPractitionersView.as_view(),
        name="registry_practitioners",
    ),
    path(
        "registry/practitioners/<int:practitioner_id>/",
        reg.RegistryPractitionerView.as_view(),
        name="registry_practitioner",
    ),
    path(
        "registry/qualifications/",
        reg.RegistryQualificationsView.as_view(),
        name="registry_qualifications",
    ),
    path(
        "registry/qualifications/<int:qualification_id>/",
        reg.RegistryQualificationView.as_view(),
        name="registry_qualification",
    ),
    path(
        "registry/activity-years/",
        reg.RegistryActivityYearsView.as_view(),
        name="registry_activity_years",
    ),
    path(
        "registry/activity-years/<int:activity_year_id>/",
        reg.RegistryActivityYearView.as_view(),
        name="registry_activity_year",
    ),
    path("registry/courses/", reg.RegistryCoursesView.as_view(), name="registry_courses"),
    path(
        "registry/courses/<int:course_id>/",
        reg.RegistryCourseView.as_view(),
        name="registry_course",
    ),
    path(
        "registry/courses/<int:course_id>/complete/",
        reg.RegistryCourseCompleteView.as_view(),
        name="registry_course_complete",
    ),
    path(
        "registry/families-reached/",
        reg.RegistryFamiliesReachedListView.as_view(),
        name="registry_families_reached_list",
    ),
    path(
        "registry/families-reached/<int:families_reached_id>/",
        reg.RegistryFamiliesReachedView.as_view(),
        name="registry_families_reached",
    ),
    path("registry/report/", reg.RegistryReportView.as_view(), name="registry_report"),
    # Anything else under /api/v1/, whatever its characters (a newline too): the API's JSON 404,
    # never the web's page, nor a redirect to the path with a slash.
    re_path(r"^", not_found, name="not_found"),
]
