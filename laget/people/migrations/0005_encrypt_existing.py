# Encrypts the names, contact data and national ids already stored, after filling the national
# ids' lookup hashes from the plaintext (laget/lib/crypto_rows.py). Reversible.

from django.db import migrations

from laget.lib.crypto_rows import encrypt_in_place


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_encrypted_fields"),
    ]

    operations = [
        encrypt_in_place(
            {
                "people.Subject": ["given_name", "family_name", "national_id"],
                "people.Guardian": ["name", "phone", "email", "national_id"],
            },
            hashes={
                "people.Subject": ("national_id", "national_id_hash"),
                "people.Guardian": ("national_id", "national_id_hash"),
            },
        ),
    ]
