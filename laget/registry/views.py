"""Staff pages of the registry: practitioners, courses, family counts and the import.

Every page reads through laget/registry/access.py: a user without a registry role gets 403,
an object outside their scope 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.registry import access, services
from laget.registry.importing import KINDS, ImportFileError, import_table, read_table
from laget.registry.models import CourseParticipant, Qualification

METHODS = ["GET", "HEAD", "POST"]
READ = ["GET", "HEAD"]
# Most rows a list page shows; the reports aggregate the rest.
LIST_MAX = 500
# Most row errors the import page lists.
ERRORS_MAX = 500
UPLOAD_MAX_BYTES = 50 * 1024 * 1024


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_http_methods(READ)
def practitioner_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    query = request.GET.get("q", "").strip()[:100]
    practitioners = access.practitioners_for(user).select_related("municipality")
    if query:
        practitioners = practitioners.filter(last_name__icontains=query) | practitioners.filter(
            ref__iexact=query
        )
    total = practitioners.count()
    return render(
        request,
        "registry/practitioner_list.html",
        {
            "title": _("Utøvere"),
            "practitioners": practitioners[:LIST_MAX],
            "total": total,
            "shown_max": LIST_MAX,
            "query": query,
        },
    )


@login_required
@require_http_methods(READ)
def practitioner_detail(request: HttpRequest, practitioner_id: int) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    practitioner = access.practitioner_for(user, practitioner_id)
    qualifications = Qualification.objects.filter(practitioner=practitioner).select_related(
        "type", "type__program", "course"
    )
    participations = CourseParticipant.objects.filter(practitioner=practitioner).select_related(
        "course", "course__qualification_type"
    )
    return render(
        request,
        "registry/practitioner_detail.html",
        {
            "title": str(practitioner),
            "practitioner": practitioner,
            "qualifications": qualifications,
            "years": practitioner.years.all(),
            "participations": participations,
        },
    )


@login_required
@require_http_methods(READ)
def course_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    courses = (
        access.courses_for(user)
        .select_related("qualification_type", "municipality")
        .prefetch_related(
            Prefetch(
                "courseparticipant_set",
                queryset=CourseParticipant.objects.select_related("practitioner"),
            )
        )
    )
    return render(
        request,
        "registry/course_list.html",
        {"title": _("Kurs"), "courses": courses[:LIST_MAX]},
    )


@login_required
@require_http_methods(METHODS)
def course_complete(request: HttpRequest, course_id: int) -> HttpResponse:
    """GET: the participants to tick off; POST: the course is completed and those ticked get
    the course's qualification."""
    user = _user(request)
    access.require_scope(user)
    course = access.course_for(user, course_id)
    participants = CourseParticipant.objects.filter(course=course).select_related("practitioner")
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("completed") if v.isdigit()]
        granted = services.course_complete(course=course, completed_ids=ids)
        messages.success(
            request,
            _("Kurset er fullført. %(n)s fikk kvalifikasjonen.") % {"n": len(granted)},
        )
        return redirect("registry:course_list")
    return render(
        request,
        "registry/course_complete.html",
        {"title": _("Merk kurset som fullført"), "course": course, "participants": participants},
    )


@login_required
@require_http_methods(READ)
def families_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    counts = (
        access.families_for(user)
        .select_related("intervention", "municipality")
        .order_by("-year", "municipality__name", "intervention__order", "kind")
    )
    return render(
        request,
        "registry/families_list.html",
        {"title": _("Familier nådd"), "counts": counts[:LIST_MAX]},
    )


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Hva importerer du?"), choices=KINDS.items())
    file = forms.FileField(
        label=gettext_lazy("Fil (CSV eller XLSX)"),
        help_text=gettext_lazy("Første rad er overskrifter. Er én rad feil, importeres ingenting."),
    )


@login_required
@require_http_methods(METHODS)
def import_upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    scope = access.registry_scope(user)
    if scope.is_empty:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            form.add_error("file", _("Filen er for stor."))
        else:
            kind = form.cleaned_data["kind"]
            try:
                table = read_table(kind, upload, upload.name)
                result = import_table(kind, table, scope=scope)
            except ImportFileError as e:
                form.add_error("file", str(e))
            if result is not None and result.ok:
                messages.success(
                    request,
                    _("%(rows)s rader importert: %(new)s nye, %(updated)s oppdatert.")
                    % {"rows": result.rows, "new": result.created, "updated": result.updated},
                )
                return redirect("registry:import")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registry/import.html",
        {
            "title": _("Importer til registeret"),
            "form": form,
            "result": result,
            "errors": result.errors[:ERRORS_MAX] if result else [],
            "errors_max": ERRORS_MAX,
        },
        status=status,
    )
