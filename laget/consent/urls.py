"""Staff pages for a case's consents."""

from django.urls import path

from laget.consent import views

app_name = "consent"

BASE = "saker/<int:case_id>/samtykker/"
ONE = BASE + "<int:consent_id>/"

urlpatterns = [
    path(f"{BASE}nytt/", views.consent_request, name="consent_request"),
    path(ONE, views.consent_detail, name="consent_detail"),
    path(f"{ONE}papir/", views.consent_paper, name="consent_paper"),
    path(f"{ONE}trukket/", views.consent_withdraw, name="consent_withdraw"),
    path(f"{ONE}forny/", views.consent_renew, name="consent_renew"),
    path(f"{ONE}barnevernet/", views.consent_care, name="consent_care"),
    path(f"{ONE}varsel-sett/", views.notice_handle, name="withdrawal_notice_handle"),
    path(f"{ONE}iso27560.jsonld", views.consent_export, name="consent_export"),
    path(f"{ONE}skann/<int:party_id>/", views.consent_scan, name="consent_scan"),
]
