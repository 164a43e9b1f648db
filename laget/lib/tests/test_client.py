"""The client's address: the socket's, or the one the configured number of proxies reports."""

import pytest
from django.test import RequestFactory, override_settings

from laget.lib.client import client_address


def address(forwarded: str | None, proxies: int) -> str:
    extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", **extra)
    with override_settings(LAGET_TRUSTED_PROXIES=proxies):
        return client_address(request)


def test_without_trusted_proxies_a_forwarded_for_is_never_read() -> None:
    assert address("203.0.113.9", 0) == "10.0.0.5"


@pytest.mark.parametrize(
    ("forwarded", "proxies", "want"),
    [
        # One proxy (nginx) appends the address it was reached from: the last entry.
        ("203.0.113.9", 1, "203.0.113.9"),
        # What the client wrote itself stands left of it and is ignored.
        ("198.51.100.1, 203.0.113.9", 1, "203.0.113.9"),
        # Two proxies: the entry the outer one wrote.
        ("198.51.100.1, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"),
        # Fewer entries than proxies: the leftmost, still written by a trusted proxy.
        ("203.0.113.9", 3, "203.0.113.9"),
        ("2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_with_proxies_the_nth_entry_from_the_right(forwarded: str, proxies: int, want: str) -> None:
    assert address(forwarded, proxies) == want


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address"])
def test_no_usable_entry_falls_back_to_the_socket(forwarded: str | None) -> None:
    assert address(forwarded, 1) == "10.0.0.5"
