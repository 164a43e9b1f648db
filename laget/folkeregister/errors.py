"""What can go wrong when Laget asks the register. No message carries an identifier or a name:
exceptions end up in logs."""


class RegisterError(Exception):
    """Base of the register client's errors."""


class RegisterDataError(RegisterError, ValueError):
    """The register answered with something that cannot be read as the schema describes."""


class RegisterUnavailable(RegisterError):
    """The register did not answer usefully after the retries: too many requests (429), a
    server error (5xx), a timeout or no connection. Try again later; nothing was read."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"the population register is unavailable ({kind}: {reason})")
        self.kind = kind
        self.reason = reason


class PersonNotFound(RegisterError, LookupError):
    """The register knows no person by that identifier (404)."""


class RegisterRefused(RegisterError):
    """The register or its token service refused the request (a 4xx other than 404 and 429):
    a wrong configuration, a missing right or a bad request. Not retried."""

    def __init__(self, kind: str, status: int, detail: str = "") -> None:
        super().__init__(
            f"the population register refused {kind} (HTTP {status})"
            + (f": {detail}" if detail else "")
        )
        self.kind = kind
        self.status = status
        self.detail = detail
