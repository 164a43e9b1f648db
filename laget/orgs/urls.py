"""Organisation pages: units and staff. They never show case content."""

from django.urls import path

from laget.orgs import views

app_name = "orgs"

urlpatterns = [
    path("enheter/", views.unit_list, name="unit_list"),
    path("enheter/ny/", views.unit_create, name="unit_create"),
    path("ansatte/", views.staff_list, name="staff_list"),
    path("ansatte/ny/", views.staff_create, name="staff_create"),
    path(
        "kommune/<int:municipality_id>/", views.municipality_settings, name="municipality_settings"
    ),
]
