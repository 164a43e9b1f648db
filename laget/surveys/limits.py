"""How many answers an anonymous link takes in a short time: limits set by abuse, not by a
meeting.

A staff meeting of 60 or 200 people answers through one link within minutes, often from one
office network (one address). So the limits are far above that and only catch what no meeting
does: a link that takes more than LINK_LIMIT answers (or three per invited employee, if that is
more) in WINDOW seconds, and one client address that sends more than CLIENT_LIMIT in the same
window. Both counters live only in the cache and expire with the window; the client's address is
kept there as a keyed hash, never stored with a response (models.py).

Being limited loses nothing: the answer page shows the answers again, ready to be sent a minute
later (answer_views.py).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

WINDOW = 600  # seconds
LINK_LIMIT = 1000
PER_INVITED = 3
CLIENT_LIMIT = 300


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: start again
        cache.set(key, 1, WINDOW)
        return 1


def link_key(token: str) -> str:
    return "surveys:rate:link:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def client_key(address: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return "surveys:rate:client:" + digest.hexdigest()[:32]


def link_limit(invited: int) -> int:
    return max(LINK_LIMIT, PER_INVITED * invited)


def over_limit(*, token: str, invited: int, address: str) -> bool:
    """Count this answer against the link and the client; True when either is past its limit
    (the answer is then not saved, and the page offers to send it again)."""
    over_link = _count(link_key(token)) > link_limit(invited)
    over_client = _count(client_key(address)) > CLIENT_LIMIT
    return over_link or over_client
