from django.urls import path

from laget.surveys import answer_views, views

app_name = "surveys"

QN = "skjema/<int:questionnaire_id>/"
QUESTION = QN + "sporsmal/<int:question_id>/"

urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("startskjema/", views.starter_install, name="starter_install"),
    path("skjema/ny/", views.questionnaire_create, name="questionnaire_create"),
    path(QN, views.questionnaire_detail, name="questionnaire_detail"),
    path(QN + "publiser/", views.questionnaire_publish, name="questionnaire_publish"),
    path(QN + "kopier/", views.questionnaire_copy, name="questionnaire_copy"),
    path(QN + "sporsmal/ny/", views.question_add, name="question_add"),
    path(QUESTION, views.question_edit, name="question_edit"),
    path(QUESTION + "flytt/", views.question_move, name="question_move"),
    path(QUESTION + "fjern/", views.question_remove, name="question_remove"),
    path(QN + "ny-runde/", views.round_create, name="round_create"),
    path(QN + "tidligere-runde/", views.past_round_create, name="past_round_create"),
    path("runde/<int:round_id>/", views.round_detail, name="round_detail"),
    path("runde/<int:round_id>/steng/", views.round_close, name="round_close"),
    path("runde/<int:round_id>/resultater/", views.round_results, name="round_results"),
    path("runde/<int:round_id>/resultater.csv", views.round_results_csv, name="round_results_csv"),
    path(
        "runde/<int:round_id>/resultater.xlsx",
        views.round_results_xlsx,
        name="round_results_xlsx",
    ),
    # The anonymous link: no login, no personal data.
    path("svar/<str:token>/", answer_views.answer, name="answer"),
    path("svar/<str:token>/takk/", answer_views.answer_thanks, name="answer_thanks"),
]
