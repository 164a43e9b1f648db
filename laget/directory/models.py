"""The service directory: the services, measures and teams a municipality offers.

Everything here is public information about the municipality's services, never about a person.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from laget.orgs.models import Municipality, Unit

MSG_NAMES_LIST = _("Skriv navnene som en liste med tekst.")
MSG_NAME_TOO_LONG = _("Hvert navn kan ha høyst %(max)s tegn.")
MSG_UNIT_OTHER_MUNICIPALITY = _("Enheten hører til en annen kommune.")
MSG_NAME_TAKEN = _("Kommunen har allerede en tjeneste med dette navnet.")

ALIAS_MAX = 150


class ServiceKind(models.TextChoices):
    SERVICE = "service", _("Tjeneste")
    MEASURE = "measure", _("Tiltak")
    TEAM = "team", _("Team")


def clean_names(values: Any) -> list[str]:
    """Trimmed, non-empty, without repeats (case-insensitive), in the order given."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError(MSG_NAMES_LIST, code="invalid")
    seen: set[str] = set()
    names: list[str] = []
    for value in values:
        name = " ".join(value.split())
        if not name or name.casefold() in seen:
            continue
        if len(name) > ALIAS_MAX:
            raise ValidationError(MSG_NAME_TOO_LONG, code="max_length", params={"max": ALIAS_MAX})
        seen.add(name.casefold())
        names.append(name)
    return names


class Service(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("navn"), max_length=ALIAS_MAX)
    abbreviations = models.JSONField(_("forkortelser"), default=list, blank=True)
    former_names = models.JSONField(_("tidligere navn"), default=list, blank=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=ServiceKind.choices, default=ServiceKind.SERVICE
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    target_group = models.TextField(_("målgruppe"), blank=True)
    how_to_refer = models.TextField(_("slik tar du kontakt eller henviser"), blank=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    web = models.URLField(_("nettside"), blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("enheten som driver tjenesten"),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tjeneste")
        verbose_name_plural = _("tjenester")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="directory_service_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.name = " ".join(self.name.split())
        for field in ("abbreviations", "former_names"):
            try:
                setattr(self, field, clean_names(getattr(self, field)))
            except ValidationError as exc:
                errors[field] = exc
        if self.unit_id is not None and self.municipality_id is not None:
            unit_municipality = (
                Unit.objects.filter(pk=self.unit_id)
                .values_list("municipality_id", flat=True)
                .first()
            )
            if unit_municipality != self.municipality_id:
                errors["unit"] = MSG_UNIT_OTHER_MUNICIPALITY
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude: Any = None) -> None:
        # The unique name in our own words, on the name field.
        taken = (
            Service.objects.filter(municipality_id=self.municipality_id, name__iexact=self.name)
            .exclude(pk=self.pk)
            .exists()
        )
        if taken:
            raise ValidationError({"name": MSG_NAME_TAKEN}, code="unique")
        super().validate_constraints(exclude=exclude)

    @property
    def aliases(self) -> list[str]:
        return [*self.abbreviations, *self.former_names]
