"""A family member's role, protected address, language and need of an interpreter, set by those who coordinate the case (as
they add members: cases.views.lifecycle.guardian_add)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from laget.cases.views.common import form_page, web_actor
from laget.family import services
from laget.family.forms import ChildProtectionForm, MemberForm, protection_initial
from laget.family.views.staff_pages import ANCHOR, METHODS, audit_read, family_case

PROTECTION_INTRO = gettext_lazy(
    "Registrer adressesperre slik folkeregisteret har den. Alle som leser saken, får en "
    "advarsel om ikke å gi ut adresse eller hvilken barnehage eller skole barnet går i."
)


@login_required
@require_http_methods(METHODS)
def member_edit(request: HttpRequest, case_id: int, guardian_id: int) -> HttpResponse:
    access = family_case(request, case_id, services.may_edit_members, audit=False)
    subject = access.case.subject
    if subject is None:
        raise Http404
    guardian = get_object_or_404(subject.guardians, pk=guardian_id)
    audit_read(request, access)
    form = MemberForm(
        request.POST or None,
        initial={
            "role": guardian.role,
            "protected_address": protection_initial(guardian.protected_address),
            "language": guardian.language,
            "interpreter": guardian.interpreter,
        },
    )

    def save(data: dict[str, Any]) -> None:
        services.member_update(
            actor=web_actor(request),
            access=access,
            guardian=guardian,
            role=data["role"],
            protected_address=data["protected_address"],
            language=data["language"],
            interpreter=data["interpreter"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Rolle, adressesperre, språk og tolk for %(name)s") % {"name": guardian.name},
        intro=str(PROTECTION_INTRO),
        success=_("Endringen er lagret."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(METHODS)
def child_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    access = family_case(request, case_id, services.may_edit_members, audit=False)
    subject = access.case.subject
    if subject is None:
        raise Http404
    audit_read(request, access)
    form = ChildProtectionForm(
        request.POST or None,
        initial={
            "protected_address": protection_initial(subject.protected_address),
            "language": subject.language,
            "interpreter": subject.interpreter,
        },
    )

    def save(data: dict[str, Any]) -> None:
        services.child_protection_set(
            actor=web_actor(request),
            access=access,
            protected_address=data["protected_address"],
            language=data["language"],
            interpreter=data["interpreter"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Adressesperre, språk og tolk for %(name)s") % {"name": subject.full_name},
        intro=str(PROTECTION_INTRO),
        success=_("Endringen er lagret."),
        anchor=ANCHOR,
    )
