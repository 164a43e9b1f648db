from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _

from laget.lib.crypto import EncryptedCharField


class User(AbstractUser):
    """A person who logs in: staff now, guardians through the family portal later."""

    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    # Set with is_active=False by orgs.services.user_deactivate, for the review of grants.
    deactivated_at = models.DateTimeField(null=True, blank=True)
    deactivated_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A family portal user's name (a guardian's, or the child's), encrypted like the records it
    # is copied from (laget.lib.crypto); their first and last name stay empty. Staff names are
    # not encrypted: lists sort and search by them.
    portal_name = EncryptedCharField(_("navn i familiesiden"), max_length=200, blank=True)
    # The language a family member chose for the family side (laget.lib.languages), kept so it
    # follows them to another device at the next login; empty until they choose.
    language = models.CharField(_("språk"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.portal_name or self.username

    @property
    def audit_name(self) -> str:
        """The name an audit row keeps: staff by name; a family member by their opaque
        username, since their name is personal data kept encrypted (`portal_name`) and the audit
        table is not. The family's access log shows the name through the user."""
        return self.get_full_name() or self.username


class UserSession(AbstractBaseSession):
    """A browser session: Django's database session with its user, its login and last request
    beside the encoded data (laget/accounts/sessions.py copies them out on every save), so a
    user's sessions are listed and ended with one query. No address and no user agent are
    kept: `device` is a coarse description made at login ("Firefox på Windows")."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # A digest of the key: names the session in forms and pages, where the key must never be.
    handle = models.CharField(max_length=64, editable=False)
    signed_in_at = models.DateTimeField(null=True, blank=True)
    active_at = models.DateTimeField(null=True, blank=True)
    device = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name = _("innlogging")
        verbose_name_plural = _("innlogginger")

    @classmethod
    def get_session_store_class(cls) -> type[SessionBase]:
        from laget.accounts.sessions import SessionStore

        return SessionStore
