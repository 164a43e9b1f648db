"""Which practitioner of the registry is a Laget user's own (Practitioner.user), the rule in one
place. The link is what a qualification's required training is checked against
(laget/registry/requirements.py).

The link is made by the user, never by the registry: on "Min opplæring" (the template tag
registry_self_link) an employee is offered the practitioners whose e-mail is theirs (compared
without case, neither empty) and that nobody is linked to yet, and says "this is me". A user is
linked to one practitioner at most (a constraint on the model). Registry pages show whether a
practitioner is linked, never to whom; a registry user in scope may remove a wrong link. The
services are in laget/registry/services/links.py.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from laget.accounts.models import User
from laget.registry.models import Practitioner, Qualification


def offered_to(user: User) -> QuerySet[Practitioner]:
    """The practitioners the user may link to: not linked to anyone, with the user's e-mail
    (case aside). None for a user without an e-mail."""
    email = (user.email or "").strip()
    if not email:
        return Practitioner.objects.none()
    return Practitioner.objects.filter(user__isnull=True, email__iexact=email).exclude(email="")


@dataclass(frozen=True)
class UserLinks:
    linked: Practitioner | None = None
    # Offered only while the user is linked to none.
    offers: list[Practitioner] = field(default_factory=list)


def links_of(user: User) -> UserLinks:
    """The practitioner the user is linked to, or those offered; each with its qualifications
    (type and program). Two queries."""
    offered = offered_to(user).values("pk")
    rows = list(
        Practitioner.objects.filter(Q(user=user) | Q(pk__in=offered))
        .prefetch_related(
            Prefetch(
                "qualifications",
                queryset=Qualification.objects.select_related("type__program").order_by(
                    "type__program__name", "type__order", "type__name", "pk"
                ),
            )
        )
        .order_by("last_name", "first_name", "pk")
    )
    linked = next((p for p in rows if p.user_id == user.pk), None)
    if linked is not None:
        return UserLinks(linked=linked)
    return UserLinks(offers=rows)
