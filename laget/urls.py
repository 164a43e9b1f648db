from django.urls import include, path

from laget.lib.demo import demo_enabled
from laget.lib.health import health

urlpatterns = [
    path("helse/", health, name="health"),
    path("", include("laget.accounts.urls")),
    path("", include("laget.cases.urls")),
    path("", include("laget.consent.urls")),
    path("org/", include("laget.orgs.urls")),
    path("verktoy/", include("laget.tools.urls")),
    path("veileder/", include("laget.guide.urls")),
    path("veileder/", include("laget.public.urls")),
    path("tjenester/", include("laget.directory.urls")),
    path("register/", include("laget.registry.urls")),
    path("innforing/", include("laget.implementation.urls")),
    path("undersokelser/", include("laget.surveys.urls")),
    path("oppfolging/", include("laget.monitoring.urls")),
    path("api/v1/", include("laget.api.urls")),
    path("familie/", include("laget.portal.urls")),
]

if demo_enabled():
    # The demo's shortcuts (log in as an invented guardian) exist only with LAGET_DEMO.
    urlpatterns.append(path("demo/", include("laget.demo.urls")))
