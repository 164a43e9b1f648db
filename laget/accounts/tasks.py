"""The password reset e-mail, sent by the background worker (manage.py db_worker), never in a
request: the answer to "send me a link" then takes as long whether the address is known or not.

The task gets the user's id only; the link's token is made when the mail is written, so no
working link is ever stored in the task table. The mail says nothing about the person: no
name, no username, only the link and what to do with it.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from laget.accounts.models import User

logger = logging.getLogger(__name__)


def reset_link(user: User) -> str:
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.LAGET_BASE_URL.rstrip("/") + path


def reset_mail(user: User) -> EmailMessage:
    hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    body = ngettext(
        "Hei!\n\nNoen ba om å få lage et nytt passord for brukeren din i Laget. Åpne lenken for "
        "å velge et nytt passord (den virker i %(hours)d time og bare én gang):\n\n%(link)s\n\n"
        "Ba du ikke om dette, kan du se bort fra e-posten; passordet ditt er ikke endret.\n\n"
        "Denne e-posten er sendt automatisk fra Laget. Du kan ikke svare på den.",
        "Hei!\n\nNoen ba om å få lage et nytt passord for brukeren din i Laget. Åpne lenken for "
        "å velge et nytt passord (den virker i %(hours)d timer og bare én gang):\n\n%(link)s\n\n"
        "Ba du ikke om dette, kan du se bort fra e-posten; passordet ditt er ikke endret.\n\n"
        "Denne e-posten er sendt automatisk fra Laget. Du kan ikke svare på den.",
        hours,
    ) % {"hours": hours, "link": reset_link(user)}
    return EmailMessage(_("Nytt passord i Laget"), body, to=[user.email])


@task()
def send_password_reset(user_id: int) -> str:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password():
        return "skipped"
    with translation.override(settings.LANGUAGE_CODE):
        message = reset_mail(user)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        # The class only: servers echo the address back in their messages.
        logger.warning("Password reset mail not sent: %s", type(error).__name__)
        return "failed"
    return "sent"
