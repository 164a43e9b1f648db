"""The dashboard's training figure (laget/monitoring): per unit, how many of its staff have
completed the core training.

Definition: the core training is every item marked `is_core` that the municipality's staff
are offered (Laget's national set and the municipality's own; in the starter set the
conversation exercise "Snakke med barn om bekymring" and the level-0 text). A person counts as
trained when they have completed all of them. The whole is the unit's staff today (effective
employee and unit-leader memberships); a person in two units counts in both. With no core item
there is no figure.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from laget.orgs.models import UNIT_ROLES, Membership, Municipality
from laget.training.models import TrainingCompletion
from laget.training.selectors import items_for


def core_completion_per_unit(municipality: Municipality) -> dict[int, tuple[int, int]]:
    """{unit id: (staff who completed the core training, staff)}. One query."""
    core = items_for([municipality.pk]).filter(is_core=True).order_by()
    core_count = core.values("is_core").annotate(n=Count("pk")).values("n")
    done = (
        TrainingCompletion.objects.filter(user_id=OuterRef("user_id"), item__in=core.values("pk"))
        .order_by()
        .values("user_id")
        .annotate(n=Count("item_id", distinct=True))
        .values("n")
    )
    rows = (
        Membership.objects.effective()
        .filter(municipality=municipality, role__in=UNIT_ROLES, unit__isnull=False)
        .values_list("unit_id", "user_id")
        .annotate(done=Coalesce(Subquery(done), 0), core=Coalesce(Subquery(core_count), 0))
        .distinct()
    )
    out: dict[int, tuple[int, int]] = {}
    for unit_id, _user_id, n, of in rows:
        if of == 0:  # no core training: no figure
            return {}
        part, whole = out.get(unit_id, (0, 0))
        out[unit_id] = (part + (n == of), whole + 1)
    return out
