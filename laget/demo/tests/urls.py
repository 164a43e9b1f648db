"""The site's URLs with the demo's routes, as laget/urls.py has them when LAGET_DEMO is on."""

from django.urls import include, path

from laget.urls import urlpatterns as site

urlpatterns = [*site, path("demo/", include("laget.demo.urls"))]
