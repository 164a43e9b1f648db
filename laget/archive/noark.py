"""arkivstruktur.xml for one closed case, after the Noark 5 v5.0 schema (arkivstruktur.xsd).

The elements of each type come in the order the schema's xs:sequence gives them; a saksmappe
and a journalpost are a `mappe` and a `registrering` with xsi:type. The schema files are not
shipped with the application: the tests validate the result against
../shared/schemas/noark5-v5.0/arkivstruktur.xsd (laget/archive/tests/test_package.py).

Screening (skjerming): the whole case is exempt from public access under the duty of
confidentiality (offentleglova § 13 with forvaltningsloven § 13). The saksmappe, each
registration and each document carry a `skjerming`, and every title that names the child has
an `offentligTittel` without the name for the public journal."""

import datetime
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

NS = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ET.register_namespace("xsi", XSI)

# Code values written out as the metadata catalogue names them.
FORMAT_PDFA_2B = "fmt/477"  # PRONOM: PDF/A-2b
FORMAT_DETAILS = "PDF/A-2b (ISO 19005-2)"
CHECKSUM_ALGORITHM = "SHA256"


@dataclass(frozen=True)
class Screening:
    access_code: str  # tilgangsrestriksjon
    authority: str  # skjermingshjemmel
    metadata: Sequence[str]  # skjermingMetadata: which metadata are screened


@dataclass(frozen=True)
class DocumentEntry:
    """One PDF in the zip and what the archive records of it."""

    title: str
    public_title: str
    kind: str
    created_at: datetime.datetime
    created_by: str
    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class CaseFolder:
    """What the saksmappe says of the case."""

    title: str
    public_title: str
    year: int
    sequence: int
    case_date: datetime.date
    opened_at: datetime.datetime
    opened_by: str
    closed_at: datetime.datetime
    closed_by: str
    unit: str
    responsible: str
    parties: Sequence[tuple[str, str]]  # (name, role)
    description: str


@dataclass(frozen=True)
class Creator:
    """The archive creator (arkivskaper): the municipality."""

    id: str
    name: str


def screening() -> Screening:
    return Screening(
        access_code=settings.LAGET_ARCHIVE_ACCESS_CODE,
        authority=settings.LAGET_ARCHIVE_SCREENING_AUTHORITY,
        metadata=("tittel", "navn"),
    )


def _el(parent: ET.Element, name: str, text: object = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{NS}}}{name}", attrs)
    if text is not None:
        child.text = _text(text)
    return child


def _text(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _day(moment: datetime.datetime) -> datetime.date:
    """The date in the municipality's time zone (a journal's dates are local dates)."""
    return timezone.localdate(moment)


def _system_id(parent: ET.Element) -> None:
    _el(parent, "systemID", uuid.uuid4())


def _screening(parent: ET.Element, s: Screening, *, whole_document: bool = False) -> None:
    el = _el(parent, "skjerming")
    _el(el, "tilgangsrestriksjon", s.access_code)
    _el(el, "skjermingshjemmel", s.authority)
    for name in s.metadata:
        _el(el, "skjermingMetadata", name)
    if whole_document:
        _el(el, "skjermingDokument", "Hele dokumentet")


def _journal_entry(
    folder_el: ET.Element,
    folder: CaseFolder,
    doc: DocumentEntry,
    number: int,
    archived_at: datetime.datetime,
    s: Screening,
) -> None:
    reg = _el(folder_el, "registrering", **{f"{{{XSI}}}type": "journalpost"})
    _system_id(reg)
    _el(reg, "opprettetDato", doc.created_at)
    _el(reg, "opprettetAv", doc.created_by)
    _el(reg, "arkivertDato", archived_at)
    _el(reg, "arkivertAv", "Laget")
    _screening(reg, s)
    desc = _el(reg, "dokumentbeskrivelse")
    _system_id(desc)
    _el(desc, "dokumenttype", doc.kind)
    _el(desc, "dokumentstatus", "Dokumentet er ferdigstilt")
    _el(desc, "tittel", doc.title)
    _el(desc, "forfatter", doc.created_by)
    _el(desc, "opprettetDato", doc.created_at)
    _el(desc, "opprettetAv", doc.created_by)
    _el(desc, "tilknyttetRegistreringSom", "Hoveddokument")
    _el(desc, "dokumentnummer", 1)
    _el(desc, "tilknyttetDato", archived_at)
    _el(desc, "tilknyttetAv", "Laget")
    _screening(desc, s, whole_document=True)
    obj = _el(desc, "dokumentobjekt")
    _system_id(obj)
    _el(obj, "versjonsnummer", 1)
    _el(obj, "variantformat", "Arkivformat")
    _el(obj, "format", FORMAT_PDFA_2B)
    _el(obj, "formatDetaljer", FORMAT_DETAILS)
    _el(obj, "opprettetDato", archived_at)
    _el(obj, "opprettetAv", "Laget")
    _el(obj, "referanseDokumentfil", doc.path)
    _el(obj, "sjekksum", doc.sha256)
    _el(obj, "sjekksumAlgoritme", CHECKSUM_ALGORITHM)
    _el(obj, "filstoerrelse", doc.size)
    _el(reg, "registreringsID", f"{folder.year}/{folder.sequence}-{number}")
    _el(reg, "tittel", doc.title)
    _el(reg, "offentligTittel", doc.public_title)
    _el(reg, "forfatter", doc.created_by)
    # journalpost
    _el(reg, "journalaar", _day(doc.created_at).year)
    _el(reg, "journalsekvensnummer", number)
    _el(reg, "journalpostnummer", number)
    _el(reg, "journalposttype", "Organinternt dokument uten oppfølging")
    _el(reg, "journalstatus", "Arkivert")
    _el(reg, "journaldato", _day(archived_at))
    _el(reg, "dokumentetsDato", _day(doc.created_at))
    _el(reg, "offentlighetsvurdertDato", _day(archived_at))


def arkivstruktur(
    *,
    creator: Creator,
    folder: CaseFolder,
    docs: Sequence[DocumentEntry],
    archived_at: datetime.datetime,
) -> bytes:
    """The XML document, UTF-8 with its declaration."""
    s = screening()
    root = ET.Element(f"{{{NS}}}arkiv")
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} arkivstruktur.xsd")
    _system_id(root)
    _el(root, "tittel", f"Laget – stafettlogger, {creator.name}")
    _el(root, "arkivstatus", "Avsluttet")
    _el(root, "dokumentmedium", "Elektronisk arkiv")
    _el(root, "opprettetDato", archived_at)
    _el(root, "opprettetAv", "Laget")
    _el(root, "avsluttetDato", archived_at)
    _el(root, "avsluttetAv", "Laget")
    owner = _el(root, "arkivskaper")
    _el(owner, "arkivskaperID", creator.id)
    _el(owner, "arkivskaperNavn", creator.name)

    part = _el(root, "arkivdel")
    _system_id(part)
    _el(part, "tittel", "Stafettlogger")
    _el(part, "arkivdelstatus", "Avsluttet periode")
    _el(part, "dokumentmedium", "Elektronisk arkiv")
    _el(part, "opprettetDato", archived_at)
    _el(part, "opprettetAv", "Laget")
    _el(part, "avsluttetDato", archived_at)
    _el(part, "avsluttetAv", "Laget")

    mappe = _el(part, "mappe", **{f"{{{XSI}}}type": "saksmappe"})
    _system_id(mappe)
    _el(mappe, "mappeID", f"{folder.year}/{folder.sequence}")
    _el(mappe, "tittel", folder.title)
    _el(mappe, "offentligTittel", folder.public_title)
    _el(mappe, "beskrivelse", folder.description)
    _el(mappe, "dokumentmedium", "Elektronisk arkiv")
    _el(mappe, "opprettetDato", folder.opened_at)
    _el(mappe, "opprettetAv", folder.opened_by)
    _el(mappe, "avsluttetDato", folder.closed_at)
    _el(mappe, "avsluttetAv", folder.closed_by)
    for name, role in folder.parties:
        p = _el(mappe, "part")
        _el(p, "partNavn", name)
        _el(p, "partRolle", role)
    _screening(mappe, s)
    for number, doc in enumerate(docs, start=1):
        _journal_entry(mappe, folder, doc, number, archived_at, s)
    # saksmappe
    _el(mappe, "saksaar", folder.year)
    _el(mappe, "sakssekvensnummer", folder.sequence)
    _el(mappe, "saksdato", folder.case_date)
    _el(mappe, "administrativEnhet", folder.unit)
    _el(mappe, "saksansvarlig", folder.responsible)
    _el(mappe, "saksstatus", "Avsluttet")

    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=NS)
    return body
