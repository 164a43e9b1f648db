from django.urls import path

from laget.archive import views

app_name = "archive"

urlpatterns = [
    path("", views.packages, name="packages"),
    path("<int:package_id>/last-ned/", views.package_download, name="package_download"),
    path("<int:package_id>/bekreft/", views.package_confirm, name="package_confirm"),
]
