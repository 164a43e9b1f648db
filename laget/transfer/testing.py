"""Test helpers for the access matrix (laget/tests/test_access_matrix.py)."""

from django.utils import timezone

from laget.accounts.models import User
from laget.cases.models import Case
from laget.testing.world import World
from laget.transfer.models import Transfer, TransferState

# The matrix's world has one municipality, so nobody in it receives a proposal: the decision
# pages answer 404 to every role for any id (the receiving leader's cells are in
# laget/transfer/tests/test_web.py, with a second municipality).
NO_PROPOSAL = 0


def route_kwargs(name: str, world: World) -> dict[str, object]:
    if name in ("transfer:decide", "transfer:decline"):
        return {"transfer_id": NO_PROPOSAL}
    return {}


def transfer_rows(case: Case, by: User, text: str) -> Transfer:
    """A declined proposal of `case`, written straight to the table, whose encrypted texts
    (the neutral description, the decline reason) start with `text`: for the test that every
    encrypted column holds only tokens (laget/cases/tests/test_encrypted_at_rest.py)."""
    return Transfer.objects.create(
        case=case,
        case_number=case.pk,
        level=case.level,
        from_municipality_id=case.municipality_id,
        from_unit_id=case.unit_id,
        to_installation="laget-nord",
        description=f"{text}: beskrivelse",
        proposed_by=by,
        consent_date=timezone.localdate(),
        state=TransferState.DECLINED,
        decided_by=by,
        decided_at=timezone.now(),
        decline_reason=f"{text}: avslag",
    )
