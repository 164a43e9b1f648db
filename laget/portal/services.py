"""The family's portal users: made on the first login, linked to the family's records."""

import uuid

from django.db import transaction

from laget.accounts.models import User
from laget.family.access import ROLE_RIGHTS, Rights, child_rights
from laget.people.models import Guardian, Subject


def _new_user(name: str) -> User:
    # The username is opaque: no name or national id in it (it may show up in logs and URLs).
    user = User(username=f"familie-{uuid.uuid4().hex[:16]}", portal_name=name[:200])
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def portal_user_for_pid(pid: str) -> User | None:
    """The portal user for a national identity number the login provider vouched for.

    Links every family-member record with that number, and the person's own record once they
    are old enough to read their log (LAGET_CHILD_VOICE_AGE), to one user (made on the first
    login). None when the number belongs to no member whose role reads and to no child old
    enough: that person has no case to see. Which case each may read is decided at every
    request (laget.family.access); this only links the records.
    """
    # A practice case's people (laget/practice) are fictional: no login ever becomes theirs.
    guardians = list(
        Guardian.objects.select_for_update()
        .with_national_id(pid)
        .exclude(subject__cases__is_practice=True)
    )
    subjects = [
        s
        for s in Subject.objects.select_for_update()
        .with_national_id(pid)
        .exclude(cases__is_practice=True)
        if child_rights(s).reads
    ]
    responsible = [g for g in guardians if ROLE_RIGHTS.get(g.role, Rights()).reads]
    if not responsible and not subjects:
        return None
    linked = [
        user
        for user in [g.user for g in guardians] + [s.user for s in subjects]
        if user is not None and user.is_active
    ]
    if linked:
        user = linked[0]
    else:
        name = responsible[0].name if responsible else subjects[0].full_name
        user = _new_user(name)
    Guardian.objects.filter(pk__in=[g.pk for g in guardians]).update(user=user)
    Subject.objects.filter(pk__in=[s.pk for s in subjects]).update(user=user)
    return user


@transaction.atomic
def portal_user_for_guardian(guardian: Guardian) -> User:
    """The portal user of one guardian record, made if needed (the demo's login)."""
    guardian = Guardian.objects.select_for_update().get(pk=guardian.pk)
    if guardian.user_id is not None:
        return User.objects.get(pk=guardian.user_id)
    user = _new_user(guardian.name)
    guardian.user = user
    guardian.save(update_fields=["user"])
    return user


@transaction.atomic
def portal_user_for_subject(subject: Subject) -> User:
    """The portal user of the child themselves, made if needed (the demo's login)."""
    subject = Subject.objects.select_for_update().get(pk=subject.pk)
    if subject.user_id is not None:
        return User.objects.get(pk=subject.user_id)
    user = _new_user(subject.full_name)
    subject.user = user
    subject.save(update_fields=["user"])
    return user
