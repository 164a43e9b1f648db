from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "laget.cases"
    label = "cases"
    verbose_name = "Stafettlogg"
