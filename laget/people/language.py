"""The one answer to "which language does this family member read": what they chose in the
portal, else what staff recorded for them, else bokmål. E-mails, calendar invitations and the
member's copy of the log ask here."""

from laget.lib.languages import family_language
from laget.people.models import Guardian, Subject


def member_language(member: Guardian | Subject) -> str:
    chosen = member.user.language if member.user is not None else ""
    return family_language(chosen or member.language)
