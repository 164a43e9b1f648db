"""The client's address, as the configured proxies report it: what throttles and lockouts key on.

With no trusted proxy (LAGET_TRUSTED_PROXIES=0, the default) it is the socket's address: an
X-Forwarded-For the client sends itself is never read. With N proxies in front, each appending
the address it was reached from, the client's is the Nth entry from the right; the entries left
of it are whatever the client wrote and are ignored. The DRF login throttle and django-axes
(AXES_CLIENT_IP_CALLABLE) both call this one function.
"""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote: str = request.META.get("REMOTE_ADDR", "")
    proxies: int = settings.LAGET_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if not entries:
        return remote
    # Fewer entries than proxies: the leftmost was still written by a trusted proxy.
    reported = entries[-min(proxies, len(entries))]
    try:
        ip_address(reported)
    except ValueError:
        return remote
    return reported
