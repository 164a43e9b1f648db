# The recipient's address encrypted (laget/lib/crypto.py), with a keyed hash of it for "one
# email per event and person": the constraint moves to the hash once it is filled (0005).

import laget.lib.crypto
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0002_case_notice_kind"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="notification",
            name="notify_once_per_event",
        ),
        migrations.AddField(
            model_name="notification",
            name="recipient_hash",
            field=laget.lib.crypto.LookupHashField(
                blank=True,
                casefold=True,
                db_index=False,
                editable=False,
                max_length=64,
                source="recipient",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="recipient",
            field=laget.lib.crypto.EncryptedEmailField(max_length=254),
        ),
    ]
