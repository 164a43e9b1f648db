"""The training pages: /opplaering/…; the editor of a municipality's own items under
/opplaering/kommune/ and /opplaering/egne/ (editor_views.py)."""

from django.urls import path

from laget.training import editor_views, views

app_name = "training"

urlpatterns = [
    path("", views.training_list, name="list"),
    path("min/", views.my_training, name="mine"),
    path("<int:item_id>/", views.item_detail, name="item"),
    path("<int:item_id>/fullfort/", views.item_complete, name="complete"),
    path("enhet/<int:unit_id>/", views.unit_overview, name="unit"),
    path("kommune/<int:municipality_id>/", editor_views.own_list, name="own_list"),
    path("kommune/<int:municipality_id>/ny/", editor_views.own_create, name="own_create"),
    path("egne/<int:item_id>/endre/", editor_views.own_edit, name="own_edit"),
    path("egne/<int:item_id>/slett/", editor_views.own_delete, name="own_delete"),
]
