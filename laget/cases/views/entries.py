"""Log entries and glimmers (lysglimt): write and correct."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.access import CaseAccess, Need, readers_of
from laget.cases.choices import Audience, EntryKind
from laget.cases.forms.entries import EntryForm
from laget.cases.rules import CorrectionRefused, correction_refused
from laget.cases.services import entries
from laget.cases.views.common import current_user, form_page, load_case, web_actor

METHODS = ["GET", "HEAD", "POST"]


@login_required
@require_http_methods(METHODS)
def entry_create(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    glimmer = request.GET.get("type") == "lysglimt"
    initial = (
        {"kind": EntryKind.GLIMMER, "audience": Audience.ALL}
        if glimmer
        else {"kind": EntryKind.OBSERVATION}
    )
    form = EntryForm(request.POST or None, initial=initial, meetings=access.case.meetings.all())

    def save(data: dict[str, Any]) -> None:
        entries.entry_create(
            actor=web_actor(request),
            access=access,
            kind=data["kind"],
            text=data["text"],
            audience=data["audience"],
            meeting_id=data.get("meeting"),
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Nytt lysglimt") if glimmer else _("Ny loggføring"),
        intro=_("Et lysglimt er et godt øyeblikk, skrevet ned så det blir husket.")
        if glimmer
        else "",
        success=_("Loggføringen er lagret."),
        anchor="logg",
        template="cases/entry_form.html",
        context=_readers(access),
    )


def _readers(access: CaseAccess) -> dict[str, Any]:
    """Who will be able to read the entry, shown before it is saved."""
    everyone = readers_of(access.case, family=True)
    return {
        "staff_readers": [r for r in everyone if not r.is_family],
        "family_readers": [r for r in everyone if r.is_family],
    }


@login_required
@require_http_methods(METHODS)
def entry_update(request: HttpRequest, case_id: int, entry_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.WRITE)
    entry = get_object_or_404(access.case.entries, pk=entry_id)
    refused = correction_refused(entry, user=current_user(request), access=access)
    if refused is not None and refused is not CorrectionRefused.CASE_CLOSED:
        raise PermissionDenied
    # On a closed case the author gets the form page, which says the case is closed (as every
    # other form of the case does); the service refuses a save.
    form = EntryForm(
        request.POST or None,
        initial={
            "kind": entry.kind,
            "text": entry.text,
            "audience": entry.audience,
            "version": entry.version,
        },
    )

    def save(data: dict[str, Any]) -> None:
        entries.entry_update(
            actor=web_actor(request),
            access=access,
            entry=entry,
            expected_version=data["version"],
            text=data["text"],
            audience=data["audience"],
            kind=data["kind"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Rett loggføring"),
        success=_("Loggføringen er rettet."),
        anchor="logg",
    )
