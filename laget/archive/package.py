"""The archive package of one closed case: a zip of arkivstruktur.xml and the documents."""

import hashlib
import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from laget.archive.documents import documents
from laget.archive.noark import CaseFolder, Creator, DocumentEntry, arkivstruktur
from laget.cases.choices import ParticipantRole
from laget.cases.models import Case
from laget.people.models import FamilyRole

STRUCTURE = "arkivstruktur.xml"
# A fixed time for the zip entries: the same documents give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def reference(case: Case) -> str:
    """The case's number in the archive: the year it was opened and its id."""
    return f"{timezone.localdate(case.opened_at).year}/{case.pk}"


def case_title(case: Case) -> str:
    """What the archive calls the case (screened: not in the public journal)."""
    return case.subject.full_name if case.subject is not None else case.label


def parties(case: Case) -> list[tuple[str, str]]:
    if case.subject is None:
        return []
    found = [(case.subject.full_name, str(case.subject.get_kind_display()))]
    for g in case.subject.guardians.order_by("pk"):
        role = g.get_role_display() if g.role else str(FamilyRole.GUARDIAN.label)
        found.append((g.name, str(role)))
    return [(name, role) for name, role in found if name and role]


def responsible(case: Case) -> str:
    """The last stafettholder (whoever closed the case, if the case never had one)."""
    holder = (
        case.participants.filter(role=ParticipantRole.STAFETTHOLDER, user__isnull=False)
        .select_related("user")
        .order_by("-joined_at", "-pk")
        .first()
    )
    if holder is not None and holder.user is not None:
        return holder.user.display_name
    return case.closed_by.display_name if case.closed_by is not None else case.unit.name


def build(case: Case) -> bytes:
    """The zip's bytes. The case must be closed."""
    assert case.closed_at is not None
    now = timezone.now()
    title = case_title(case)
    docs = list(documents(case, title))
    entries = [
        DocumentEntry(
            title=d.title,
            public_title=d.public_title,
            kind=d.kind,
            created_at=d.created_at,
            created_by=d.created_by,
            path=d.filename,
            sha256=hashlib.sha256(d.data).hexdigest(),
            size=len(d.data),
        )
        for d in docs
    ]
    opened_by = case.opened_by.display_name
    folder = CaseFolder(
        title=_("Stafettlogg – %(name)s") % {"name": title},
        public_title=_("Stafettlogg – skjermet"),
        year=timezone.localdate(case.opened_at).year,
        sequence=case.pk,
        case_date=timezone.localdate(case.opened_at),
        opened_at=case.opened_at,
        opened_by=opened_by,
        closed_at=case.closed_at,
        closed_by=case.closed_by.display_name if case.closed_by is not None else opened_by,
        unit=case.unit.name,
        responsible=responsible(case),
        parties=parties(case),
        description=_("Stafettlogg etter BTI-modellen, avsluttet: %(reason)s")
        % {"reason": case.close_reason or "–"},
    )
    creator = Creator(
        id=case.municipality.number or str(case.municipality.pk), name=case.municipality.name
    )
    xml = arkivstruktur(creator=creator, folder=folder, docs=entries, archived_at=now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in [(STRUCTURE, xml), *((d.filename, d.data) for d in docs)]:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buffer.getvalue()
