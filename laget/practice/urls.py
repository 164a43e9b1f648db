from django.urls import path

from laget.practice import views

app_name = "practice"

urlpatterns = [
    path("", views.area, name="area"),
    path("start/", views.start, name="start"),
    path("nullstill/", views.reset, name="reset"),
]
