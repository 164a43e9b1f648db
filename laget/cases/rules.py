"""Rules about what is in a case, each spelled once for the pages, the API and the services.

Only the author corrects an entry: others add a new one, so the log shows who said what.
"""

import enum

from laget.accounts.models import User
from laget.cases.access import CaseAccess
from laget.cases.models import Entry


class CorrectionRefused(enum.Enum):
    NOT_AUTHOR = "not_author"  # someone else wrote it, or the family did (in the portal)
    NO_WRITE_ACCESS = "no_write_access"  # the author no longer writes in the case
    CASE_CLOSED = "case_closed"  # a closed case is read-only


def correction_refused(entry: Entry, *, user: User, access: CaseAccess) -> CorrectionRefused | None:
    """Why `user` may not correct `entry` now (None: they may). `access` is the user's access
    to the entry's case."""
    if entry.case_id != access.case.pk or entry.is_from_family or entry.author_id != user.pk:
        return CorrectionRefused.NOT_AUTHOR
    if not access.may_write:
        return CorrectionRefused.NO_WRITE_ACCESS
    if access.case.is_closed:
        return CorrectionRefused.CASE_CLOSED
    return None


def may_correct(entry: Entry, *, user: User, access: CaseAccess) -> bool:
    """The author, while they still write in the case and it is open."""
    return correction_refused(entry, user=user, access=access) is None
