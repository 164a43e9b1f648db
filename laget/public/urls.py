"""The public guide site, per municipality number: /veileder/<number>/…"""

from django.urls import path

import laget.directory.urls  # noqa: F401 – registers the "kommunenr" converter
from laget.public import views

app_name = "public"

BASE = "<kommunenr:municipality_number>/"

urlpatterns = [
    path(BASE, views.guide_home, name="guide"),
    path(f"{BASE}sok/", views.guide_search, name="search"),
    path(f"{BASE}niva-<int:level>/<slug:slug>/", views.step_detail, name="step"),
    path(f"{BASE}verktoy/<slug:slug>/", views.tool_detail, name="tool"),
]
