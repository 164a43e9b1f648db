"""The two ways Laget uses the client: on a page a stafettholder waits for (short limits, few
attempts: better to say "try later" than to hang), and in the feed job (the settings' limits)."""

import dataclasses

from django.conf import settings

from laget.folkeregister.client import RegisterClient, RegisterConfig


def register_configured() -> bool:
    """Laget asks the register only where the municipality has connected it."""
    return bool(settings.LAGET_FOLKEREGISTER_URL)


def page_client() -> RegisterClient:
    config = RegisterConfig.from_settings()
    return RegisterClient(
        dataclasses.replace(
            config,
            read_timeout=min(config.read_timeout, settings.LAGET_FOLKEREGISTER_PAGE_READ_TIMEOUT),
            max_attempts=min(config.max_attempts, settings.LAGET_FOLKEREGISTER_PAGE_MAX_ATTEMPTS),
            backoff_cap=min(config.backoff_cap, 1.0),
        )
    )


def job_client() -> RegisterClient:
    return RegisterClient.from_settings()
