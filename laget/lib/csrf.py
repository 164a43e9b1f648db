"""The page for a form refused by Django's CSRF check, in Laget's own look.

Django's built-in page carries an inline style, which the Content-Security-Policy blocks, and
speaks English to developers. This one says, in the user's language, what most likely happened
(the page was open a long time, or cookies are off) and what to do; the reason is not shown.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", {"title": _("Skjemaet kunne ikke sendes")}, status=403)
