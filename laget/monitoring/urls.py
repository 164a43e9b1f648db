from django.urls import path

from laget.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("enheter/", views.dashboard_units, name="dashboard_units"),
    path("rapport.pdf", views.report_pdf, name="report_pdf"),
    path("deling/", views.sharing, name="sharing"),
    path("samlet/", views.aggregate, name="aggregate"),
]
