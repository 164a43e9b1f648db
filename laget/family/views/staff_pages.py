"""What every staff page about a family does: get the case, check who may act, audit the read."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from laget.audit.models import AuditAction
from laget.audit.services import audit_record
from laget.cases.access import CaseAccess, case_for
from laget.cases.views.common import current_user, web_actor

METHODS = ["GET", "HEAD", "POST"]
# The "Familien" panel on the case page.
ANCHOR = "familien"


def audit_read(request: HttpRequest, access: CaseAccess) -> None:
    """Showing a page is a read of the case; a POST is audited by the service that writes."""
    if request.method in ("GET", "HEAD"):
        audit_record(
            actor=web_actor(request),
            action=AuditAction.READ,
            object_type="case",
            object_id=access.case.pk,
            case_id=access.case.pk,
        )


def family_case(
    request: HttpRequest,
    case_id: int,
    allowed: Callable[[CaseAccess], bool],
    *,
    audit: bool = True,
) -> CaseAccess:
    """The case for a family page, if the user may see it (else 404) and `allowed` (a rule of
    laget.family.services) says they may act here (else 403). With audit=False the caller
    audits the read once it has found what the page shows."""
    access = case_for(current_user(request), case_id, audit=False)
    if not allowed(access):
        raise PermissionDenied
    if audit:
        audit_read(request, access)
    return access
