"""Who decides a transfer: the leaders of the receiving unit, and nobody else. A proposal
someone else looks for is missing (404), like a case they may not see. The sending side goes
through the case (laget.cases.access.case_for): only its stafettholder proposes and withdraws."""

from django.db.models import Q, QuerySet
from django.http import Http404

from laget.accounts.models import User
from laget.orgs.selectors import staff_profile
from laget.transfer.models import Transfer, TransferState


def incoming(user: User) -> QuerySet[Transfer]:
    """The proposals waiting for a unit the user leads."""
    led = staff_profile(user).led_unit_ids
    return Transfer.objects.filter(to_unit_id__in=led, state=TransferState.PROPOSED)


def leads_receiving_unit(user: User, transfer: Transfer) -> None:
    """Raises Http404 unless the user leads the unit the case is proposed to."""
    if transfer.to_unit_id is None or transfer.to_unit_id not in staff_profile(user).led_unit_ids:
        raise Http404


def incoming_for(user: User, transfer_id: int | str) -> Transfer:
    """One waiting proposal to a unit the user leads; 404 for anything else."""
    try:
        pk = int(transfer_id)
    except (TypeError, ValueError):
        raise Http404 from None
    transfer = (
        incoming(user)
        .select_related("from_municipality", "from_unit", "to_unit", "to_municipality")
        .filter(pk=pk)
        .first()
    )
    if transfer is None:
        raise Http404
    return transfer


def closing_records(user: User) -> QuerySet[Transfer]:
    """The transfers out of the user's municipality that were carried out, as the sending
    municipality keeps them: for its admins (every unit) and the sending unit's leaders."""
    profile = staff_profile(user)
    return Transfer.objects.filter(
        Q(from_municipality_id__in=profile.admin_municipality_ids)
        | Q(from_unit_id__in=profile.led_unit_ids),
        state__in=[TransferState.ACCEPTED, TransferState.EXPORTED],
    )


def sees_inbox(user: User) -> bool:
    """The inbox is for unit leaders (incoming) and municipal admins (the closing records)."""
    profile = staff_profile(user)
    return bool(profile.led_unit_ids or profile.admin_municipality_ids)


def awaiting_export(user: User) -> QuerySet[Transfer]:
    """Proposals to another installation from the municipalities the user administers: the
    admin exports them (`manage.py transfer_export`)."""
    return Transfer.objects.filter(
        from_municipality_id__in=staff_profile(user).admin_municipality_ids,
        state=TransferState.PROPOSED,
    ).exclude(to_installation="")
