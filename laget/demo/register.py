"""The demo's population register: the counterpart's fictional people and the story families.

`./dev demo` writes the demo's story families to a file (`manage.py demo_population`, from
laget/demo/population.py), starts the counterpart (laget/folkeregister/counterpart) with it
(`--population`) beside the server and the worker, and hands all three its
LAGET_FOLKEREGISTER_* settings. Without a configured register (seed_demo run on its own, the
demo's tests) the same counterpart, with the same families, runs inside this process on a free
loopback port for the seeding only: the demo's tests need no process of their own.

While the stories run, each story's stafettholder identifies its child through the register
(Story.identify_from_register). Then, here, the demo's stafettholders identify five children
of the counterpart's own families, of the kinds the register has (two guardians with shared
residence, a confidential address in the feed, a death and ended responsibility, a D-number,
Sami and a move), and the feed job applies the register's scripted changes, so that the case
pages show what changed. Lotte Vik (strictly protected) is left for the lookup page.
"""

import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.register_feed import follow
from laget.cases.services.lifecycle import case_open, provisional_label
from laget.cases.services.register import case_identify_from_register, register_proposal
from laget.demo.town import Town
from laget.folkeregister.client import RegisterClient, RegisterConfig
from laget.folkeregister.connect import job_client, register_configured
from laget.folkeregister.counterpart.keys import make_key_pair
from laget.folkeregister.counterpart.population import CHANGES, build_world
from laget.folkeregister.counterpart.server import (
    BASE_PATH,
    TOKEN_PATH,
    CounterpartServer,
    Options,
    State,
)
from laget.folkeregister.models import FeedPosition
from laget.orgs.actors import actor_for

# (the child in the counterpart, the stafettholder who opens the case, the worry). The demo's
# strictly protected family is Mikkel's (stories/families.py); Lotte Vik is found on the lookup
# page.
FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("ylva", "helene", "Ylva er sliten på mandager og sier lite om helgene."),
    ("sindre", "marte", "Sindre har hatt mye fravær i høst og vil ikke si hvorfor."),
    ("mathilde", "helene", "Mathilde gråter ofte i friminuttene."),
    ("amir", "hanne", "Amir snakker lite på skolestartsamtalen og virker utrygg."),
    ("niillas", "marte", "Niillas savner samisk i skolehverdagen."),
)
CLIENT_ID = "laget-demo"
# For the demo's login list.
REGISTER_LOGIN = (
    "helene",
    "the families come from the population register's stand-in; Ylva (shared residence) and "
    "Mathilde (a death and ended responsibility in its feed) show what it changes; on an "
    "unidentified case, «Hent barnet fra Folkeregisteret» (docs/FOLKEREGISTERET.md lists the "
    "stand-in's people)",
)


class MissingFamilies(Exception):
    """The configured register does not know the demo's story families."""

    def __str__(self) -> str:
        return (
            "the population register at LAGET_FOLKEREGISTER_URL does not know the demo's "
            "families: start its stand-in with --population (manage.py demo_population "
            "writes the file; ./dev demo does both)"
        )


@contextmanager
def demo_register(population: dict[str, Any]) -> Iterator[tuple[RegisterClient, str]]:
    """A client of the configured counterpart, or of one started here with the `population`
    document beside its own people; and its origin (for the control door that makes the
    scripted changes)."""
    if register_configured():
        with job_client() as client:
            yield client, client.config.base_url.removesuffix(BASE_PATH)
        return
    key_pem, certificate_pem = make_key_pair()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    origin = f"http://127.0.0.1:{port}"
    options = Options(
        certificate_pem=certificate_pem,
        client_id=CLIENT_ID,
        audience=f"{origin}/",
        extra=population,
    )
    server = CounterpartServer(("127.0.0.1", port), State(options))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            key = Path(folder) / "key.pem"
            key.write_bytes(key_pem)
            config = RegisterConfig(
                base_url=origin + BASE_PATH,
                token_url=origin + TOKEN_PATH,
                client_id=CLIENT_ID,
                audience=f"{origin}/",
                scope="folkeregister:deling/offentligmedhjemmel",
                key_path=str(key),
            )
            with RegisterClient(config) as client:
                yield client, origin
    finally:
        server.shutdown()
        server.server_close()


def _advance(origin: str, steps: int) -> None:
    httpx.post(f"{origin}/_control/advance", json={"steps": steps}, timeout=10).raise_for_status()


def seed_register_families(town: Town, register: RegisterClient, origin: str) -> None:
    """Identify the counterpart's families through the register as it was, then follow its
    feed."""
    people = build_world(0).people
    _advance(origin, -len(CHANGES))  # the register before its changes
    try:
        for child, holder, worry in FAMILIES:
            user = town.users[holder]
            actor = actor_for(user, Via.SYSTEM)
            case = case_open(
                actor=actor,
                user=user,
                unit_id=town.units[town.home[holder]].pk,
                label=provisional_label(),
                level=1,
                reason=worry,
                observation=worry,
            )
            access = case_for(user, case.pk, need=Need.COORDINATE, audit=False)
            national_id = people[child].id
            proposal = register_proposal(
                actor=actor, access=access, national_id=national_id, register=register
            )
            case_identify_from_register(
                actor=actor,
                access=access,
                national_id=national_id,
                chosen={m.key for m in proposal.members},
                register=register,
            )
        FeedPosition.objects.update_or_create(pk=FeedPosition.ONE, defaults={"last_sequence": 0})
    finally:
        _advance(origin, len(CHANGES))  # and as it is now
    follow(register)
