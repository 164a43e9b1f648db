from django.urls import include, path

from laget.lib.demo import demo_enabled
from laget.lib.health import health
from laget.lib.middleware import FAMILY_PATH

# Django's own error answers: the API's JSON under /api/, the web's pages elsewhere.
handler400 = "laget.api.handlers.bad_request"
handler403 = "laget.api.handlers.permission_denied"
handler404 = "laget.api.handlers.page_not_found"
handler500 = "laget.api.handlers.server_error"

urlpatterns = [
    path("helse/", health, name="health"),
    path("", include("laget.signin.urls")),
    path("", include("laget.accounts.urls")),
    path("", include("laget.cases.urls")),
    path("", include("laget.consent.urls")),
    path("", include("laget.family.urls")),
    path("org/", include("laget.orgs.urls")),
    path("verktoy/", include("laget.tools.urls")),
    path("veileder/", include("laget.guide.urls")),
    path("veileder/", include("laget.public.urls")),
    path("opplaering/", include("laget.training.urls")),
    path("tjenester/", include("laget.directory.urls")),
    path("register/", include("laget.registry.urls")),
    path("innforing/", include("laget.implementation.urls")),
    path("undersokelser/", include("laget.surveys.urls")),
    path("oppfolging/", include("laget.monitoring.urls")),
    path("loggkontroll/", include("laget.logreview.urls")),
    path("", include("laget.transfer.urls")),
    path("", include("laget.plans.urls")),
    path("arkiv/", include("laget.archive.urls")),
    path("ovelse/", include("laget.practice.urls")),
    path("sletting/", include("laget.retention.urls")),
    path("api/v1/", include("laget.api.urls")),
    # The family side: its pages also speak the families' languages (laget.lib.middleware).
    path(FAMILY_PATH.lstrip("/"), include("laget.portal.urls")),
]

if demo_enabled():
    # The demo's shortcuts (log in as an invented guardian) exist only with LAGET_DEMO.
    urlpatterns.append(path("demo/", include("laget.demo.urls")))
