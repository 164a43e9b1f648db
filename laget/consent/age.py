"""The age from which a child consents for themselves and may use the family portal."""

import datetime

from django.conf import settings
from django.utils import timezone

from laget.people.models import Subject


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def consents_for_self(subject: Subject | None, today: datetime.date | None = None) -> bool:
    if subject is None or subject.birth_date is None:
        return False
    today = today or timezone.localdate()
    return age_on(subject.birth_date, today) >= settings.LAGET_CHILD_CONSENT_AGE
