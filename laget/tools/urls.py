"""URLs of the tools app: in a case under sak/<case_id>/, the staff's management at the top."""

from django.urls import URLPattern, path

from laget.tools import views

app_name = "tools"

CASE = "sak/<int:case_id>/"

urlpatterns: list[URLPattern] = [
    path(CASE, views.tool_pick, name="tool_pick"),
    path(f"{CASE}fyll/<int:version_id>/", views.tool_fill_page, name="tool_fill"),
    path(f"{CASE}utfylt/<int:filled_id>/", views.filled_detail, name="filled_detail"),
    path(f"{CASE}utfylt/<int:filled_id>/pdf/", views.filled_pdf, name="filled_pdf"),
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
