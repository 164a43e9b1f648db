"""A care order (omsorgsovertakelse), recorded by the child-welfare unit that takes part in the
case: when it starts, what the birth parents and the foster parents may read, and its end."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from laget.cases.access import CaseAccess
from laget.cases.views.common import form_page, web_actor
from laget.family import services
from laget.family.forms import CareOrderEndForm, CareOrderForm, GrantsForm
from laget.family.models import CareOrder
from laget.family.views.staff_pages import ANCHOR, METHODS, audit_read, family_case

GRANTS_INTRO = gettext_lazy(
    "Under en omsorgsovertakelse samtykker barnevernet i foreldrenes sted. Foreldrene og "
    "fosterforeldrene ser bare de delene av saken barnevernet gir dem innsyn i."
)


def _current(access: CaseAccess) -> CareOrder:
    """The care order not yet ended; one the user's unit did not record is not theirs to
    change."""
    care_order = access.case.care_orders.filter(ended_on__isnull=True).first()
    if care_order is None:
        raise Http404
    if not services.may_manage_care_order(access, care_order):
        raise Http404
    return care_order


@login_required
@require_http_methods(METHODS)
def care_order_record(request: HttpRequest, case_id: int) -> HttpResponse:
    access = family_case(request, case_id, services.may_record_care_order)
    assert access.participant is not None  # a participant of child welfare
    form = CareOrderForm(request.POST or None, units=[access.participant.unit])

    def save(data: dict[str, Any]) -> None:
        services.care_order_record(
            actor=web_actor(request),
            access=access,
            unit_id=data["unit"],
            starts_on=data["starts_on"],
            parent_parts=data["parent_parts"],
            foster_parts=data["foster_parts"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Registrere omsorgsovertakelse"),
        intro=str(GRANTS_INTRO),
        success=_("Omsorgsovertakelsen er registrert."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(METHODS)
def care_order_grants(request: HttpRequest, case_id: int) -> HttpResponse:
    access = family_case(request, case_id, services.may_record_care_order, audit=False)
    care_order = _current(access)
    audit_read(request, access)
    form = GrantsForm(
        request.POST or None,
        initial={
            "parent_parts": care_order.parent_parts,
            "foster_parts": care_order.foster_parts,
        },
    )

    def save(data: dict[str, Any]) -> None:
        services.care_order_update_grants(
            actor=web_actor(request),
            access=access,
            care_order=care_order,
            parent_parts=data["parent_parts"],
            foster_parts=data["foster_parts"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Endre innsyn under omsorgsovertakelsen"),
        intro=str(GRANTS_INTRO),
        success=_("Innsynet er endret."),
        anchor=ANCHOR,
    )


@login_required
@require_http_methods(METHODS)
def care_order_end(request: HttpRequest, case_id: int) -> HttpResponse:
    access = family_case(request, case_id, services.may_record_care_order, audit=False)
    care_order = _current(access)
    audit_read(request, access)
    form = CareOrderEndForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        services.care_order_end(
            actor=web_actor(request),
            access=access,
            care_order=care_order,
            ended_on=data["ended_on"],
        )

    return form_page(
        request,
        access=access,
        form=form,
        save=save,
        title=_("Avslutte omsorgsovertakelsen"),
        intro=_(
            "Når omsorgsovertakelsen opphører, samtykker foreldrene igjen selv, og de leser "
            "saken slik rollen deres gir dem rett til."
        ),
        submit=_("Avslutt omsorgsovertakelsen"),
        success=_("Omsorgsovertakelsen er avsluttet."),
        anchor=ANCHOR,
    )
