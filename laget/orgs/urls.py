"""Organisation pages: units and staff. They never show case content."""

from django.urls import path

from laget.orgs import grant_views, views

app_name = "orgs"

urlpatterns = [
    path("enheter/", views.unit_list, name="unit_list"),
    path("enheter/ny/", views.unit_create, name="unit_create"),
    path("ansatte/", views.staff_list, name="staff_list"),
    path("ansatte/ny/", views.staff_create, name="staff_create"),
    path("ansatte/til-godkjenning/", grant_views.membership_pending, name="membership_pending"),
    path(
        "ansatte/medlemskap/<int:membership_id>/avslutt/",
        grant_views.membership_end,
        name="membership_end",
    ),
    path(
        "ansatte/medlemskap/<int:membership_id>/godkjenn/",
        grant_views.membership_accept,
        name="membership_accept",
    ),
    path(
        "ansatte/medlemskap/<int:membership_id>/avslaa/",
        grant_views.membership_decline,
        name="membership_decline",
    ),
    path(
        "ansatte/brukere/<int:user_id>/deaktiver/",
        grant_views.user_deactivate,
        name="user_deactivate",
    ),
    path(
        "ansatte/brukere/<int:user_id>/logg-ut/",
        grant_views.user_sign_out,
        name="user_sign_out",
    ),
    path("tilganger/", grant_views.grant_list, name="grant_list"),
    path(
        "kommune/<int:municipality_id>/", views.municipality_settings, name="municipality_settings"
    ),
]
