from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "laget.people"
    label = "people"
