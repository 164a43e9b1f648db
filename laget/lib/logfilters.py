"""Filters for the LOGGING setting (laget/settings.py)."""

import logging


class NoTracebackBelow500(logging.Filter):
    """Keeps Django's request log line for a 4xx answer, without the exception's traceback.

    Django logs a refused request (PermissionDenied: 403) as a warning with the exception
    attached, so every refusal printed a traceback as if something had broken. A refusal is
    the access rules working; the line "Forbidden (Permission denied): /path" says enough.
    Errors (5xx) keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
