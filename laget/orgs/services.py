"""The municipality's chain of who creates whom, and how access ends.

The municipal admin creates units and unit leaders (and other admins, coordinators and the
privacy officer); a unit leader adds employees to their own unit. Separation of duties: a unit
membership given by someone who does not lead that unit waits until a second person accepts
it (a leader of the unit, or another admin if it has none); until then it counts for nothing.
Ending a membership or deactivating a user ends the person's participations there, their
sessions and their API tokens at once. Every grant, acceptance, refusal and ending is audited.
Case participants and guardians are added by the stafettholder in the case services.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.accounts.services import user_sign_out_everywhere
from laget.audit.models import AuditAction, Via
from laget.audit.services import audit_record
from laget.orgs.actors import actor_for
from laget.orgs.models import UNIT_ROLES, Membership, Municipality, Role, Unit
from laget.orgs.rules import administers
from laget.orgs.selectors import (
    managed_memberships,
    may_deactivate,
    memberships_to_accept,
    staff_profile,
)
from laget.orgs.signals import access_ended

MSG_USERNAME_TAKEN = _("Brukernavnet er allerede i bruk.")
MSG_ROLE_NOT_ALLOWED = _("Du kan ikke gi denne rollen.")
MSG_NOT_YOURSELF = _("Du kan ikke avslutte din egen tilgang. Be en annen administrator.")
MSG_ALREADY_MEMBER = _("Personen har allerede denne rollen i enheten.")


def _may_admin(user: User, municipality: Municipality) -> bool:
    return administers(user, municipality.pk)


@transaction.atomic
def unit_create(*, by: User, municipality: Municipality, name: str, kind: str) -> Unit:
    if not _may_admin(by, municipality):
        raise PermissionDenied
    unit = Unit(municipality=municipality, name=name.strip(), kind=kind)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def municipality_update(
    *,
    by: User,
    municipality: Municipality,
    level0_deadline_days: int,
    require_second_factor: bool | None = None,
) -> Municipality:
    """Settings the municipal admin owns. The level-0 deadline applies to worries opened
    from now on; those already open keep the deadline they were given. Requiring a second
    factor applies from the next request of every password session of the municipality's
    staff (None: left as it is)."""
    if not _may_admin(by, municipality):
        raise PermissionDenied
    municipality.level0_deadline_days = level0_deadline_days
    fields = ["level0_deadline_days"]
    if require_second_factor is not None:
        municipality.require_second_factor = require_second_factor
        fields.append("require_second_factor")
    municipality.full_clean()
    municipality.save(update_fields=fields)
    return municipality


def may_grant(by: User, *, municipality: Municipality, unit: Unit | None, role: str) -> bool:
    # A unit of another municipality is out of reach even for this municipality's admin.
    if unit is not None and unit.municipality_id != municipality.pk:
        return False
    profile = staff_profile(by)
    if administers(profile, municipality.pk):
        return True
    return role == Role.EMPLOYEE and unit is not None and unit.pk in profile.led_unit_ids


@transaction.atomic
def staff_create(
    *,
    by: User,
    municipality: Municipality,
    unit: Unit | None,
    role: str,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    title: str = "",
    password: str | None = None,
    via: str = Via.WEB,
) -> User:
    """Create a staff user with one membership, if `by` may grant that role. A unit role
    given by someone who does not lead the unit waits for a second person (see the top)."""
    if not may_grant(by, municipality=municipality, unit=unit, role=role):
        raise PermissionDenied
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise ValidationError({"username": MSG_USERNAME_TAKEN}, code="taken")
    user = User(
        username=username.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(
        actor=actor_for(by, via), action=AuditAction.CREATE, object_type="user", object_id=user.pk
    )
    _grant(by=by, user=user, municipality=municipality, unit=unit, role=role, title=title, via=via)
    return user


def _needs_second_person(by: User, user: User, unit: Unit | None) -> bool:
    """A unit membership counts at once only when a leader of that unit gives it to someone
    else: they are the accountable second person. Anything else waits."""
    if unit is None:
        return False
    return user.pk == by.pk or unit.pk not in staff_profile(by).led_unit_ids


def _grant(
    *,
    by: User,
    user: User,
    municipality: Municipality,
    unit: Unit | None,
    role: str,
    title: str,
    via: str,
) -> Membership:
    pending = _needs_second_person(by, user, unit)
    membership = Membership(
        user=user,
        municipality=municipality,
        unit=unit,
        role=role,
        title=title.strip(),
        created_by=by,
        pending=pending,
        accepted_by=None if pending else by,
        accepted_at=None if pending else timezone.now(),
    )
    same = Membership.objects.filter(user=user, municipality=municipality, unit=unit, role=role)
    if same.filter(is_active=True).exists():
        raise ValidationError({"role": MSG_ALREADY_MEMBER}, code="duplicate")
    membership.full_clean()
    membership.save()
    _audit(by, via, AuditAction.CREATE, membership)
    return membership


def _audit(by: User, via: str, action: AuditAction, membership: Membership) -> None:
    audit_record(
        actor=actor_for(by, via), action=action, object_type="membership", object_id=membership.pk
    )


@transaction.atomic
def membership_add(
    *, by: User, user: User, unit: Unit, role: str, title: str = "", via: str = Via.WEB
) -> Membership:
    """Give an existing staff user a role in a unit (someone who moved returns through here).
    The person must already have a place in the unit's municipality, or be `by`; anyone else
    is missing (404)."""
    municipality = unit.municipality
    if role not in UNIT_ROLES or not may_grant(by, municipality=municipality, unit=unit, role=role):
        raise PermissionDenied
    known = (
        user.pk == by.pk or Membership.objects.filter(user=user, municipality=municipality).exists()
    )
    if not user.is_active or not known:
        raise Http404
    return _grant(
        by=by, user=user, municipality=municipality, unit=unit, role=role, title=title, via=via
    )


def _to_accept(by: User, membership: Membership) -> Membership:
    """The pending membership, locked, if `by` may accept or decline it; 404 otherwise."""
    row = memberships_to_accept(by).select_for_update(of=("self",)).filter(pk=membership.pk)
    found = row.first()
    if found is None:
        raise Http404
    return found


@transaction.atomic
def membership_accept(*, by: User, membership: Membership, via: str = Via.WEB) -> Membership:
    """The second person accepts: from now on the membership counts."""
    row = _to_accept(by, membership)
    row.pending = False
    row.accepted_by = by
    row.accepted_at = timezone.now()
    row.save(update_fields=["pending", "accepted_by", "accepted_at"])
    _audit(by, via, AuditAction.UPDATE, row)
    return row


@transaction.atomic
def membership_decline(*, by: User, membership: Membership, via: str = Via.WEB) -> Membership:
    """The second person refuses: the row stays (declined), it never counted."""
    row = _to_accept(by, membership)
    row.is_active = False
    row.ended_by = by
    row.ended_at = timezone.now()
    row.save(update_fields=["is_active", "ended_by", "ended_at"])
    _audit(by, via, AuditAction.UPDATE, row)
    return row


@transaction.atomic
def membership_end(*, by: User, membership: Membership, via: str = Via.WEB) -> Membership:
    """End a membership `by` manages (404 otherwise). The row stays, marked ended; the person's
    participations through it end, the stafettholders of those cases are told, and their
    sessions and tokens end, all at once."""
    row = (
        managed_memberships(staff_profile(by))
        .select_for_update(of=("self",))
        .filter(pk=membership.pk)
        .first()
    )
    if row is None:
        raise Http404
    if row.user_id == by.pk:
        raise ValidationError(MSG_NOT_YOURSELF, code="yourself")
    row.is_active = False
    row.ended_by = by
    row.ended_at = timezone.now()
    row.save(update_fields=["is_active", "ended_by", "ended_at"])
    actor = actor_for(by, via)
    _audit(by, via, AuditAction.UPDATE, row)
    if row.unit_id is not None:
        access_ended.send(sender=Membership, user=row.user, unit_id=row.unit_id, actor=actor)
    user_sign_out_everywhere(user=row.user)
    return row


@transaction.atomic
def user_deactivate(*, by: User, user: User, via: str = Via.WEB) -> User:
    """Deactivate a user whose every place `by` manages (404 otherwise): the account, every
    membership, every participation, session and token end at once. Coming back takes new
    memberships, accepted again."""
    # Oneself included: may_deactivate never lets anyone deactivate their own account.
    locked = User.objects.select_for_update().filter(pk=user.pk).first()
    if locked is None or not may_deactivate(by, locked):
        raise Http404
    now = timezone.now()
    locked.is_active = False
    locked.deactivated_at = now
    locked.deactivated_by = by
    locked.save(update_fields=["is_active", "deactivated_at", "deactivated_by"])
    actor = actor_for(by, via)
    audit_record(actor=actor, action=AuditAction.UPDATE, object_type="user", object_id=locked.pk)
    for row in Membership.objects.select_for_update().filter(user=locked, is_active=True):
        row.is_active = False
        row.ended_by = by
        row.ended_at = now
        row.save(update_fields=["is_active", "ended_by", "ended_at"])
        _audit(by, via, AuditAction.UPDATE, row)
    access_ended.send(sender=User, user=locked, unit_id=None, actor=actor)
    user_sign_out_everywhere(user=locked)
    return locked


@transaction.atomic
def user_sign_out(*, by: User, user: User, via: str = Via.WEB) -> int:
    """End every browser session and API token of a user whose every place `by` manages (the
    rule of deactivation, may_deactivate; 404 otherwise). The account and its access stay: for
    a lost phone or a password someone else has seen. Returns how many logins ended."""
    if not may_deactivate(by, user):
        raise Http404
    audit_record(
        actor=actor_for(by, via), action=AuditAction.UPDATE, object_type="user", object_id=user.pk
    )
    return user_sign_out_everywhere(user=user)
