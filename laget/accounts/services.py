"""Ending a user's logins at once: every browser session and every API token."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from knox.models import AuthToken

from laget.accounts.models import User


@transaction.atomic
def user_sign_out_everywhere(*, user: User) -> int:
    """Delete the user's sessions (database backend) and API tokens; returns how many.

    Sessions keep the user id inside their encoded data, so each live session is decoded:
    linear in the number of sessions, which an 8-hour session age keeps small. A session
    store with a user column would make this one DELETE."""
    user_id = str(user.pk)
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == user_id
    ]
    sessions, _ = Session.objects.filter(session_key__in=keys).delete()
    tokens, _ = AuthToken.objects.filter(user=user).delete()
    return sessions + tokens
