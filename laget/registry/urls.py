from django.urls import path

from laget.registry import report_views, views

app_name = "registry"

urlpatterns = [
    # Staff pages
    path("utovere/", views.practitioner_list, name="practitioner_list"),
    path("utovere/<int:practitioner_id>/", views.practitioner_detail, name="practitioner_detail"),
    path("kurs/", views.course_list, name="course_list"),
    path("kurs/<int:course_id>/fullfor/", views.course_complete, name="course_complete"),
    path("familier/", views.families_list, name="families_list"),
    path("import/", views.import_upload, name="import"),
    # Reports (report_views.py)
    path("rapport/", report_views.report, name="report"),
    path("rapport/csv/", report_views.report_csv_view, name="report_csv"),
    path("rapport/xlsx/", report_views.report_xlsx_view, name="report_xlsx"),
    path("rapport/pdf/", report_views.report_pdf_view, name="report_pdf"),
]
