"""Where a concern is reported to child welfare in this municipality: a link to the report
form and a phone number, shown as real links on every guide step that says "report a
concern" (the public guide) and available to any page that needs the same channel."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import audit_record
from laget.guide.models import GuideSettings
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality
from laget.orgs.rules import manages_municipality

FIELDS = ("concern_url", "concern_phone", "concern_note")


def concern_channel(municipality: Municipality | int) -> GuideSettings | None:
    """The municipality's child-welfare channel, or None while it has none."""
    municipality_id = municipality if isinstance(municipality, int) else municipality.pk
    found = GuideSettings.objects.filter(municipality_id=municipality_id).first()
    return found if found is not None and found.has_concern_channel else None


def settings_for(municipality: Municipality) -> GuideSettings:
    """The settings row, unsaved (with defaults) when there is none yet."""
    found = GuideSettings.objects.filter(municipality=municipality).first()
    return found if found is not None else GuideSettings(municipality=municipality)


@transaction.atomic
def concern_channel_update(*, by: User, municipality: Municipality, **values: Any) -> GuideSettings:
    """Set the link, phone and note (keys of FIELDS), audited."""
    if not manages_municipality(by, municipality.pk):
        raise PermissionDenied
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    settings, _created = GuideSettings.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    for key, value in values.items():
        setattr(settings, key, str(value).strip())
    settings.full_clean()
    settings.save()
    audit_record(
        actor=actor_for(by),
        action=AuditAction.UPDATE,
        object_type="concern_channel",
        object_id=settings.pk,
    )
    return settings
