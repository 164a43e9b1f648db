"""A qualification that requires training in Laget (QualificationType.required_training).

The rule, in one place: a practitioner linked to a Laget user (Practitioner.user) gets such a
qualification only when that user has completed the training; one without a link is not
checked (the registry holds practitioners who work where Laget is not used), and the
practitioner's page says the requirement could not be checked.
"""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from laget.registry.models import Practitioner, QualificationType
from laget.training.messages import MSG_TRAINING_REQUIRED
from laget.training.selectors import has_completed


class TrainingStatus(TextChoices):
    MET = "met", _("Opplæringen er fullført")
    MISSING = "missing", _("Opplæringen er ikke fullført")
    UNLINKED = "unlinked", _("Kan ikke sjekkes: utøveren er ikke koblet til en bruker i Laget")


def training_status(practitioner: Practitioner, qt: QualificationType) -> TrainingStatus | None:
    """None when the qualification requires no training."""
    if qt.required_training_id is None:
        return None
    if practitioner.user_id is None:
        return TrainingStatus.UNLINKED
    if has_completed(practitioner.user_id, qt.required_training_id):
        return TrainingStatus.MET
    return TrainingStatus.MISSING


def missing_training(practitioner: Practitioner, qt: QualificationType) -> str | None:
    """The error to refuse the qualification with, or None when it may be given."""
    if training_status(practitioner, qt) != TrainingStatus.MISSING:
        return None
    assert qt.required_training is not None
    return str(MSG_TRAINING_REQUIRED) % {"title": qt.required_training.title}
