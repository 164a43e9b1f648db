"""What the client reads out of the register's answers, for each fictional family: the facts
issue 18's later parts build on."""

import datetime

import pytest

from laget.folkeregister.counterpart.population import build_world
from laget.folkeregister.errors import PersonNotFound
from laget.folkeregister.facts import FAMILY_PARTS, PARTS, IdKind, Protection, Responsibility
from laget.folkeregister.tests.conftest import Counterpart, MakeClient, Recorder

WORLD = build_world()
ID = {key: person.id for key, person in WORLD.people.items()}
WITH_HISTORY = ["historikk", *FAMILY_PARTS]
META = ("ajourholdstidspunkt", "erGjeldende", "kilde", "gyldighetstidspunkt")
D = datetime.date


def test_two_guardians_with_joint_responsibility_and_shared_residence(
    make_client: MakeClient,
) -> None:
    ylva = make_client().person(ID["ylva"], parts=FAMILY_PARTS)
    assert str(ylva.name) == "Ylva Strandvik Haug"
    assert ylva.birth_date == D(2016, 3, 14)
    assert {(h.holder_id, h.responsibility) for h in ylva.holders()} == {
        (ID["strandvik-mor"], Responsibility.JOINT),
        (ID["haug-far"], Responsibility.JOINT),
    }
    assert ylva.protection is Protection.NONE
    assert [(s.start, s.municipality, s.protection) for s in ylva.shared_residence] == [
        (D(2021, 8, 1), "3301", Protection.NONE)
    ]
    assert ylva.municipality == "3301"
    assert {(r.role, r.person_id) for r in ylva.relatives} == {
        ("MOR", ID["strandvik-mor"]),
        ("FAR", ID["haug-far"]),
    }


def test_a_strictly_protected_child_comes_with_the_grade_and_no_place(
    make_client: MakeClient,
) -> None:
    client = make_client()
    lotte = client.person(ID["lotte"], parts=WITH_HISTORY)
    assert lotte.protection is Protection.STRICTLY_CONFIDENTIAL
    assert lotte.municipality is None and lotte.moved_in is None
    assert [(h.holder_id, h.responsibility) for h in lotte.holders()] == [
        (ID["vik-mor"], Responsibility.MOTHER)
    ]


def test_no_answer_holds_a_strictly_protected_address(make_client: MakeClient) -> None:
    """Whatever is asked, of whom: the protected family's street, postcode and municipality
    never leave the counterpart; their address entries carry the grade and nothing else."""
    recorder = Recorder()
    client = make_client()
    client.http.event_hooks["response"].append(recorder.response)
    client.persons(sorted(ID.values()), parts=sorted(PARTS))
    for key in ("lotte", "vik-mor"):
        for part in sorted(PARTS):
            client.person(ID[key], parts=[part, "historikk"])
    answers = [answer for _, answer in recorder.register_exchanges()]
    assert len(answers) == 1 + 2 * len(PARTS)
    for answer in answers:
        assert "Skjermveien" not in answer.text and '"0001"' not in answer.text
    protected = [a.json() for a in answers[1:]]
    protected += [
        e["folkeregisterperson"]
        for e in answers[0].json()["oppslag"]
        if e["foedselsEllerDNummer"] in (ID["lotte"], ID["vik-mor"])
    ]
    homes = [home for doc in protected for home in doc.get("bostedsadresse", [])]
    assert homes
    assert {key for home in homes for key in home} == set(META) | {"adressegradering"}
    assert {home["adressegradering"] for home in homes} == {"STRENGT_FORTROLIG"}


def test_a_confidential_address_is_given_with_its_grade(make_client: MakeClient) -> None:
    sindre = make_client().person(ID["sindre"], parts=FAMILY_PARTS)
    assert sindre.protection is Protection.CONFIDENTIAL
    assert sindre.municipality == "5001"


def test_a_death_and_the_change_of_responsibility(make_client: MakeClient) -> None:
    client = make_client()
    kari = client.person(ID["saether-mor"], parts=FAMILY_PARTS)
    assert kari.dead and kari.death_date == D(2026, 11, 2) and kari.status == "DOED"
    mathilde = client.person(ID["mathilde"], parts=WITH_HISTORY)
    assert [(h.holder_id, h.responsibility) for h in mathilde.holders()] == [
        (ID["vestli-far"], Responsibility.FATHER)
    ]
    ended = [h for h in mathilde.parental_responsibility if not h.current]
    assert {(h.holder_id, h.ended) for h in ended} == {
        (ID["saether-mor"], D(2026, 11, 2)),
        (ID["vestli-far"], D(2026, 11, 2)),
    }


def test_a_replaced_d_number_finds_the_child_under_its_national_id(make_client: MakeClient) -> None:
    amir_then = WORLD.people["amir"].ids[0].value
    client = make_client()
    amir = client.person(amir_then, parts=["historikk", "navn"])
    assert amir.id == ID["amir"] != amir_then
    assert not amir.is_d_number
    assert amir.previous_ids == (amir_then,)
    assert [(i.kind, i.in_use) for i in amir.identifiers] == [
        (IdKind.D_NUMBER, False),
        (IdKind.NATIONAL_ID, True),
    ]
    # Without "historikk" only the identifier in use comes back.
    assert client.person(amir_then, parts=["navn"]).previous_ids == ()


def test_a_d_number_guardian_and_a_child_without_a_norwegian_id(make_client: MakeClient) -> None:
    leila = make_client().person(ID["haddad-mor"], parts=FAMILY_PARTS)
    assert leila.is_d_number
    assert leila.immigration_ids == ("999912340001",)
    unregistered = [r for r in leila.relatives if r.person_id is None]
    assert [(r.role, str(r.name), r.birth_date) for r in unregistered] == [
        ("BARN", "Yasmin Haddad", D(2022, 4, 11))
    ]
    assert {
        (c.child_id, str(c.child_name) if c.child_name else None) for c in leila.responsibility_for
    } == {
        (ID["amir"], None),
        (None, "Yasmin Haddad"),
    }


def test_the_sami_language_and_a_move_to_another_municipality(make_client: MakeClient) -> None:
    niillas = make_client().person(ID["niillas"], parts=FAMILY_PARTS)
    assert niillas.sami_languages == ("NORDSAMISK",)
    assert niillas.municipality == "1806" and niillas.moved_in == D(2026, 11, 20)


def test_bulk_lookup_answers_each_and_none_for_the_unknown(make_client: MakeClient) -> None:
    found = make_client().persons([ID["ylva"], "01018000000", ID["lotte"]], parts=["navn"])
    assert list(found) == [ID["ylva"], "01018000000", ID["lotte"]]
    assert found["01018000000"] is None
    ylva = found[ID["ylva"]]
    assert ylva is not None and ylva.name is not None


def test_an_unknown_person_is_not_found(make_client: MakeClient) -> None:
    with pytest.raises(PersonNotFound):
        make_client().person("01018000000", parts=["navn"])


def test_only_the_parts_asked_for_are_asked_and_answered(make_client: MakeClient) -> None:
    recorder = Recorder()
    client = make_client()
    client.http.event_hooks["response"].append(recorder.response)
    person = client.person(ID["ylva"], parts=["navn", "foreldreansvar"])
    ((request, answer),) = recorder.register_exchanges()
    assert request.url.params.get_list("part") == ["navn", "foreldreansvar"]
    assert set(answer.json()) == {"identifikasjonsnummer", "navn", "foreldreansvar"}
    assert person.asked == {"navn", "foreldreansvar"}
    assert person.municipality is None and person.shared_residence == ()
    assert person.protection is None  # not asked: unknown, not "unprotected"
    client.persons([ID["ylva"], ID["lotte"]], parts=["doedsfall"])
    request, answer = recorder.register_exchanges()[-1]
    assert request.url.params.get_list("part") == ["doedsfall"]
    assert {key for entry in answer.json()["oppslag"] for key in entry["folkeregisterperson"]} == {
        "identifikasjonsnummer"
    }


def test_the_caller_must_name_the_parts(make_client: MakeClient) -> None:
    client = make_client()
    with pytest.raises(ValueError, match="name the parts"):
        client.person(ID["ylva"], parts=[])
    with pytest.raises(ValueError, match="unknown register parts: adresse"):
        client.person(ID["ylva"], parts=["adresse"])


def test_the_feed_from_a_sequence_number(make_client: MakeClient, counterpart: Counterpart) -> None:
    client = make_client()
    events = client.feed(4)
    assert [(e.sequence, e.kind) for e in events] == [
        (4, "PERSON_ER_DOED"),
        (5, "ENDRING_I_FORELDREANSVAR"),
        (6, "ENDRING_I_BOSTEDSADRESSE"),
        (7, "ENDRING_I_BOSTEDSADRESSE"),
    ]
    assert events[0].person_id == ID["saether-mor"]
    assert client.latest_sequence() == 7
    assert client.feed(8) == []


def test_the_feed_grows_as_the_register_changes(
    make_client: MakeClient, counterpart: Counterpart
) -> None:
    counterpart.post("reset")
    counterpart.post("advance", steps=-7)
    client = make_client()
    assert client.latest_sequence() == 0 and client.feed(1) == []
    amir_d_number = WORLD.people["amir"].ids[0].value
    assert client.person(amir_d_number, parts=["navn"]).is_d_number
    counterpart.post("advance", steps=1)
    (event,) = client.feed(1)
    assert (event.sequence, event.kind, event.person_id) == (
        1,
        "ENDRING_I_IDENTIFIKASJONSNUMMER",
        amir_d_number,
    )
    assert client.person(amir_d_number, parts=["navn"]).id == ID["amir"]
