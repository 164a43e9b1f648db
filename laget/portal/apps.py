from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "laget.portal"
    label = "portal"
    verbose_name = "Familiesiden"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from laget.portal.language import on_login

        user_logged_in.connect(on_login, dispatch_uid="laget.portal.language.on_login")
