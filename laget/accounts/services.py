"""Ending a user's logins: every browser session and API token, or one of them."""

from django.db import transaction
from knox.models import AuthToken

from laget.accounts.models import User, UserSession


@transaction.atomic
def user_sign_out_everywhere(*, user: User, keep_session: str | None = None) -> int:
    """Delete the user's browser sessions (but `keep_session`, a session key) and every API
    token; returns how many. After a password change the user stays logged in where they made
    it; everywhere else they log in again with the new password."""
    sessions = UserSession.objects.filter(user=user)
    if keep_session:
        sessions = sessions.exclude(session_key=keep_session)
    ended, _ = sessions.delete()
    tokens, _ = AuthToken.objects.filter(user=user).delete()
    return ended + tokens


def session_end(*, user: User, handle: str) -> bool:
    """End one of the user's own browser sessions, named by its handle; False if none."""
    ended, _ = UserSession.objects.filter(user=user, handle=handle).delete()
    return ended > 0


def token_revoke(*, user: User, digest: str) -> bool:
    """Revoke one of the user's own API tokens, named by its digest; False if none."""
    revoked, _ = AuthToken.objects.filter(user=user, digest=digest).delete()
    return revoked > 0
