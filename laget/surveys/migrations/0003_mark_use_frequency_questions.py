"""Surveys made before the explicit mark relied on the hidden key "use_frequency" for the usage
chart: mark those questions (a choice or scale question, at most one per questionnaire, which the
slug's uniqueness already gives)."""

from django.db import migrations

HIDDEN_KEY = "use_frequency"


def mark(apps, schema_editor):
    Question = apps.get_model("surveys", "Question")
    Question.objects.filter(slug=HIDDEN_KEY, kind__in=["choice", "scale"]).update(
        is_use_frequency=True
    )


def unmark(apps, schema_editor):
    Question = apps.get_model("surveys", "Question")
    Question.objects.filter(is_use_frequency=True).update(is_use_frequency=False)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_use_frequency_flag_and_past_rounds")]

    operations = [migrations.RunPython(mark, unmark)]
