"""Writes to the registry. Web views, API endpoints and tests call these, never the models.

Each service is typed and keyword-only, takes the user it acts for (`by`), runs in one
transaction, checks scope once through laget/registry/access.py (PermissionDenied without a
registry role, Http404 for a row outside the scope, a field error for a row that would land
outside it) and runs full_clean() before it saves. The registry holds no case data, so these
write no audit rows about cases.
"""

from laget.registry.services.agreements import agreement_save
from laget.registry.services.courses import (
    course_complete,
    course_create,
    course_participant_add,
    course_participant_remove,
    course_participants_set,
    course_update,
)
from laget.registry.services.families import families_count_set, families_count_update
from laget.registry.services.links import (
    practitioner_link_self,
    practitioner_unlink,
    practitioner_unlink_self,
)
from laget.registry.services.practitioners import (
    activity_set,
    activity_year_update,
    practitioner_create,
    practitioner_update,
    qualification_add,
    qualification_update,
)
from laget.registry.services.programs import (
    intervention_save,
    program_save,
    qualification_type_save,
)

__all__ = [
    "activity_set",
    "activity_year_update",
    "agreement_save",
    "course_complete",
    "course_create",
    "course_participant_add",
    "course_participant_remove",
    "course_participants_set",
    "course_update",
    "families_count_set",
    "families_count_update",
    "intervention_save",
    "practitioner_create",
    "practitioner_link_self",
    "practitioner_unlink",
    "practitioner_unlink_self",
    "practitioner_update",
    "program_save",
    "qualification_add",
    "qualification_type_save",
    "qualification_update",
]
