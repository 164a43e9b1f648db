# Fills the recipients' hashes and encrypts the addresses already queued or sent
# (laget/lib/crypto_rows.py). Reversible.

from django.db import migrations

from laget.lib.crypto_rows import encrypt_in_place


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0003_encrypted_recipient"),
    ]

    operations = [
        encrypt_in_place(
            {"notify.Notification": ["recipient"]},
            hashes={"notify.Notification": ("recipient", "recipient_hash")},
        ),
    ]
