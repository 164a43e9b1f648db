"""Evaluations become their own rows (MeasureEvaluation): each measure's one evaluation, kept
so far on the measure and overwritten by the next, moves into a row, and the measure keeps only
its next evaluation date. Reversible: the newest evaluation goes back onto the measure."""

from typing import Any

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import laget.lib.crypto
from laget.cases.legacy import old_evaluation


# The rule is shared with the transfer importer (a package from before this change):
# laget/cases/legacy.py, a pure function of the old fields.
def move_evaluations(apps: Any, schema_editor: Any) -> None:
    Measure = apps.get_model("cases", "Measure")
    MeasureEvaluation = apps.get_model("cases", "MeasureEvaluation")
    Participant = apps.get_model("cases", "Participant")
    db = schema_editor.connection.alias  # the database migrated (the tests migrate two)
    rows = []
    for m in Measure.objects.using(db).exclude(outcome="").iterator():
        row = old_evaluation(
            outcome=m.outcome,
            text=m.evaluation_text,
            evaluated_at=m.evaluated_at,
            evaluated_by_id=m.evaluated_by_id,
            created_by_id=m.created_by_id,
            start_date=m.start_date,
            evaluation_date=m.evaluation_date,
            status=m.status,
        )
        if row is None:
            continue
        # The unit the author took part in the case for, as far as it can be told.
        unit_id = (
            Participant.objects.using(db)
            .filter(case_id=m.case_id, user_id=row["author_id"])
            .order_by("joined_at", "pk")
            .values_list("unit_id", flat=True)
            .first()
        )
        rows.append(MeasureEvaluation(measure_id=m.pk, author_unit_id=unit_id, **row))
    MeasureEvaluation.objects.using(db).bulk_create(rows, batch_size=500)


def move_back(apps: Any, schema_editor: Any) -> None:
    Measure = apps.get_model("cases", "Measure")
    MeasureEvaluation = apps.get_model("cases", "MeasureEvaluation")
    db = schema_editor.connection.alias
    newest: dict[int, Any] = {}
    for e in (
        MeasureEvaluation.objects.using(db).order_by("evaluated_on", "created_at", "pk").iterator()
    ):
        newest[e.measure_id] = e
    for measure_id, e in newest.items():
        m = Measure.objects.using(db).get(pk=measure_id)
        m.outcome = e.outcome
        m.evaluation_text = e.text
        m.evaluated_at = e.created_at
        m.evaluated_by_id = e.author_id
        m.save(update_fields=["outcome", "evaluation_text", "evaluated_at", "evaluated_by"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_case_anonymised_at"),
        ("orgs", "0005_archivist_membership"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="recurrence",
            field=models.CharField(
                blank=True,
                choices=[
                    ("daily", "Hver dag"),
                    ("school_days", "Hver skole- eller barnehagedag"),
                    ("weekly", "Hver uke"),
                    ("monthly", "Hver måned"),
                ],
                max_length=20,
                verbose_name="gjentas",
            ),
        ),
        migrations.AlterField(
            model_name="measure",
            name="arena",
            field=models.CharField(
                choices=[
                    ("home", "Hjemme"),
                    ("kindergarten", "Barnehage"),
                    ("school", "Skole"),
                    ("health_clinic", "Helsestasjon"),
                    ("after_school", "SFO (skolefritidsordningen)"),
                    ("ppt", "PPT"),
                    ("other", "Annet"),
                ],
                max_length=20,
                verbose_name="arena",
            ),
        ),
        migrations.CreateModel(
            name="MeasureEvaluation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("evaluated_on", models.DateField(verbose_name="evaluert dato")),
                ("due_on", models.DateField(verbose_name="skulle evalueres")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("worked", "Virket"),
                            ("partly", "Virket delvis"),
                            ("did_not", "Virket ikke"),
                        ],
                        max_length=10,
                        verbose_name="resultat",
                    ),
                ),
                (
                    "text",
                    laget.lib.crypto.EncryptedTextField(
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="hva evalueringen viste",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "Planlagt"),
                            ("active", "Pågår"),
                            ("completed", "Fullført"),
                            ("stopped", "Avbrutt"),
                        ],
                        max_length=10,
                        verbose_name="tiltaket nå",
                    ),
                ),
                (
                    "next_evaluation_on",
                    models.DateField(blank=True, null=True, verbose_name="neste evaluering"),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "author_unit",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orgs.unit",
                    ),
                ),
                (
                    "measure",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evaluations",
                        to="cases.measure",
                    ),
                ),
            ],
            options={
                "verbose_name": "evaluering",
                "verbose_name_plural": "evalueringer",
                "ordering": ["-evaluated_on", "-created_at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("next_evaluation_on__isnull", True),
                            ("next_evaluation_on__gt", models.F("evaluated_on")),
                            _connector="OR",
                        ),
                        name="evaluation_next_after_evaluated",
                    )
                ],
            },
        ),
        migrations.RunPython(move_evaluations, move_back),
        migrations.RemoveField(
            model_name="measure",
            name="evaluated_at",
        ),
        migrations.RemoveField(
            model_name="measure",
            name="evaluated_by",
        ),
        migrations.RemoveField(
            model_name="measure",
            name="evaluation_text",
        ),
        migrations.RemoveField(
            model_name="measure",
            name="outcome",
        ),
    ]
