from django.urls import path

from laget.retention import views

app_name = "retention"

urlpatterns = [
    path("", views.retention_page, name="page"),
]
