"""The package a closed case gets: valid Noark 5 v5.0, PDF/A-2b documents, screening marked.

The package is made once for the module (making the PDFs takes seconds): world.case filled,
closed through the service and packed by the archive's service, inside the module's
transaction. How a close reaches the worker is in test_produce.py."""

import hashlib
import io
import xml.etree.ElementTree as ET

import pytest
import xmlschema
from pypdf import PdfReader

from laget.archive.models import ArchivePackage
from laget.archive.noark import NS
from laget.archive.services import archive_package_produce
from laget.archive.tests.conftest import (
    CHILD_VIEW,
    GUARDIAN,
    MINUTES,
    SCHEMA,
    fill,
    raw_content,
    unzip,
)
from laget.cases.access import Need, case_for
from laget.cases.services.lifecycle import case_close
from laget.orgs.actors import actor_for
from laget.testing.pdfa import pdfa_problems
from laget.testing.world import World

pytestmark = pytest.mark.django_db

N = {"n": NS}
CHILD = "Emil Fjeldsrud"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMA))


@pytest.fixture(scope="module")
def package(world: World, django_db_blocker: object) -> ArchivePackage:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        case = fill(world)
        holder = world.users["stafettholder"]
        access = case_for(holder, case.pk, need=Need.COORDINATE, audit=False)
        case_close(actor=actor_for(holder), access=access, reason="Tiltakene har virket.")
        made = archive_package_produce(case_id=case.pk)
    assert made is not None
    return made


def structure(package: ArchivePackage) -> ET.Element:
    return ET.fromstring(unzip(package.data)["arkivstruktur.xml"])


def test_the_structure_is_valid_noark5(
    package: ArchivePackage, schema: xmlschema.XMLSchema
) -> None:
    xml = unzip(package.data)["arkivstruktur.xml"]
    schema.validate(xml.decode())


def test_one_saksmappe_with_a_journalpost_per_document(package: ArchivePackage) -> None:
    files = unzip(package.data)
    root = structure(package)
    folders = root.findall("n:arkivdel/n:mappe", N)
    assert len(folders) == 1
    folder = folders[0]
    assert folder.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "saksmappe"
    assert folder.findtext("n:mappeID", namespaces=N) == package.reference
    assert folder.findtext("n:saksstatus", namespaces=N) == "Avsluttet"
    assert folder.findtext("n:administrativEnhet", namespaces=N) == "Solstrålen barnehage"
    assert folder.findtext("n:saksansvarlig", namespaces=N) == "Kari Lundberg"
    registrations = folder.findall("n:registrering", N)
    pdfs = sorted(name for name in files if name.endswith(".pdf"))
    # The log, the filled worry scale, the meeting's minutes.
    assert len(pdfs) == len(registrations) == 3
    for reg in registrations:
        obj = reg.find("n:dokumentbeskrivelse/n:dokumentobjekt", N)
        assert obj is not None
        path = obj.findtext("n:referanseDokumentfil", namespaces=N)
        assert path in files
        data = files[path]
        assert obj.findtext("n:sjekksum", namespaces=N) == hashlib.sha256(data).hexdigest()
        assert obj.findtext("n:sjekksumAlgoritme", namespaces=N) == "SHA256"
        assert obj.findtext("n:filstoerrelse", namespaces=N) == str(len(data))
        assert obj.findtext("n:format", namespaces=N) == "fmt/477"


def test_every_document_is_pdfa_2b(package: ArchivePackage) -> None:
    files = unzip(package.data)
    for name, data in files.items():
        if name.endswith(".pdf"):
            assert pdfa_problems(data) == [], name


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_documents_hold_the_whole_log(package: ArchivePackage) -> None:
    files = unzip(package.data)
    text = pdf_text(files["dokumenter/01-stafettlogg.pdf"])
    for expected in (
        "Fast voksen ved levering",  # the measure
        "Roligere morgener",  # its evaluation
        "Lo høyt i sandkassa",  # an entry
        "Per Nystad",  # a participant
        "Trenger helsestasjonen med.",  # a level decision
        "Tiltakene har virket.",  # the reason for closing
    ):
        assert expected in text, expected
    # In the order they happened: the meeting (a week ago), then the worry scale (today).
    assert "Bekymringsskala" in pdf_text(files["dokumenter/03-verktoy.pdf"])
    minutes = pdf_text(files["dokumenter/02-referat.pdf"])
    assert MINUTES in minutes and CHILD_VIEW in minutes


def test_screening_is_marked_and_public_titles_do_not_name_the_child(
    package: ArchivePackage, world: World
) -> None:
    folder = structure(package).find("n:arkivdel/n:mappe", N)
    assert folder is not None
    screened = [folder, *folder.findall("n:registrering", N)]
    screened += folder.findall("n:registrering/n:dokumentbeskrivelse", N)
    for el in screened:
        s = el.find("n:skjerming", N)
        assert s is not None
        assert s.findtext("n:tilgangsrestriksjon", namespaces=N) == "13"
        assert s.findtext("n:skjermingshjemmel", namespaces=N) == "Offl. § 13, jf. fvl. § 13"
        assert [m.text for m in s.findall("n:skjermingMetadata", N)] == ["tittel", "navn"]
    for el in [folder, *folder.findall("n:registrering", N)]:
        assert CHILD in (el.findtext("n:tittel", namespaces=N) or "")
        public = el.findtext("n:offentligTittel", namespaces=N) or ""
        assert public and "Emil" not in public and "Fjeldsrud" not in public
    parties = {p.findtext("n:partNavn", namespaces=N) for p in folder.findall("n:part", N)}
    guardians = {g.name for g in world.case.subject.guardians.all()}  # type: ignore[union-attr]
    assert GUARDIAN in guardians
    assert parties == {CHILD, *guardians}


def test_the_package_is_encrypted_at_rest(package: ArchivePackage) -> None:
    stored = raw_content(package)
    assert stored.startswith("gAAAA")  # a Fernet token
    assert package.sha256 == hashlib.sha256(package.data).hexdigest()
    assert package.size == len(package.data)


def test_file_names_and_reference_carry_no_personal_data(
    package: ArchivePackage, world: World
) -> None:
    names = [package.filename, package.reference, *unzip(package.data)]
    for name in names:
        for secret in ("Emil", "Fjeldsrud", "Ragnhild", "Gutt"):
            assert secret not in name
    assert (
        package.filename
        == f"laget-arkiv-{world.municipality.number}-{package.reference.replace('/', '-')}.zip"
    )
