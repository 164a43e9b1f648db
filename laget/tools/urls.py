"""URLs of the tools app: the staff's management of tools (filling one in a case is under the
case, in laget/cases/urls.py)."""

from django.urls import URLPattern, path

from laget.tools import views

app_name = "tools"

urlpatterns: list[URLPattern] = [
    path("", views.tool_list, name="tool_list"),
    path("ny/", views.tool_create_page, name="tool_create"),
    path("<int:definition_id>/", views.tool_detail, name="tool_detail"),
    path("<int:definition_id>/utkast/", views.tool_draft, name="tool_draft"),
    path("<int:definition_id>/publiser/", views.tool_publish_page, name="tool_publish"),
    path(
        "<int:definition_id>/versjoner/<int:number>/",
        views.version_detail,
        name="version_detail",
    ),
]
