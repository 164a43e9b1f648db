from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in: staff now, guardians through the family portal later."""

    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    # Set with is_active=False by orgs.services.user_deactivate, for the review of grants.
    deactivated_at = models.DateTimeField(null=True, blank=True)
    deactivated_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
