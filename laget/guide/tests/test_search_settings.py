"""The municipality's settings for its public guide: the search's synonyms and the channel
for a concern to child welfare. Its coordinator and admin edit them (403 for everyone else),
every change is audited, and the public guide links the channel from each step that says
"report a concern"."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.audit.models import AuditAction, AuditEvent
from laget.guide.concern import concern_channel, concern_channel_update
from laget.guide.models import GuideSettings, GuideVersion, SearchSynonym
from laget.guide.services import guide_publish
from laget.guide.starter import install_starter_guide
from laget.guide.synonyms import (
    DEFAULT_SYNONYMS,
    MSG_LINE,
    MSG_REPEATED,
    parse,
    synonyms_of,
)
from laget.orgs.models import Membership, Municipality, Role
from laget.testing.world import ROLES, World, make_user

pytestmark = pytest.mark.django_db

EDITORS = {"coordinator", "admin"}
SYNONYMS = reverse("guide:synonyms")
RESET = reverse("guide:synonyms_reset")
CONCERN = reverse("guide:concern")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def audited(object_type: str) -> int:
    return AuditEvent.objects.filter(object_type=object_type, action=AuditAction.UPDATE).count()


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url", "method", "data"),
    [
        (SYNONYMS, "get", {}),
        (SYNONYMS, "post", {"lines": "nattevåk: søvn"}),
        (RESET, "post", {}),
        (CONCERN, "get", {}),
        (CONCERN, "post", {"concern_phone": "12 34 56 78"}),
    ],
)
def test_only_the_municipalitys_coordinator_and_admin_edit_the_public_guides_settings(
    world: World, role: str, url: str, method: str, data: dict[str, str]
) -> None:
    response = getattr(client_for(world.user(role)), method)(url, data)
    if role == "anonymous":
        assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    elif role in EDITORS:
        assert response.status_code == (200 if method == "get" else 302)
    else:
        assert response.status_code == 403
    if role not in EDITORS:
        assert not GuideSettings.objects.exists()
        assert not SearchSynonym.objects.exists()


def test_an_editor_of_another_municipality_changes_only_their_own(world: World) -> None:
    elsewhere = Municipality.objects.create(name="Annenby", number="9974")
    stranger = make_user("bo", "Bo", "Annensen")
    Membership.objects.create(user=stranger, municipality=elsewhere, role=Role.COORDINATOR)
    client_for(stranger).post(SYNONYMS, {"lines": "nattevåk: søvn"})
    assert synonyms_of(world.municipality) == DEFAULT_SYNONYMS
    assert synonyms_of(elsewhere) == [("nattevåk", ["søvn"])]


# --- synonyms ---------------------------------------------------------------------------------


def test_the_page_starts_from_lagets_defaults_and_saves_the_municipalitys_own(
    world: World,
) -> None:
    client = client_for(world.users["coordinator"])
    page = client.get(SYNONYMS).content.decode()
    assert "mobbing: mobbet, mobbes, erting, utestengning" in page
    assert "standardliste" in page
    before = audited("search_synonyms")
    response = client.post(SYNONYMS, {"lines": "Mobbing: erting,  Utestengning\n\nBVT: barnevern"})
    assert response.status_code == 302
    assert synonyms_of(world.municipality) == [
        ("bvt", ["barnevern"]),
        ("mobbing", ["erting", "utestengning"]),
    ]
    assert audited("search_synonyms") == before + 1
    client.post(RESET)
    assert synonyms_of(world.municipality) == DEFAULT_SYNONYMS
    assert audited("search_synonyms") == before + 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mobbing erting", MSG_LINE % {"n": 1}),
        ("\nmobbing:", MSG_LINE % {"n": 2}),
        ("mobbing: erting\nMobbing: plaging", MSG_REPEATED % {"n": 2, "word": "mobbing"}),
    ],
)
def test_a_line_that_is_not_a_synonym_is_named_on_the_field(
    world: World, text: str, message: str
) -> None:
    response = client_for(world.users["admin"]).post(SYNONYMS, {"lines": text})
    assert response.status_code == 200
    assert response.context["form"].errors["lines"] == [message]
    assert not SearchSynonym.objects.exists()


def test_parse_keeps_phrases_and_drops_repeats() -> None:
    assert parse("Sover  dårlig: søvn, Søvn, sover dårlig, søvnvansker") == [
        ("sover dårlig", ["søvn", "søvnvansker"])
    ]


# --- the channel for a concern ----------------------------------------------------------------


def test_the_channel_is_saved_and_audited(world: World) -> None:
    client = client_for(world.users["admin"])
    assert concern_channel(world.municipality) is None
    response = client.post(
        CONCERN,
        {
            "concern_url": "https://fjordvik.example/bekymringsmelding",
            "concern_phone": "+47 12 34 56 78",
            "concern_note": "Hverdager 8–15. Etter kontortid: barnevernvakten.",
        },
    )
    assert response.status_code == 302
    channel = concern_channel(world.municipality)
    assert channel is not None
    assert channel.concern_tel == "+4712345678"
    assert audited("concern_channel") == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("concern_url", "ikke en lenke"), ("concern_phone", "ring meg"), ("concern_phone", "12")],
)
def test_a_bad_link_or_phone_is_named_on_its_field(world: World, field: str, value: str) -> None:
    response = client_for(world.users["coordinator"]).post(CONCERN, {field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert concern_channel(world.municipality) is None


@pytest.fixture
def published(world: World) -> GuideVersion:
    admin = world.users["admin"]
    return guide_publish(by=admin, version=install_starter_guide(world.municipality, admin))


def _first_step_html(world: World) -> str:
    cache.clear()
    url = reverse("public:step", args=[world.municipality.number, 0, "undring-oppstar"])
    return Client().get(url).content.decode()


def test_report_a_concern_on_a_public_step_links_the_municipalitys_channel(
    world: World, published: GuideVersion
) -> None:
    # Without a channel: the way to child welfare in the municipality's directory.
    html = _first_step_html(world)
    directory = reverse("directory:public_list", args=[world.municipality.number])
    assert f'href="{directory}?q=barnevern"' in html
    concern_channel_update(
        by=world.users["coordinator"],
        municipality=world.municipality,
        concern_url="https://fjordvik.example/bekymringsmelding",
        concern_phone="12 34 56 78",
    )
    html = _first_step_html(world)
    assert '<a href="https://fjordvik.example/bekymringsmelding"' in html
    assert "Meld bekymring til barnevernet</a>" in html
    assert '<a href="tel:12345678">12 34 56 78</a>' in html
