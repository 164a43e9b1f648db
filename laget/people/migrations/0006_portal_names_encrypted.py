# Family portal users made before names were encrypted carry the guardian's or the child's name
# in first_name/last_name: moved to the encrypted portal_name (laget/lib/crypto.py). Reversible.

from django.db import migrations
from django.db.models import Q


def forward(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    family = Q(guardianships__isnull=False) | Q(subjects__isnull=False)
    for user in User.objects.filter(family).exclude(first_name="", last_name="").distinct():
        name = f"{user.first_name} {user.last_name}".strip()
        User.objects.filter(pk=user.pk).update(first_name="", last_name="", portal_name=name)


def backward(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(portal_name=""):
        User.objects.filter(pk=user.pk).update(first_name=user.portal_name[:150], portal_name="")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_portal_name"),
        ("people", "0005_encrypt_existing"),
    ]

    operations = [migrations.RunPython(forward, backward)]
