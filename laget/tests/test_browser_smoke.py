"""Checks that the shared browser fixtures work: headless Chromium against the live server."""

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_reaches_live_server(live_server, page) -> None:
    response = page.goto(live_server.url + "/static-smoke-does-not-exist")
    assert response is not None
    assert response.status == 404
    assert page.viewport_size == {"width": 360, "height": 800}
