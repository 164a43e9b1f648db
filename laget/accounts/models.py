from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in: staff now, guardians through the family portal later."""

    phone = models.CharField(_("telefon"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
