"""The training pages: /opplaering/…"""

from django.urls import path

from laget.training import views

app_name = "training"

urlpatterns = [
    path("", views.training_list, name="list"),
    path("min/", views.my_training, name="mine"),
    path("<int:item_id>/", views.item_detail, name="item"),
    path("<int:item_id>/fullfort/", views.item_complete, name="complete"),
    path("enhet/<int:unit_id>/", views.unit_overview, name="unit"),
]
