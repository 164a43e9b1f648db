"""Which source files hold the family side's texts: the portal's pages and forms, what they
show of the log, consents and meetings, and the e-mails and calendar invitations to families.

The families' languages (laget.lib.languages) carry these messages only; staff pages stay in
bokmål and English. `manage.py family_makemessages` gathers them into each family language's
message file; a test fails when a portal page uses a message that is not there.
"""

from fnmatch import fnmatch
from pathlib import PurePosixPath

FAMILY_SOURCES = (
    # The portal's pages, and the shared pieces they include.
    "laget/templates/portal/*.html",
    "laget/templates/laget/_error_summary.html",
    "laget/templates/laget/_field.html",
    "laget/templates/laget/_form.html",
    "laget/templates/laget/_messages.html",
    "laget/templates/laget/_conflict.html",
    "laget/templates/403.html",
    "laget/templates/403_csrf.html",
    "laget/templates/404.html",
    "laget/templates/500.html",
    "laget/templates/503.html",
    "laget/api/error_pages.py",
    # The portal's views, forms and messages.
    "laget/portal/*.py",
    "laget/portal/views/*.py",
    # What a family member is shown of a case (labels, states, kinds) and their copy of it.
    "laget/family/access.py",
    "laget/family/choices.py",
    "laget/family/copy.py",
    "laget/family/log_labels.py",
    "laget/family/shown.py",
    "laget/family/voice.py",
    "laget/family/proposals.py",
    "laget/cases/choices.py",
    "laget/cases/statutes.py",
    # Who has read (the access log's reader labels).
    "laget/cases/access.py",
    "laget/people/models.py",
    "laget/people/interpreting.py",
    "laget/people/national_id.py",
    "laget/consent/messages.py",
    "laget/consent/models.py",
    "laget/lib/forms.py",
    # E-mails and calendar invitations.
    "laget/notify/content.py",
    "laget/notify/ics.py",
)


def is_family_source(path: str) -> bool:
    """Whether a path (relative to the project, "./" allowed) is one of the family sources."""
    relative = str(PurePosixPath(path.removeprefix("./")))
    return any(fnmatch(relative, pattern) for pattern in FAMILY_SOURCES)
