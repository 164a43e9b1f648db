"""People belong to the case: a person record shared by several cases is split, one record per
case, each with its own copies of the guardians, and whatever in a case pointed to a guardian
(invitations, entries, consent parties, closing requests) points to that case's copy."""

from django.conf import settings
from django.db import migrations, models


def split_shared_subjects(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Subject = apps.get_model("people", "Subject")
    Guardian = apps.get_model("people", "Guardian")
    MeetingAttendee = apps.get_model("cases", "MeetingAttendee")
    Entry = apps.get_model("cases", "Entry")
    ConsentParty = apps.get_model("consent", "ConsentParty")
    ClosingRequest = apps.get_model("consent", "ClosingRequest")

    shared = (
        Case.objects.filter(subject__isnull=False)
        .values("subject_id")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
        .values_list("subject_id", flat=True)
    )
    for subject in Subject.objects.filter(pk__in=list(shared)):
        guardians = list(Guardian.objects.filter(subject=subject))
        # The oldest case keeps the record; every later one gets its own copy.
        for case in Case.objects.filter(subject=subject).order_by("id")[1:]:
            copy = Subject.objects.get(pk=subject.pk)
            copy.pk = None
            copy.save()
            Case.objects.filter(pk=case.pk).update(subject=copy)
            for guardian in guardians:
                old_id = guardian.pk
                new = Guardian.objects.get(pk=old_id)
                new.pk = None
                new.subject = copy
                new.save()
                MeetingAttendee.objects.filter(meeting__case=case, guardian_id=old_id).update(
                    guardian=new
                )
                Entry.objects.filter(case=case, author_guardian_id=old_id).update(
                    author_guardian=new
                )
                ConsentParty.objects.filter(consent__case=case, guardian_id=old_id).update(
                    guardian=new
                )
                ClosingRequest.objects.filter(case=case, guardian_id=old_id).update(guardian=new)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_guide_step"),
        ("consent", "0001_initial"),
        ("orgs", "0001_initial"),
        ("people", "0003_subject_per_case"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(split_shared_subjects, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.UniqueConstraint(
                condition=models.Q(("subject__isnull", False)),
                fields=("subject",),
                name="case_own_subject",
            ),
        ),
    ]
