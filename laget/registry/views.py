"""Staff pages of the registry: practitioners, courses, family counts and the import.

Every page reads through laget/registry/access.py: a user without a registry role gets 403,
an object outside their scope 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from laget.accounts.models import User
from laget.lib.dbrouting import reads_from_replica
from laget.registry import access, selectors, services
from laget.registry.codes import CodeField, practitioner_label, program_codes
from laget.registry.forms import (
    ActivityForm,
    CourseForm,
    FallingShortForm,
    ParticipantAddForm,
    PractitionerForm,
)
from laget.registry.importing import (
    COLUMNS,
    KINDS,
    REQUIRED,
    ImportFileError,
    import_books,
    import_table,
    read_table,
)
from laget.registry.models import CourseParticipant, Qualification
from laget.registry.requirements import training_status

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
@reads_from_replica()
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
@reads_from_replica()
def practitioner_detail(request: HttpRequest, practitioner_id: int) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    practitioner = access.practitioner_for(user, practitioner_id)
    qualifications = [
        (q, training_status(practitioner, q.type))
        for q in Qualification.objects.filter(practitioner=practitioner).select_related(
            "type", "type__program", "type__required_training", "course"
        )
    ]
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
@reads_from_replica()
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
        try:
            granted = services.course_complete(by=user, course=course, completed_ids=ids)
        except ValidationError as exc:
            # A participant lacks the training the qualification requires: nothing was marked.
            messages.error(request, " ".join(exc.messages))
            return redirect("registry:course_complete", course_id=course.pk)
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
@reads_from_replica()
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
    program = CodeField(
        label=gettext_lazy("Program"),
        label_of=lambda e: e.name,
        required=False,
        help_text=gettext_lazy("Kvalifikasjoner og intervensjoner hører til et program."),
    )
    file = forms.FileField(
        label=gettext_lazy("Fil (CSV eller XLSX)"),
        help_text=gettext_lazy("Første rad er overskrifter. Er én rad feil, importeres ingenting."),
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["program"]
        assert isinstance(field, CodeField)
        programs = access.programs_for(user)
        field.set_book(program_codes(programs))
        field.initial = programs[0].slug if programs else None


def _import_columns() -> list[tuple[str, list[tuple[str, bool]]]]:
    """Per kind of import: its name and its columns (the header we write, required or not)."""
    return [
        (
            str(label),
            [(aliases[0], key in REQUIRED[kind]) for key, aliases in COLUMNS[kind].items()],
        )
        for kind, label in KINDS.items()
    ]


@login_required
@require_http_methods(METHODS)
def import_upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    scope = access.require_scope(user)
    form = ImportForm(request.POST or None, request.FILES or None, user=user)
    result = None
    programs = access.programs_for(user)
    program = programs[0] if programs else None
    if request.method == "POST" and form.is_valid():
        program = form.cleaned_data["program"] or program
        upload = form.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            form.add_error("file", _("Filen er for stor."))
        else:
            kind = form.cleaned_data["kind"]
            try:
                table = read_table(kind, upload, upload.name)
                result = import_table(kind, table, scope=scope, program=program)
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
            "program": program,
            "columns": _import_columns(),
            "books": import_books(program, access.municipalities_for(user)) if program else [],
            "result": result,
            "errors": result.errors[:ERRORS_MAX] if result else [],
            "errors_max": ERRORS_MAX,
        },
        status=status,
    )


# Editing: courses, participants, practitioners, activity years; who falls short.


def _form_page(
    request: HttpRequest, form: forms.BaseForm, title: str, back_url: str, template: str
) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        template,
        {"title": title, "form": form, "back_url": back_url},
        status=status,
    )


@login_required
@require_http_methods(METHODS)
def course_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    form = CourseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(by=user, **form.cleaned_data)
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, _("Kurset er opprettet."))
            return redirect("registry:course_participants", course_id=course.pk)
    return _form_page(
        request, form, _("Nytt kurs"), reverse("registry:course_list"), "registry/course_form.html"
    )


@login_required
@require_http_methods(METHODS)
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    course = access.course_for(user, course_id)
    form = CourseForm(request.POST or None, initial=CourseForm.initial_for(course), user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(by=user, course=course, **form.cleaned_data)
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, _("Kurset er lagret."))
            return redirect("registry:course_list")
    return _form_page(
        request, form, _("Endre kurs"), reverse("registry:course_list"), "registry/course_form.html"
    )


@login_required
@require_http_methods(METHODS)
def course_participants(request: HttpRequest, course_id: int) -> HttpResponse:
    """GET: the participants and the picker (`q` narrows it); POST: add one (`practitioner`,
    a reference) or remove one (`remove`)."""
    user = _user(request)
    access.require_scope(user)
    course = access.course_for(user, course_id)
    query = request.GET.get("q", "").strip()[:100]
    form = ParticipantAddForm(
        request.POST if request.method == "POST" and "remove" not in request.POST else None,
        user=user,
        course=course,
        query=query,
    )
    status = 200
    remove_errors: list[str] = []
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                raw = request.POST["remove"]
                if not raw.isdigit():
                    raise Http404
                practitioner = access.practitioner_for(user, int(raw))
                services.course_participant_remove(
                    by=user, course=course, practitioner=practitioner
                )
                messages.success(
                    request, _("%(name)s er fjernet fra kurset.") % {"name": practitioner}
                )
                return redirect("registry:course_participants", course_id=course.pk)
            if form.is_valid():
                practitioner = form.cleaned_data["practitioner"]
                services.course_participant_add(by=user, course=course, practitioner=practitioner)
                messages.success(request, _("%(name)s er lagt til.") % {"name": practitioner})
                return redirect("registry:course_participants", course_id=course.pk)
        except ValidationError as e:
            if form.is_bound:
                form.add_service_errors(e)
            else:
                remove_errors = e.messages
        status = 400
    participants = CourseParticipant.objects.filter(course=course).select_related(
        "practitioner", "practitioner__municipality"
    )
    return render(
        request,
        "registry/course_participants.html",
        {
            "title": _("Deltakere"),
            "course": course,
            "participants": [(p, practitioner_label(p.practitioner)) for p in participants],
            "form": form,
            "query": query,
            "editable": course.status != "completed",
            "remove_errors": remove_errors,
        },
        status=status,
    )


@login_required
@require_http_methods(READ)
def course_participant_options(request: HttpRequest, course_id: int) -> HttpResponse:
    """htmx fragment: the picker's <option>s for the search `q` (names, references and
    municipalities of the registry, no case data)."""
    user = _user(request)
    access.require_scope(user)
    course = access.course_for(user, course_id)
    query = request.GET.get("q", "").strip()[:100]
    form = ParticipantAddForm(user=user, course=course, query=query)
    return render(request, "registry/_participant_options.html", {"form": form, "query": query})


@login_required
@require_http_methods(METHODS)
def practitioner_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    form = PractitionerForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            practitioner = services.practitioner_create(by=user, **form.cleaned_data)
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, _("Utøveren er registrert."))
            return redirect("registry:practitioner_detail", practitioner_id=practitioner.pk)
    return _form_page(
        request,
        form,
        _("Ny utøver"),
        reverse("registry:practitioner_list"),
        "registry/practitioner_form.html",
    )


@login_required
@require_http_methods(METHODS)
def practitioner_edit(request: HttpRequest, practitioner_id: int) -> HttpResponse:
    user = _user(request)
    access.require_scope(user)
    practitioner = access.practitioner_for(user, practitioner_id)
    form = PractitionerForm(
        request.POST or None, initial=PractitionerForm.initial_for(practitioner), user=user
    )
    back = reverse("registry:practitioner_detail", kwargs={"practitioner_id": practitioner.pk})
    if request.method == "POST" and form.is_valid():
        try:
            services.practitioner_update(by=user, practitioner=practitioner, **form.cleaned_data)
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, _("Utøveren er lagret."))
            return redirect(back)
    return _form_page(request, form, _("Endre utøver"), back, "registry/practitioner_form.html")


@login_required
@require_http_methods(METHODS)
def practitioner_activity(request: HttpRequest, practitioner_id: int) -> HttpResponse:
    """Set the practitioner's status for a year: active or not, families, supervision."""
    user = _user(request)
    access.require_scope(user)
    practitioner = access.practitioner_for(user, practitioner_id)
    initial: dict[str, object] = {"year": timezone.localdate().year}
    raw_year = request.GET.get("year", "")
    if raw_year.isdigit():
        row = practitioner.years.filter(year=int(raw_year)).first()
        if row is not None:
            initial = {
                "year": row.year,
                "active": "1" if row.active else "0",
                "reason_left": row.reason_left,
                "families": row.families,
                "supervision_hours": row.supervision_hours,
            }
    form = ActivityForm(request.POST or None, initial=initial)
    back = reverse("registry:practitioner_detail", kwargs={"practitioner_id": practitioner.pk})
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_set(by=user, practitioner=practitioner, **form.cleaned_data)
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, _("Året er lagret."))
            return redirect(back)
    return _form_page(
        request,
        form,
        _("Status for et år: %(name)s") % {"name": practitioner},
        back,
        "registry/activity_form.html",
    )


@login_required
@require_http_methods(READ)
@reads_from_replica()
def falling_short(request: HttpRequest) -> HttpResponse:
    """Practitioners in the scope who did not meet their qualification's requirements."""
    user = _user(request)
    scope = access.require_scope(user)
    form = FallingShortForm(request.GET or {"year": timezone.localdate().year})
    shortfalls: list[selectors.Shortfall] = []
    year: int | None = None
    if form.is_valid():
        year = form.cleaned_data["year"]
        assert year is not None
        practitioners = None if scope.everything else list(access.practitioners_for(user))
        shortfalls = selectors.falling_short(year, practitioners)
    return render(
        request,
        "registry/falling_short.html",
        {
            "title": _("Oppfyller ikke kravene"),
            "form": form,
            "year": year,
            "shortfalls": shortfalls[:LIST_MAX],
            "total": len(shortfalls),
            "shown_max": LIST_MAX,
        },
        status=200 if form.is_valid() else 400,
    )
