"""URLs of the directory app: staff pages, and public pages per municipality number."""

from django.urls import URLPattern, path, register_converter

from laget.directory import views


class MunicipalityNumber:
    """A municipality number: four digits, kept as text ("0301")."""

    regex = r"[0-9]{4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(MunicipalityNumber, "kommunenr")

app_name = "directory"

urlpatterns: list[URLPattern] = [
    path("sok/", views.staff_search, name="search"),
    path("rediger/", views.service_list, name="service_list"),
    path("rediger/ny/", views.service_create, name="service_create"),
    path("rediger/<int:service_id>/", views.service_update, name="service_update"),
    path(
        "rediger/<int:service_id>/deaktiver/",
        views.service_deactivate,
        name="service_deactivate",
    ),
    path("<kommunenr:municipality_number>/", views.public_list, name="public_list"),
    path(
        "<kommunenr:municipality_number>/<int:service_id>/",
        views.public_detail,
        name="public_detail",
    ),
]
