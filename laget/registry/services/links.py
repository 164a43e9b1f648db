"""Linking a practitioner to their own Laget user and removing the link (the rule:
laget/registry/user_links.py). One transaction each, audited as writes without a case (the
registry holds no case data): `create`/`delete` of a registry_practitioner_link, its object the
practitioner."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from laget.accounts.models import User
from laget.audit.models import AuditAction, Via
from laget.audit.services import audit_record
from laget.orgs.actors import actor_for
from laget.registry import access
from laget.registry.messages import MSG_ALREADY_LINKED, MSG_NOT_LINKED
from laget.registry.models import Practitioner
from laget.registry.user_links import offered_to

LINK = "registry_practitioner_link"


def _save_link(practitioner: Practitioner, user: User | None) -> None:
    practitioner.user = user
    practitioner.validate_constraints()
    practitioner.save(update_fields=["user"])


@transaction.atomic
def practitioner_link_self(*, by: User, practitioner_id: int, via: str = Via.WEB) -> Practitioner:
    """`by` says the practitioner offered to them is them. Http404 for a practitioner not
    offered to them (another e-mail, linked already to someone)."""
    # One link at a time per user: the check below and the constraint agree.
    User.objects.select_for_update().filter(pk=by.pk).first()
    practitioner = offered_to(by).select_for_update().filter(pk=practitioner_id).first()
    if practitioner is None:
        raise Http404
    if Practitioner.objects.filter(user=by).exists():
        raise ValidationError(MSG_ALREADY_LINKED, code="linked")
    _save_link(practitioner, by)
    audit_record(
        actor=actor_for(by, via),
        action=AuditAction.CREATE,
        object_type=LINK,
        object_id=practitioner.pk,
    )
    return practitioner


@transaction.atomic
def practitioner_unlink_self(*, by: User, practitioner_id: int, via: str = Via.WEB) -> Practitioner:
    """`by` removes their own link. Http404 for a practitioner not linked to them."""
    practitioner = (
        Practitioner.objects.select_for_update().filter(pk=practitioner_id, user=by).first()
    )
    if practitioner is None:
        raise Http404
    _save_link(practitioner, None)
    audit_record(
        actor=actor_for(by, via),
        action=AuditAction.DELETE,
        object_type=LINK,
        object_id=practitioner.pk,
    )
    return practitioner


@transaction.atomic
def practitioner_unlink(
    *, by: User, practitioner: Practitioner, via: str = Via.WEB
) -> Practitioner:
    """A registry user removes a wrong link of a practitioner in their scope (PermissionDenied
    without a registry role, Http404 outside the scope)."""
    current = Practitioner.objects.select_for_update().get(pk=practitioner.pk)
    access.require_in_scope(by, current)
    if current.user_id is None:
        raise ValidationError(MSG_NOT_LINKED, code="not_linked")
    _save_link(current, None)
    audit_record(
        actor=actor_for(by, via), action=AuditAction.DELETE, object_type=LINK, object_id=current.pk
    )
    return current
