"""What the emails say. Deliberately nothing about the case: no name, label, national id,
entry text, unit or meeting place. Only that there is something new, and a link to log in."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from laget.notify.ics import interpreter_note
from laget.notify.models import Kind, Notification, RecipientRole

# Where the family portal lives, should its URL name not resolve.
PORTAL_PATH = "/familie/"


@dataclass(frozen=True)
class Content:
    subject: str
    body: str


def absolute(path: str) -> str:
    return settings.LAGET_BASE_URL.rstrip("/") + path


def portal_path() -> str:
    try:
        return reverse("portal:home")
    except NoReverseMatch:
        return PORTAL_PATH


def link_for(notification: Notification) -> str:
    """Staff go to the case page (an id in the URL, nothing more), or to the list of proposed
    transfers for one; the family to the portal."""
    if notification.kind == Kind.TRANSFER_PROPOSED:
        return absolute(reverse("transfer:inbox"))
    if notification.recipient_role == RecipientRole.STAFF:
        return absolute(reverse("cases:case_detail", kwargs={"case_id": notification.case_id}))
    return absolute(portal_path())


def _footer() -> str:
    return _(
        "Denne e-posten er sendt automatisk fra Laget. Av hensyn til personvernet står det "
        "ingenting om saken her; alt finner du når du logger inn. Du kan ikke svare på denne "
        "e-posten."
    )


def content_for(notification: Notification) -> Content:
    """Subject and body in the active language (the worker sends in bokmål)."""
    link = link_for(notification)
    if notification.kind == Kind.ENTRY:
        subject = _("Nytt i stafettloggen")
        text = _(
            "Hei!\n\nDet er skrevet noe nytt i en stafettlogg du har tilgang til. Logg inn for "
            "å lese det:\n\n%(link)s"
        )
    elif notification.kind == Kind.MEETING_INVITATION:
        subject = _("Invitasjon til møte i stafettloggen")
        text = _(
            "Hei!\n\nDu er invitert til et møte i en stafettlogg. Tidspunktet står i "
            "kalenderinvitasjonen som følger med. Logg inn for å se mer og svare på "
            "invitasjonen:\n\n%(link)s"
        )
        if notification.meeting is not None:
            note = interpreter_note(
                notification.meeting,
                recipient=notification.recipient,
                family=notification.recipient_role == RecipientRole.FAMILY,
            )
            if note:
                escaped = note.replace("%", "%%")
                text = text.replace("%(link)s", f"{escaped}\n\n%(link)s")
    elif notification.kind == Kind.CASE_NOTICE:
        subject = _("Noe å se på i en stafettlogg du koordinerer")
        text = _(
            "Hei!\n\nDet har skjedd noe i en stafettlogg du koordinerer som du bør se på. Logg "
            "inn for å se hva:\n\n%(link)s"
        )
    elif notification.kind == Kind.TRANSFER_PROPOSED:
        subject = _("En stafettlogg venter på svar fra enheten din")
        text = _(
            "Hei!\n\nEn annen kommune foreslår å flytte en stafettlogg til enheten du leder. "
            "Logg inn for å svare:\n\n%(link)s"
        )
    elif notification.kind == Kind.BATON_RECEIVED:
        subject = _("Du har fått stafetten i en stafettlogg")
        text = _(
            "Hei!\n\nDu er nå stafettholder i en stafettlogg: du holder sammen på samarbeidet "
            "rundt barnet. Saken er merket «Ny for deg» i listen din til du har åpnet den. "
            "Logg inn for å se den:\n\n%(link)s"
        )
    else:
        subject = _("Et samtykke i stafettloggen går snart ut")
        text = _(
            "Hei!\n\nEt samtykke i en stafettlogg går ut om 30 dager. Logg inn for å se det, "
            "og for å fornye det hvis du ønsker det:\n\n%(link)s"
        )
    return Content(subject=subject, body=f"{text % {'link': link}}\n\n-- \n{_footer()}\n")
