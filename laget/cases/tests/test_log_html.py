"""The case page's log (cases.log_html): escaped text, line breaks, the correction link for
the author only."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Audience, EntryKind
from laget.cases.services.entries import entry_create
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def test_the_log_escapes_text_keeps_line_breaks_and_offers_correction_to_the_author(
    world: World, client_for: Callable[[str], Client]
) -> None:
    holder = world.users["stafettholder"]
    access = case_for(holder, world.case.pk, need=Need.WRITE, audit=False)
    entry = entry_create(
        actor=actor_for(holder, Via.WEB),
        access=access,
        kind=EntryKind.NOTE,
        text="<b>Første</b> linje\nAndre linje",
        audience=Audience.ALL,
    )
    page = reverse("cases:case_detail", args=[world.case.pk])
    correct = reverse("cases:entry_update", args=[world.case.pk, entry.pk])

    html = client_for("stafettholder").get(page).content.decode()
    assert "<p>&lt;b&gt;Første&lt;/b&gt; linje<br>Andre linje</p>" in html
    assert f'<a href="{correct}">Rett' in html

    other = client_for("participant").get(page).content.decode()
    assert "&lt;b&gt;Første&lt;/b&gt; linje" in other
    assert correct not in other
