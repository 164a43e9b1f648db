from django.urls import path

from laget.registry import agreement_views, link_views, program_views, report_views, views

app_name = "registry"

urlpatterns = [
    # Staff pages
    path("utovere/", views.practitioner_list, name="practitioner_list"),
    path("utovere/<int:practitioner_id>/", views.practitioner_detail, name="practitioner_detail"),
    path("kurs/", views.course_list, name="course_list"),
    path("kurs/<int:course_id>/fullfor/", views.course_complete, name="course_complete"),
    path("familier/", views.families_list, name="families_list"),
    path("import/", views.import_upload, name="import"),
    # Editing: courses, participants, practitioners, activity years, falling short (views.py)
    path("kurs/ny/", views.course_create, name="course_create"),
    path("kurs/<int:course_id>/endre/", views.course_edit, name="course_edit"),
    path("kurs/<int:course_id>/deltakere/", views.course_participants, name="course_participants"),
    path(
        "kurs/<int:course_id>/deltakere/valg/",
        views.course_participant_options,
        name="course_participant_options",
    ),
    path("utovere/ny/", views.practitioner_create, name="practitioner_create"),
    path("utovere/<int:practitioner_id>/endre/", views.practitioner_edit, name="practitioner_edit"),
    path(
        "utovere/<int:practitioner_id>/ar/",
        views.practitioner_activity,
        name="practitioner_activity",
    ),
    path(
        "utovere/<int:practitioner_id>/fjern-kobling/",
        link_views.practitioner_unlink,
        name="practitioner_unlink",
    ),
    path("faller-utenfor/", views.falling_short, name="falling_short"),
    # The employee's own link, from "Min opplæring" (link_views.py)
    path("meg/<int:practitioner_id>/koble/", link_views.self_link, name="self_link"),
    path("meg/<int:practitioner_id>/fjern-kobling/", link_views.self_unlink, name="self_unlink"),
    # Reports (report_views.py)
    path("rapport/", report_views.report, name="report"),
    path("rapport/csv/", report_views.report_csv_view, name="report_csv"),
    path("rapport/xlsx/", report_views.report_xlsx_view, name="report_xlsx"),
    path("rapport/pdf/", report_views.report_pdf_view, name="report_pdf"),
    # Programs as data and municipal agreements/phases (program_views.py, agreement_views.py)
    path("programmer/", program_views.program_list, name="program_list"),
    path("programmer/ny/", program_views.program_create, name="program_create"),
    path("programmer/<int:program_id>/", program_views.program_detail, name="program_detail"),
    path(
        "programmer/<int:program_id>/intervensjoner/ny/",
        program_views.program_intervention_add,
        name="program_intervention_add",
    ),
    path(
        "programmer/<int:program_id>/intervensjoner/<int:intervention_id>/",
        program_views.program_intervention_edit,
        name="program_intervention_edit",
    ),
    path(
        "programmer/<int:program_id>/kvalifikasjoner/ny/",
        program_views.program_qualification_add,
        name="program_qualification_add",
    ),
    path(
        "programmer/<int:program_id>/kvalifikasjoner/<int:qualification_type_id>/",
        program_views.program_qualification_edit,
        name="program_qualification_edit",
    ),
    path("avtaler/", agreement_views.agreement_list, name="agreement_list"),
    path(
        "avtaler/kommune/<int:municipality_id>/ny/",
        agreement_views.agreement_create,
        name="agreement_create",
    ),
    path("avtaler/<int:agreement_id>/", agreement_views.agreement_edit, name="agreement_edit"),
]
