"""Logging in and out (logout by POST only), the user's own account, and the language switch."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from laget.accounts import views

urlpatterns = [
    # Logging in (password, second factor, identity provider) is laget/signin/urls.py.
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # The user's own account: password, and the sessions and tokens (laget/accounts/views.py).
    path("konto/passord/", views.PasswordChange.as_view(), name="password_change"),
    path("konto/innlogginger/", views.sessions_page, name="account_sessions"),
    path("konto/innlogginger/avslutt/", views.sessions_end, name="account_sessions_end"),
    path("glemt-passord/", views.ResetRequest.as_view(), name="password_reset"),
    path(
        "glemt-passord/<uidb64>/<token>/",
        views.ResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
]
