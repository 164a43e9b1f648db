"""Employee surveys: questionnaires, rounds handed out per unit by an anonymous link, responses.

Anonymity is a property of the tables, not of good intentions: a Response holds only the link
(RoundUnit) it came through, and an Answer only its response, question and option. No user, no
IP address, no time of day or date is stored for either, and both use random UUIDs as primary
keys, so neither a column nor the order of ids can tie a response to a person or to the moment
it was given. Results are only ever shown for groups of at least MIN_GROUP responses
(laget/surveys/results.py).
"""

import secrets
import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from laget.orgs.models import Municipality, Unit, UnitKind


def new_token() -> str:
    """A long random secret for the anonymous link: 43 url-safe characters, 256 bits."""
    return secrets.token_urlsafe(32)


class QuestionKind(models.TextChoices):
    CHOICE = "choice", _("Ett valg")
    SCALE = "scale", _("Skala")
    YES_NO = "yes_no", _("Ja eller nei")


class Questionnaire(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="questionnaires"
    )
    name = models.CharField(_("navn"), max_length=150)
    is_published = models.BooleanField(_("publisert"), default=False)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )

    class Meta:
        verbose_name = _("spørreskjema")
        verbose_name_plural = _("spørreskjemaer")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    # A stable key that results use across copies of a questionnaire (e.g. "use_frequency").
    slug = models.SlugField(_("nøkkel"), max_length=40, blank=True)
    text = models.CharField(_("spørsmål"), max_length=300)
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    # Marked in the builder: the question whose answers the usage chart shows by service.
    is_use_frequency = models.BooleanField(_("måler hvor ofte veilederen brukes"), default=False)

    class Meta:
        verbose_name = _("spørsmål")
        verbose_name_plural = _("spørsmål")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "slug"],
                condition=~Q(slug=""),
                name="survey_question_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=Q(is_use_frequency=True),
                name="survey_one_use_frequency_question",
            ),
            models.CheckConstraint(
                condition=Q(is_use_frequency=False)
                | Q(kind__in=[QuestionKind.CHOICE, QuestionKind.SCALE]),
                name="survey_use_frequency_is_choice_or_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        """What matches this question across rounds: its slug, else its text."""
        return self.slug or self.text.strip().lower()


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    # Stable across copies ("yes", "monthly", "3"); the label is what people read.
    value = models.SlugField(_("verdi"), max_length=40)
    label = models.CharField(_("svaralternativ"), max_length=150)

    class Meta:
        verbose_name = _("svaralternativ")
        verbose_name_plural = _("svaralternativer")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="survey_option_value_unique")
        ]

    def __str__(self) -> str:
        return self.label


class RoundKind(models.TextChoices):
    BASELINE = "baseline", _("Førmåling")
    FOLLOW_UP = "follow_up", _("Oppfølgingsmåling")
    OTHER = "other", _("Annen")


class RoundSource(models.TextChoices):
    LINK = "link", _("Svar gjennom lenkene")
    ANSWERS = "answers", _("Svar lagt inn fra fil")
    COUNTS = "counts", _("Antall per svaralternativ lagt inn")


class Round(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="rounds"
    )
    name = models.CharField(_("navn"), max_length=150)
    kind = models.CharField(_("type runde"), max_length=10, choices=RoundKind.choices)
    opens_on = models.DateField(_("åpner"))
    closes_on = models.DateField(_("stenger"))
    closed_on = models.DateField(_("stengt"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sammenlign med runde"),
    )
    # A past round brought in afterwards has its real dates and answers from a file or counts.
    source = models.CharField(
        _("kilde"), max_length=10, choices=RoundSource.choices, default=RoundSource.LINK
    )

    class Meta:
        verbose_name = _("runde")
        verbose_name_plural = _("runder")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="survey_round_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RoundUnit(models.Model):
    """A unit invited to a round, with its own anonymous link."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_units")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    invited = models.PositiveIntegerField(_("inviterte"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("enhet i runden")
        verbose_name_plural = _("enheter i runden")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="survey_round_unit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.unit}"


class Response(models.Model):
    """One filled questionnaire. Deliberately nothing but the link it came through."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round_unit = models.ForeignKey(RoundUnit, on_delete=models.CASCADE, related_name="responses")

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("svar på spørsmål")
        verbose_name_plural = _("svar på spørsmål")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_answer_one_per_question"
            )
        ]

    def __str__(self) -> str:
        return str(self.pk)


class PastGroup(models.Model):
    """A past round entered as counts: how many in a kind of service answered (and were asked).
    Such a round has no responses of its own, so results read these and PastCount."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="past_groups")
    unit_kind = models.CharField(max_length=20, choices=UnitKind.choices)
    responses = models.PositiveIntegerField(_("svar"))
    invited = models.PositiveIntegerField(_("inviterte"), default=0)

    class Meta:
        verbose_name = _("tidligere runde: gruppe")
        verbose_name_plural = _("tidligere runde: grupper")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit_kind"], name="survey_past_group_unique")
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.unit_kind}"


class PastCount(models.Model):
    """A past round entered as counts: how many in a kind of service chose an option."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="past_counts")
    unit_kind = models.CharField(max_length=20, choices=UnitKind.choices)
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("antall"))

    class Meta:
        verbose_name = _("tidligere runde: antall")
        verbose_name_plural = _("tidligere runde: antall")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit_kind", "option"], name="survey_past_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.option}: {self.count}"
