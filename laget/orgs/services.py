"""The municipality's chain of who creates whom.

The municipal admin creates units and unit leaders (and other admins and coordinators);
a unit leader adds employees to their own unit. Case participants and guardians are added by
the stafettholder in the case services.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.orgs.models import Membership, Municipality, Role, Unit
from laget.orgs.selectors import staff_profile

MSG_USERNAME_TAKEN = _("Brukernavnet er allerede i bruk.")
MSG_ROLE_NOT_ALLOWED = _("Du kan ikke gi denne rollen.")


def _may_admin(user: User, municipality: Municipality) -> bool:
    return municipality.pk in staff_profile(user).admin_municipality_ids


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
    *, by: User, municipality: Municipality, level0_deadline_days: int
) -> Municipality:
    """Settings the municipal admin owns. The level-0 deadline applies to worries opened
    from now on; those already open keep the deadline they were given."""
    if not _may_admin(by, municipality):
        raise PermissionDenied
    municipality.level0_deadline_days = level0_deadline_days
    municipality.full_clean()
    municipality.save(update_fields=["level0_deadline_days"])
    return municipality


def may_grant(by: User, *, municipality: Municipality, unit: Unit | None, role: str) -> bool:
    # A unit of another municipality is out of reach even for this municipality's admin.
    if unit is not None and unit.municipality_id != municipality.pk:
        return False
    profile = staff_profile(by)
    if municipality.pk in profile.admin_municipality_ids:
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
) -> User:
    """Create a staff user with one membership, if `by` may grant that role."""
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
    membership = Membership(
        user=user,
        municipality=municipality,
        unit=unit,
        role=role,
        title=title.strip(),
        created_by=by,
    )
    membership.full_clean()
    membership.save()
    return user
