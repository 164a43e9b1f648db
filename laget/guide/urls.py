"""URLs of the guide editor (municipal coordinator and admin)."""

from django.urls import path

from laget.guide import settings_views, views

app_name = "guide"

V = "versjon/<int:version_id>/"

urlpatterns = [
    path("rediger/", views.overview, name="overview"),
    path("rediger/startveileder/", views.starter_install, name="starter_install"),
    path("rediger/<int:guide_id>/ny-kladd/", views.draft_create, name="draft_create"),
    path("rediger/eksport/", views.export, name="export"),
    path("rediger/import/", views.import_view, name="import"),
    path("rediger/synonymer/", settings_views.synonyms_edit, name="synonyms"),
    path("rediger/synonymer/standard/", settings_views.synonyms_reset, name="synonyms_reset"),
    path("rediger/bekymringsmelding/", settings_views.concern_edit, name="concern"),
    path(f"rediger/{V}", views.version_detail, name="version_detail"),
    path(f"rediger/{V}endringer/", views.version_diff, name="version_diff"),
    path(f"rediger/{V}publiser/", views.publish, name="publish"),
    path(f"rediger/{V}niva/<int:number>/", views.level_edit, name="level_edit"),
    path(f"rediger/{V}niva/<int:number>/nytt-steg/", views.step_add, name="step_add"),
    path(f"rediger/{V}steg/<int:step_id>/", views.step_edit, name="step_edit"),
    path(f"rediger/{V}steg/<int:step_id>/fjern/", views.step_remove, name="step_remove"),
    path(f"rediger/{V}steg/<int:step_id>/flytt/", views.step_move, name="step_move"),
]
