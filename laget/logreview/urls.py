from django.urls import path

from laget.logreview import views

app_name = "logreview"

urlpatterns = [
    path("", views.log_review, name="review"),
]
