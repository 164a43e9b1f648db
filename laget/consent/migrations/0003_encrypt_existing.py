# Encrypts the consents' purposes, notes and closing requests already stored
# (laget/lib/crypto_rows.py). Reversible.

from django.db import migrations

from laget.lib.crypto_rows import encrypt_in_place


class Migration(migrations.Migration):
    dependencies = [
        ("consent", "0002_encrypted_fields"),
    ]

    operations = [
        encrypt_in_place(
            {
                "consent.Consent": ["purpose"],
                "consent.ConsentEvent": ["note"],
                "consent.ClosingRequest": ["reason"],
            }
        ),
    ]
