from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    WONDERING = 0, _("Nivå 0 – undring")
    OWN_SERVICE = 1, _("Nivå 1 – tiltak i egen tjeneste")
    TWO_SERVICES = 2, _("Nivå 2 – samarbeid mellom to tjenester")
    SEVERAL_SERVICES = 3, _("Nivå 3 – samarbeid mellom flere tjenester")


class Decision(models.TextChoices):
    OPEN = "open", _("Opprettet")
    CHANGE = "change", _("Nivåendring")
    REPORT = "report", _("Bekymringsmelding til barnevernet")
    CLOSE = "close", _("Avsluttet")


class ParticipantRole(models.TextChoices):
    STAFETTHOLDER = "stafettholder", _("Stafettholder")
    PARTICIPANT = "participant", _("Deltaker")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Samtykke")
    STATUTE = "statute", _("Lovhjemmel")


class Arena(models.TextChoices):
    HOME = "home", _("Hjemme")
    KINDERGARTEN = "kindergarten", _("Barnehage")
    SCHOOL = "school", _("Skole")
    HEALTH_CLINIC = "health_clinic", _("Helsestasjon")
    AFTER_SCHOOL = "after_school", _("SFO (skolefritidsordningen)")
    PPT = "ppt", _("PPT")
    OTHER = "other", _("Annet")


# The arena a unit works in, by the unit's kind (orgs.UnitKind), for a new measure's default;
# a kind not here (child welfare, NAV, ...) works in several arenas and suggests none.
ARENA_OF_UNIT_KIND: dict[str, str] = {
    "kindergarten": Arena.KINDERGARTEN,
    "school": Arena.SCHOOL,
    "health_clinic": Arena.HEALTH_CLINIC,
    "after_school": Arena.AFTER_SCHOOL,
    "ppt": Arena.PPT,
}


class Recurrence(models.TextChoices):
    """How often a measure that is part of the child's everyday life happens (every morning at
    school, the after-school programme each day). Blank: a measure done once or for a period."""

    DAILY = "daily", _("Hver dag")
    SCHOOL_DAYS = "school_days", _("Hver skole- eller barnehagedag")
    WEEKLY = "weekly", _("Hver uke")
    MONTHLY = "monthly", _("Hver måned")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    ACTIVE = "active", _("Pågår")
    COMPLETED = "completed", _("Fullført")
    STOPPED = "stopped", _("Avbrutt")


class Outcome(models.TextChoices):
    WORKED = "worked", _("Virket")
    PARTLY = "partly", _("Virket delvis")
    DID_NOT = "did_not", _("Virket ikke")


class EntryKind(models.TextChoices):
    OBSERVATION = "observation", _("Observasjon")
    CONVERSATION = "conversation", _("Samtale")
    DECISION = "decision", _("Beslutning")
    MINUTES = "minutes", _("Referat")
    GLIMMER = "glimmer", _("Lysglimt")
    NOTE = "note", _("Notat")
    COMMENT = "comment", _("Kommentar")


# What the family writes in the portal.
FAMILY_ENTRY_KINDS = (EntryKind.COMMENT, EntryKind.GLIMMER)


class Audience(models.TextChoices):
    ALL = "all", _("Alle deltakere, også familien")
    PROFESSIONALS = "professionals", _("Bare fagpersonene")


class MeetingKind(models.TextChoices):
    COORDINATION = "coordination", _("Samarbeidsmøte")
    EVALUATION = "evaluation", _("Evalueringsmøte")
    HANDOVER = "handover", _("Overgangsmøte")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Gjennomført")
    CANCELLED = "cancelled", _("Avlyst")


class Response(models.TextChoices):
    INVITED = "invited", _("Invitert")
    ACCEPTED = "accepted", _("Kommer")
    DECLINED = "declined", _("Kommer ikke")
