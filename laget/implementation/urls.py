from django.urls import URLPattern, path

from laget.implementation import item_views, views

app_name = "implementation"

P = "<int:plan_id>/"

urlpatterns: list[URLPattern] = [
    path("", views.plan_list, name="plan_list"),
    path("ny/", views.plan_create, name="plan_create"),
    path("fasemodell/ny/", views.phase_model_create, name="phase_model_create"),
    path(P, views.plan_detail, name="plan_detail"),
    path(P + "endre/", views.plan_edit, name="plan_edit"),
    path(P + "fase/", views.phase_advance, name="phase_advance"),
    path(P + "trinn/<slug:activity>/", views.sic_mark, name="sic_mark"),
    path(P + "sammenligning/", views.sic_compare, name="sic_compare"),
    path(P + "milepaeler/ny/", item_views.milestone_edit, name="milestone_create"),
    path(P + "milepaeler/<int:milestone_id>/", item_views.milestone_edit, name="milestone_edit"),
    path(P + "aktiviteter/ny/", item_views.activity_edit, name="activity_create"),
    path(P + "aktiviteter/<int:activity_id>/", item_views.activity_edit, name="activity_edit"),
    path(P + "ambassadorer/ny/", item_views.agent_edit, name="agent_create"),
    path(P + "ambassadorer/<int:agent_id>/", item_views.agent_edit, name="agent_edit"),
    path(P + "moter/ny/", item_views.meeting_edit, name="meeting_create"),
    path(P + "moter/<int:meeting_id>/", item_views.meeting_edit, name="meeting_edit"),
    path(
        P + "moter/<int:meeting_id>/vedtak/ny/",
        item_views.decision_edit,
        name="decision_create",
    ),
    path(
        P + "moter/<int:meeting_id>/vedtak/<int:decision_id>/",
        item_views.decision_edit,
        name="decision_edit",
    ),
]
