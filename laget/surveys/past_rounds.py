"""Past rounds brought in afterwards: a municipality's earlier surveys with their real dates, as
answers (one row per person) or as counts (per service, question and option) from a CSV or XLSX
file. Every row is checked first; one error anywhere and nothing is saved, and each error names
its row, so the file can be fixed and sent again.

Answers file: a column "Enhet" (a unit of the municipality, by name) and a column per question
(headed by the question's key or text), each holding an option's text or value. A blank cell is
a question the person did not answer.

Counts file: columns "Tjeneste" (barnehage, skole, … or the kind's value), "Spørsmål" (key or
text), "Svar" (option text or value) and "Antall". Answers per service are the most any question
was answered there.
"""

import csv
import datetime
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.orgs.models import Unit, UnitKind
from laget.surveys.models import (
    Answer,
    Option,
    PastCount,
    PastGroup,
    Question,
    Questionnaire,
    Response,
    Round,
    RoundSource,
    RoundUnit,
)
from laget.surveys.services import MSG_DATES, MSG_NOT_PUBLISHED, MSG_PREVIOUS

Cell = str | int | float | datetime.date | None

MSG_NOT_PAST = gettext_lazy("En tidligere runde må ha stengt før i dag.")
MSG_FILE_KIND = gettext_lazy("Last opp en CSV- eller XLSX-fil.")
MSG_FILE_UNREADABLE = gettext_lazy("Filen kan ikke leses som et regneark.")
MSG_FILE_ENCODING = gettext_lazy("CSV-filen må være lagret som UTF-8.")
MSG_FILE_EMPTY = gettext_lazy("Filen har ingen rader med svar.")
MSG_ROWS = gettext_lazy("Ingenting er lagret. Rett radene under og last opp filen igjen.")

ANSWERS_UNIT = ("enhet", "unit")
COUNTS_COLUMNS = {
    "kind": ("tjeneste", "service"),
    "question": ("spørsmål", "sporsmal", "question"),
    "option": ("svar", "answer"),
    "count": ("antall", "count"),
}


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass(frozen=True)
class RowError:
    row: int  # the row's number in the file, the heading being row 1
    message: str

    def __str__(self) -> str:
        return _("Rad %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class ImportRowsError(ValidationError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__([str(e) for e in errors], code="rows")
        self.rows = errors


def read_rows(source: IO[bytes], filename: str) -> list[list[Cell]]:
    """Every row of a CSV (comma or semicolon, UTF-8) or the first sheet of an XLSX file."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(source, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(MSG_FILE_UNREADABLE) from e
        try:
            return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    if not name.endswith((".csv", ".txt")):
        raise ImportFileError(MSG_FILE_KIND)
    try:
        text = source.read().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportFileError(MSG_FILE_ENCODING) from e
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _key(value: Cell) -> str:
    return " ".join(_text(value).casefold().split())


def _numbered(rows: list[list[Cell]]) -> Iterator[tuple[int, list[Cell]]]:
    for number, row in enumerate(rows[1:], start=2):
        if any(_text(v) for v in row):
            yield number, row


class _Questions:
    """The questionnaire's questions and options, found by key or text, value or label."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questions = list(questionnaire.questions.prefetch_related("options"))
        self.by_name: dict[str, Question] = {}
        for q in self.questions:
            self.by_name[_key(q.text)] = q
            if q.slug:
                self.by_name[_key(q.slug)] = q
        self.options: dict[int, dict[str, Option]] = {}
        for q in self.questions:
            found: dict[str, Option] = {}
            for o in q.options.all():
                found[_key(o.value)] = o
                found[_key(o.label)] = o
            self.options[q.pk] = found

    def question(self, name: Cell) -> Question | None:
        return self.by_name.get(_key(name))

    def option(self, question: Question, name: Cell) -> Option | None:
        return self.options[question.pk].get(_key(name))


def _kind(name: Cell) -> str | None:
    wanted = _key(name)
    for kind in UnitKind:
        if wanted in (_key(kind.value), _key(str(kind.label))):
            return kind.value
    return None


def _check_round(
    questionnaire: Questionnaire,
    opens_on: datetime.date,
    closes_on: datetime.date,
    previous: Round | None,
    today: datetime.date,
) -> None:
    if not questionnaire.is_published:
        raise ValidationError(MSG_NOT_PUBLISHED, code="unpublished")
    if closes_on < opens_on:
        raise ValidationError({"closes_on": MSG_DATES})
    if closes_on >= today:
        raise ValidationError({"closes_on": MSG_NOT_PAST})
    if previous is not None and previous.questionnaire.municipality_id != (
        questionnaire.municipality_id
    ):
        raise ValidationError({"previous": MSG_PREVIOUS})


def _new_round(
    questionnaire: Questionnaire,
    name: str,
    kind: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    previous: Round | None,
    source: str,
) -> Round:
    round_ = Round(
        questionnaire=questionnaire,
        name=name.strip(),
        kind=kind,
        opens_on=opens_on,
        closes_on=closes_on,
        closed_on=closes_on,
        previous=previous,
        source=source,
    )
    round_.full_clean()
    round_.save()
    return round_


def _parse_answers(
    rows: list[list[Cell]], questions: _Questions, units: Mapping[str, Unit]
) -> tuple[list[tuple[Unit, list[tuple[Question, Option]]]], list[RowError]]:
    if not rows:
        raise ImportFileError(MSG_FILE_EMPTY)
    heading = [_key(h) for h in rows[0]]
    unit_column = next((i for i, h in enumerate(heading) if h in ANSWERS_UNIT), None)
    errors: list[RowError] = []
    if unit_column is None:
        errors.append(RowError(1, _("Filen mangler kolonnen «Enhet».")))
    columns: dict[int, Question] = {}
    for i, h in enumerate(heading):
        if i == unit_column or not h:
            continue
        q = questions.question(h)
        if q is None:
            errors.append(
                RowError(
                    1,
                    _("Kolonnen «%(name)s» er ikke et spørsmål i skjemaet.")
                    % {"name": _text(rows[0][i])},
                )
            )
        else:
            columns[i] = q
    if errors:
        return [], errors
    assert unit_column is not None
    people: list[tuple[Unit, list[tuple[Question, Option]]]] = []
    for number, row in _numbered(rows):
        cell = row[unit_column] if unit_column < len(row) else None
        unit = units.get(_key(cell))
        if unit is None:
            errors.append(
                RowError(
                    number, _("Fant ingen enhet «%(name)s» i kommunen.") % {"name": _text(cell)}
                )
            )
        chosen: list[tuple[Question, Option]] = []
        for i, q in columns.items():
            value = row[i] if i < len(row) else None
            if not _text(value):
                continue
            option = questions.option(q, value)
            if option is None:
                errors.append(
                    RowError(
                        number,
                        _("«%(value)s» er ikke et svar på «%(question)s».")
                        % {"value": _text(value), "question": q.text},
                    )
                )
            else:
                chosen.append((q, option))
        if not chosen:
            errors.append(RowError(number, _("Raden har ingen svar.")))
        if unit is not None:
            people.append((unit, chosen))
    if not people and not errors:
        raise ImportFileError(MSG_FILE_EMPTY)
    return people, errors


@transaction.atomic
def past_round_from_answers(
    *,
    questionnaire: Questionnaire,
    name: str,
    kind: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    previous: Round | None,
    invited: Mapping[Unit, int],
    rows: list[list[Cell]],
    today: datetime.date,
) -> Round:
    """A closed round with its real dates and one response per row. All or nothing: any row's
    error raises ImportRowsError listing every error, and nothing is saved."""
    _check_round(questionnaire, opens_on, closes_on, previous, today)
    units = {_key(u.name): u for u in Unit.objects.filter(municipality=questionnaire.municipality)}
    people, errors = _parse_answers(rows, _Questions(questionnaire), units)
    if errors:
        raise ImportRowsError(errors)
    round_ = _new_round(
        questionnaire, name, kind, opens_on, closes_on, previous, RoundSource.ANSWERS
    )
    used = {unit for unit, _chosen in people}
    links = {
        unit: RoundUnit.objects.create(round=round_, unit=unit, invited=invited.get(unit, 0))
        for unit in sorted(used | {u for u, n in invited.items() if n > 0}, key=lambda u: u.pk)
    }
    responses = [Response(round_unit=links[unit]) for unit, _chosen in people]
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(
        Answer(response=response, question=q, option=o)
        for response, (_unit, chosen) in zip(responses, people, strict=True)
        for q, o in chosen
    )
    return round_


def _parse_counts(
    rows: list[list[Cell]], questions: _Questions
) -> tuple[dict[tuple[str, Question, Option], int], list[RowError]]:
    if not rows:
        raise ImportFileError(MSG_FILE_EMPTY)
    heading = [_key(h) for h in rows[0]]
    where: dict[str, int] = {}
    for key, names in COUNTS_COLUMNS.items():
        found = next((i for i, h in enumerate(heading) if h in names), None)
        if found is not None:
            where[key] = found
    missing = [names[0].capitalize() for key, names in COUNTS_COLUMNS.items() if key not in where]
    if missing:
        return {}, [
            RowError(
                1, _("Filen mangler kolonnene: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        ]
    counts: dict[tuple[str, Question, Option], int] = {}
    errors: list[RowError] = []
    for number, row in _numbered(rows):

        def cell(key: str, row: list[Cell] = row) -> Cell:
            i = where[key]
            return row[i] if i < len(row) else None

        kind = _kind(cell("kind"))
        if kind is None:
            errors.append(
                RowError(number, _("Ukjent tjeneste «%(name)s».") % {"name": _text(cell("kind"))})
            )
        q = questions.question(cell("question"))
        option = None
        if q is None:
            errors.append(
                RowError(
                    number,
                    _("«%(name)s» er ikke et spørsmål i skjemaet.")
                    % {"name": _text(cell("question"))},
                )
            )
        else:
            option = questions.option(q, cell("option"))
            if option is None:
                errors.append(
                    RowError(
                        number,
                        _("«%(value)s» er ikke et svar på «%(question)s».")
                        % {"value": _text(cell("option")), "question": q.text},
                    )
                )
        text = _text(cell("count")).replace(" ", "")
        if not text.isdigit():
            errors.append(RowError(number, _("Antall må være et helt tall, 0 eller mer.")))
            continue
        if kind is None or q is None or option is None:
            continue
        entry = (kind, q, option)
        if entry in counts:
            errors.append(RowError(number, _("Samme tjeneste, spørsmål og svar står to ganger.")))
        counts[entry] = int(text)
    if not counts and not errors:
        raise ImportFileError(MSG_FILE_EMPTY)
    return counts, errors


@transaction.atomic
def past_round_from_counts(
    *,
    questionnaire: Questionnaire,
    name: str,
    kind: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    previous: Round | None,
    invited: Mapping[str, int],
    rows: list[list[Cell]],
    today: datetime.date,
) -> Round:
    """A closed round with its real dates and the counts per service, question and option.
    `invited` maps a unit kind to the number asked there. All or nothing, as for answers."""
    _check_round(questionnaire, opens_on, closes_on, previous, today)
    counts, errors = _parse_counts(rows, _Questions(questionnaire))
    if errors:
        raise ImportRowsError(errors)
    round_ = _new_round(
        questionnaire, name, kind, opens_on, closes_on, previous, RoundSource.COUNTS
    )
    answered: dict[tuple[str, int], int] = defaultdict(int)
    for (unit_kind, q, _o), n in counts.items():
        answered[unit_kind, q.pk] += n
    per_kind: dict[str, int] = defaultdict(int)
    for (unit_kind, _q), n in answered.items():
        per_kind[unit_kind] = max(per_kind[unit_kind], n)
    PastGroup.objects.bulk_create(
        PastGroup(round=round_, unit_kind=k, responses=n, invited=invited.get(k, 0))
        for k, n in sorted(per_kind.items())
    )
    PastCount.objects.bulk_create(
        PastCount(round=round_, unit_kind=k, question=q, option=o, count=n)
        for (k, q, o), n in counts.items()
    )
    return round_


def invited_by_kind(invited: Mapping[Unit, int]) -> dict[str, int]:
    by_kind: dict[str, int] = defaultdict(int)
    for unit, n in invited.items():
        by_kind[unit.kind] += n
    return dict(by_kind)


def template_rows(questionnaire: Questionnaire, counts: bool) -> Iterable[list[str]]:
    """The heading row a file needs (for the form's hint)."""
    if counts:
        return [["Tjeneste", "Spørsmål", "Svar", "Antall"]]
    keys = [q.slug or q.text for q in questionnaire.questions.all()]
    return [["Enhet", *keys]]
