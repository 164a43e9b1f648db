from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "laget.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from laget.accounts.sessions import on_login

        user_logged_in.connect(on_login, dispatch_uid="laget.accounts.sessions.on_login")
