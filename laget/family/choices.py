from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Part(models.TextChoices):
    """The parts of a log that a family member can be shut out of (or, under a care order,
    granted)."""

    ENTRIES = "entries", _("Loggføringer")
    MEASURES = "measures", _("Tiltak")
    MEETINGS = "meetings", _("Møter")
    PARTICIPANTS = "participants", _("Deltakere og enhetene deres")
    PLACES = "places", _("Steder og adresser")
    ACTIVITY = "activity", _("Hva de andre i familien har lest og skrevet")
    CONSENTS = "consents", _("Samtykker")


ALL_PARTS = frozenset(Part)


class RestrictionReason(models.TextChoices):
    VIOLENCE = "violence", _("Vold eller trusler om vold")
    PROTECTED_ADDRESS = "protected_address", _("Fortrolig eller strengt fortrolig adresse")
    CHILD_SAFETY = "child_safety", _("Hensynet til barnets sikkerhet")
    COURT_DECISION = "court_decision", _("Avgjørelse i domstolen")
    CHILD_WELFARE = "child_welfare", _("Vedtak i barnevernet")
    OTHER = "other", _("Annen grunn (skriv hvilken)")


class RestrictionState(models.TextChoices):
    PROPOSED = "proposed", _("Venter på godkjenning")
    IN_FORCE = "in_force", pgettext_lazy("restriction", "Gjelder")
    REFUSED = "refused", _("Ikke godkjent")
    ENDED = "ended", _("Opphevet")


class HoldBackReason(models.TextChoices):
    """Why the family's access log holds back what follows a report of concern."""

    REPORT_ASSESSED = (
        "report_assessed",
        _("Meldingen vurderes av barnevernet, og foreldrene skal ikke varsles ennå"),
    )
    SUSPECTED_VIOLENCE = (
        "suspected_violence",
        _("Mistanke om vold eller overgrep fra noen i familien"),
    )
    POLICE = "police", _("Saken er meldt til politiet")


class ProposalAnswer(models.TextChoices):
    ACCEPTED = "accepted", _("Godtatt")
    DECLINED = "declined", _("Avslått")
