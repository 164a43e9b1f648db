"""Consent as data: who gave it, for which units and what, until when, and its full history.

A participant whose legal basis is a consent reads the case only while that consent is given,
not expired, and names the participant's unit (see cases.models.ParticipantQuerySet).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.lib.crypto import EncryptedCharField, EncryptedTextField
from laget.lib.languages import language_name

USER = settings.AUTH_USER_MODEL


class ConsentState(models.TextChoices):
    REQUESTED = "requested", _("Bedt om")
    GIVEN = "given", _("Gitt")
    REFUSED = "refused", _("Avslått")
    WITHDRAWN = "withdrawn", _("Trukket tilbake")
    EXPIRED = "expired", _("Utløpt")


class EventKind(models.TextChoices):
    REQUESTED = "requested", _("Bedt om")
    GIVEN = "given", _("Gitt")
    REFUSED = "refused", _("Avslått")
    RENEWED = "renewed", _("Fornyet")
    WITHDRAWN = "withdrawn", _("Trukket tilbake")
    EXPIRED = "expired", _("Utløpt")


class Channel(models.TextChoices):
    DIGITAL = "digital", _("Digitalt i familiesiden")
    PAPER = "paper", _("På papir (skannet kopi)")


class PartyResponse(models.TextChoices):
    PENDING = "pending", _("Venter på svar")
    GIVEN = "given", _("Gitt")
    REFUSED = "refused", _("Avslått")
    WITHDRAWN = "withdrawn", _("Trukket tilbake")


class ConsentText(models.Model):
    """The text the family reads, versioned; translations in any number of languages."""

    municipality = models.ForeignKey(
        "orgs.Municipality", on_delete=models.PROTECT, related_name="consent_texts"
    )
    key = models.SlugField(max_length=50)
    version = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key", "version"], name="consent_text_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"

    def in_language(self, language: str) -> "ConsentTextTranslation | None":
        """The translation for a language (e.g. "nn", "en-gb" → "en"), else bokmål."""
        rows = {t.language: t for t in self.translations.all()}
        for code in (language, language.split("-")[0], settings.LANGUAGE_CODE):
            if code in rows:
                return rows[code]
        return next(iter(rows.values()), None)


class ConsentTextTranslation(models.Model):
    text = models.ForeignKey(ConsentText, on_delete=models.CASCADE, related_name="translations")
    # A BCP 47 language tag: nb, nn, en, se (northern Sami), … — any number of languages.
    language = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    body = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["text", "language"], name="consent_translation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.language}]"


class Consent(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="consents")
    reference = models.CharField(_("referanse"), max_length=40, unique=True)
    purpose = EncryptedTextField(_("formål"))
    units = models.ManyToManyField("orgs.Unit", related_name="+", verbose_name=_("enheter"))
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("status"), max_length=10, choices=ConsentState.choices, default=ConsentState.REQUESTED
    )
    # A consent for one family member's own help is theirs alone: they are its only party,
    # and no one else in the family sees it (laget.family.access). Blank: the case's consent.
    for_guardian = models.ForeignKey(
        "people.Guardian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_consents",
        verbose_name=_("gjelder egen hjelp for"),
    )
    # The child consents for themselves from the age limit (settings.LAGET_CHILD_CONSENT_AGE).
    by_child = models.BooleanField(_("barnet samtykker selv"), default=False)
    expires_on = models.DateField(_("utløper"), null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")

    def __str__(self) -> str:
        return self.reference

    def is_in_force(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state == ConsentState.GIVEN and (
            self.expires_on is None or self.expires_on >= today
        )

    def effective_state(self, today: datetime.date | None = None) -> str:
        """The state as of today: a given consent past its expiry is expired at once, before
        the daily job records the event."""
        today = today or timezone.localdate()
        if self.state == ConsentState.GIVEN and self.expires_on and self.expires_on < today:
            return ConsentState.EXPIRED
        return self.state

    @property
    def effective_state_label(self) -> str:
        return str(ConsentState(self.effective_state()).label)


def in_force_q(prefix: str = "", today: datetime.date | None = None) -> Q:
    """Consents in force as a filter, optionally through a relation (prefix "consent__")."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}state": ConsentState.GIVEN}) & (
        Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": today})
    )


class ConsentParty(models.Model):
    """One who must give the consent: a guardian whose role makes them a party, the child, or
    under a care order child welfare in the parents' place (its staff answer for it)."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="parties")
    guardian = models.ForeignKey(
        "people.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_child = models.BooleanField(default=False)
    care_unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response = models.CharField(
        max_length=10, choices=PartyResponse.choices, default=PartyResponse.PENDING
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    scanned_copy = models.FileField(upload_to="consents/%Y/", blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(guardian__isnull=False, is_child=False, care_unit__isnull=True)
                | Q(guardian__isnull=True, is_child=True, care_unit__isnull=True)
                | Q(guardian__isnull=True, is_child=False, care_unit__isnull=False),
                name="consent_party_guardian_child_or_care",
            ),
            models.UniqueConstraint(
                fields=["consent", "guardian"],
                condition=Q(guardian__isnull=False),
                name="consent_party_guardian_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.guardian_id:
            return self.guardian.name  # type: ignore[union-attr]
        if self.care_unit_id:
            return f"{self.care_unit.name} ({_('har omsorgen')})"  # type: ignore[union-attr]
        return str(_("Barnet selv"))


class ConsentEvent(models.Model):
    """The consent's history: every request, answer, renewal, withdrawal and expiry."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    party = models.ForeignKey(
        ConsentParty, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_user = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    language = models.CharField(max_length=10, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    note = EncryptedCharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"

    @property
    def language_name(self) -> str:
        """The name of the language of the text the family member answered ("العربية")."""
        return language_name(self.language) if self.language else ""


class WithdrawalNotice(models.Model):
    """One of the guardians withdrew the case's consent while another still gave it. The case
    stays on its stafettholder's and its responsible unit leaders' lists with this notice (also
    for a stafettholder who read on that consent and lost access), until one who coordinates
    the case marks it handled. See laget.cases.withdrawal_notices."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="withdrawal_notices"
    )
    consent = models.OneToOneField(
        Consent, on_delete=models.CASCADE, related_name="withdrawal_notice"
    )
    at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.consent_id} {self.at:%Y-%m-%d}"


class ClosingRequest(models.Model):
    """A guardian (or the child from the age limit) asks for the log to be closed. The
    stafettholder decides and closes the case; the request stays in the case's history."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="closing_requests"
    )
    guardian = models.ForeignKey(
        "people.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_child = models.BooleanField(default=False)
    reason = EncryptedTextField(_("begrunnelse"), blank=True, max_length=2000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(guardian__isnull=False, by_child=False)
                | Q(guardian__isnull=True, by_child=True),
                name="closing_request_guardian_xor_child",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d}"

    @property
    def label(self) -> str:
        return self.guardian.name if self.guardian else str(_("Barnet selv"))
