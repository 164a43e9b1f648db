from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatute(models.TextChoices):
    """What the right to an individual plan was decided on. The references are the acts'
    own; the municipality's legal adviser should confirm them (see docs/INDIVIDUAL_PLAN.md).
    A service whose act is not listed chooses «other» and writes the reference."""

    HEALTH_CARE = "hol-7-1", _("Helse- og omsorgstjenesteloven § 7-1")
    REGULATION = (
        "forskrift-hab-rehab",
        _("Forskrift om habilitering og rehabilitering, individuell plan og koordinator"),
    )
    SPECIALIST = "sthl-2-5", _("Spesialisthelsetjenesteloven § 2-5")
    MENTAL_HEALTH = "phvl-4-1", _("Psykisk helsevernloven § 4-1")
    SOCIAL_SERVICES = "sotjl-28", _("Sosialtjenesteloven § 28")
    OTHER = "other", _("Annen lovhjemmel")


class DecisionEnd(models.TextChoices):
    CORRECTED = "corrected", _("Rettet")
    WITHDRAWN = "withdrawn", _("Trukket tilbake")
