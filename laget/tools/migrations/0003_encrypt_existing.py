# Encrypts the answers and results of tools already filled in cases (laget/lib/crypto_rows.py).
# Reversible.

from django.db import migrations

from laget.lib.crypto_rows import encrypt_in_place


class Migration(migrations.Migration):
    dependencies = [
        ("tools", "0002_encrypted_fields"),
    ]

    operations = [
        encrypt_in_place(
            {"tools.FilledTool": ["answers", "band_label", "interpretation"]}
        ),
    ]
