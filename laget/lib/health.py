"""`/helse/`: is this app process able to serve? For load balancers and monitoring.

It asks the database a trivial question and says nothing else: no version, no personal data,
no login. It is exempt from the HTTPS redirect (settings.SECURE_REDIRECT_EXEMPT) because load
balancers usually check the app machines over plain HTTP on the private network.
"""

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
