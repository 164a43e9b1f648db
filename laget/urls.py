from django.urls import include, path

urlpatterns = [
    path("", include("laget.accounts.urls")),
    path("", include("laget.cases.urls")),
    path("org/", include("laget.orgs.urls")),
    path("api/v1/", include("laget.api.urls")),
]
