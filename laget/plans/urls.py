"""The individual plan of a case. URLs carry ids only."""

from django.urls import path

from laget.plans import views

app_name = "plans"

PLAN = "saker/<int:case_id>/individuell-plan/"

urlpatterns = [
    # Every reader of the case.
    path(PLAN, views.plan_detail, name="plan_detail"),
    # Those who coordinate the case.
    path(f"{PLAN}vedtak/", views.decision_record, name="decision_record"),
    path(f"{PLAN}vedtak/trekk-tilbake/", views.decision_withdraw, name="decision_withdraw"),
    path(f"{PLAN}koordinator/", views.coordinator_name, name="coordinator_name"),
    path(f"{PLAN}overlever/", views.hand_over, name="hand_over"),
    # Those who coordinate the case and its named coordinator (laget.plans.access).
    path(f"{PLAN}overlevering.pdf", views.package_pdf, name="package_pdf"),
    path(f"{PLAN}overlevering.json", views.package_json, name="package_json"),
]
