"""Staff sign-in: password and second factor, or the municipality's identity provider; the
account's authenticator. Names without a namespace, like the rest of the login's."""

from django.urls import path

from laget.signin.views import authenticator, oidc, password

urlpatterns = [
    path("logg-inn/", password.PasswordLogin.as_view(), name="login"),
    path("logg-inn/kode/", password.code, name="login_code"),
    path("logg-inn/oidc/", oidc.Start.as_view(), name="login_oidc"),
    path("logg-inn/oidc/svar/", oidc.Callback.as_view(), name="login_oidc_callback"),
    path("konto/totp/", authenticator.second_factor, name="second_factor"),
    path("konto/totp/fjern/", authenticator.remove, name="second_factor_remove"),
]
