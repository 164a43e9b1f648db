from django.urls import path

from laget.transfer import views

app_name = "transfer"

urlpatterns = [
    path("saker/<int:case_id>/flytting/", views.propose, name="propose"),
    path("saker/<int:case_id>/flytting/trekk/", views.withdraw, name="withdraw"),
    path("flytting/", views.inbox, name="inbox"),
    path("flytting/<int:transfer_id>/", views.decide, name="decide"),
    path("flytting/<int:transfer_id>/avslag/", views.decline, name="decline"),
]
