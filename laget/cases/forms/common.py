"""Form pieces that know the stafettlogg (the generic ones are in laget/lib/forms.py)."""

from collections.abc import Iterable

from laget.cases.models import Participant


def participant_choices(participants: Iterable[Participant]) -> list[tuple[int, str]]:
    return [(p.pk, p.label) for p in participants]
