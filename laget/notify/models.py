"""The outbox: one row per email to send. Written in the same transaction as the action that
causes it, sent by the background worker. It holds no case content: the recipient's address,
what kind of news it is and the case id for the link."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.lib.crypto import EncryptedEmailField, LookupHashField


class Kind(models.TextChoices):
    ENTRY = "entry", _("Ny loggføring")
    MEETING_INVITATION = "meeting_invitation", _("Møteinnkalling")
    CONSENT_EXPIRING = "consent_expiring", _("Samtykke går snart ut")
    # Something the stafettholder must look at: another service has a concern about the same
    # child, a participant's access ended, ... The email says only that; the case page says what.
    CASE_NOTICE = "case_notice", _("Noe å se på i en sak du koordinerer")
    # A log from another municipality waits for the receiving unit's answer; the link goes to
    # the unit leaders' list of proposals (the case page is closed to them until they accept).
    TRANSFER_PROPOSED = "transfer_proposed", _("En sak venter på svar om flytting")
    # The person a stafettholder handed the baton to: they now hold the case together.
    BATON_RECEIVED = "baton_received", _("Du har fått stafetten i en sak")


class Status(models.TextChoices):
    QUEUED = "queued", _("I kø")
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Feilet")


class RecipientRole(models.TextChoices):
    """Which door the link opens: the staff case page or the family portal."""

    STAFF = "staff", _("Ansatt")
    FAMILY = "family", _("Familie")


class Notification(models.Model):
    # What caused it, e.g. "entry:12": with the recipient, one email per event and person even
    # if a job runs twice.
    event = models.CharField(max_length=60)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Encrypted (a guardian's address is their contact data, laget.lib.crypto); the keyed hash
    # of the address in lower case keeps "one email per event and person" a database rule.
    recipient = EncryptedEmailField()
    recipient_hash = LookupHashField(source="recipient", casefold=True, db_index=False)
    recipient_role = models.CharField(max_length=10, choices=RecipientRole.choices)
    # The language the e-mail and its invitation are written in (empty: bokmål).
    language = models.CharField(max_length=10, blank=True)
    # For the link only (ids in URLs are fine, names never).
    case_id = models.BigIntegerField()
    meeting = models.ForeignKey(
        "cases.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # The SMTP error's class and code, e.g. "SMTPDataError 451": never a server's message, which
    # may repeat addresses.
    last_error = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notify_due_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient_hash"], name="notify_once_per_event"
            ),
            models.CheckConstraint(
                condition=~Q(kind="meeting_invitation") | Q(meeting__isnull=False),
                name="notify_invitation_has_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
