"""Registering the birth in a log opened in pregnancy: the same log continues as the child's."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from laget.cases.access import CaseAccess, Need
from laget.cases.forms.birth import BirthForm
from laget.cases.models import Participant
from laget.cases.services import lifecycle
from laget.cases.statutes import statute
from laget.cases.views.common import form_page, load_case, web_actor
from laget.people.models import FamilyRole, Guardian, SubjectKind


def _ending_at_birth(access: CaseAccess) -> list[Participant]:
    """The participants whose statute holds only in pregnancy: the page names them."""
    case = access.case
    return [
        p
        for p in case.participants.all()
        if p.is_active
        and p.statute_key
        and (found := statute(case.municipality_id, p.statute_key)) is not None
        and found.ends_at_birth
    ]


def _family(access: CaseAccess) -> list[Guardian]:
    subject = access.case.subject
    if subject is None:
        return []
    return list(
        subject.guardians.filter(role__in=[FamilyRole.EXPECTING, FamilyRole.PARTNER]).order_by("pk")
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def case_register_birth(request: HttpRequest, case_id: int) -> HttpResponse:
    access = load_case(request, case_id, Need.COORDINATE)
    subject = access.case.subject
    form = BirthForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        lifecycle.case_register_birth(
            actor=web_actor(request), access=access, **form.service_kwargs()
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Registrer fødselen"),
        intro=_(
            "Loggen fra svangerskapet fortsetter som barnets logg, med alt som er skrevet, "
            "tiltakene, møtene, samtykkene og tilgangsloggen."
        ),
        submit=_("Registrer fødselen"),
        success=_("Fødselen er registrert. Loggen gjelder nå barnet."),
        template="cases/birth_form.html",
        context={
            "is_pregnancy": subject is not None and subject.kind == SubjectKind.PREGNANT,
            "ending": _ending_at_birth(access),
            "family": _family(access),
        },
    )
