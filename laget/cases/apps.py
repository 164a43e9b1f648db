from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "laget.cases"
    label = "cases"
    verbose_name = "Stafettlogg"

    def ready(self) -> None:
        # Ends participations when orgs ends a membership or deactivates a user.
        from laget.cases import receivers  # noqa: F401
