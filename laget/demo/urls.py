from django.urls import path

from laget.demo import views

app_name = "demo"

urlpatterns = [
    path("familie/", views.portal_login, name="portal_login"),
]
