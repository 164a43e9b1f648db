"""Validation messages of the training, as constants the tests assert on."""

from django.utils.translation import gettext_lazy as _

MSG_ALREADY_DONE = _("Du har allerede registrert denne opplæringen som fullført.")
# The registry refuses a qualification whose required training the person has not done.
MSG_TRAINING_REQUIRED = _(
    "Utøveren har ikke fullført opplæringen «%(title)s», som kvalifikasjonen krever."
)

# The editor of a municipality's own training (laget/training/editor.py).
MSG_URL_REQUIRED = _("Kurs og video er lenker til et annet nettsted: skriv inn lenken.")
MSG_TITLE_WITHOUT_SLUG = _("Tittelen må ha minst én bokstav eller ett tall.")
MSG_NOT_IN_GUIDE = _("Velg blant stegene og verktøyene i kommunens publiserte veileder.")
MSG_COMPLETIONS_CHANGED = _(
    "Antallet som har fullført opplæringen, er endret siden du åpnet siden. Se over og bekreft "
    "på nytt."
)
MSG_ITEM_IN_USE = _("Opplæringen er i bruk andre steder i Laget og kan ikke slettes.")
