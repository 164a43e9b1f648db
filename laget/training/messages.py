"""Validation messages of the training, as constants the tests assert on."""

from django.utils.translation import gettext_lazy as _

MSG_ALREADY_DONE = _("Du har allerede registrert denne opplæringen som fullført.")
# The registry refuses a qualification whose required training the person has not done.
MSG_TRAINING_REQUIRED = _(
    "Utøveren har ikke fullført opplæringen «%(title)s», som kvalifikasjonen krever."
)
