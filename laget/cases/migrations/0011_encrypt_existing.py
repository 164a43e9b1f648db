# Encrypts the free text already stored in the log (laget/lib/crypto_rows.py). Reversible.

from django.db import migrations

from laget.lib.crypto_rows import encrypt_in_place


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_encrypted_fields"),
    ]

    operations = [
        encrypt_in_place(
            {
                "cases.Case": ["label", "close_reason"],
                "cases.LevelChange": ["reason"],
                "cases.BatonHandover": ["note"],
                "cases.Meeting": ["place", "agenda", "minutes"],
                "cases.Measure": ["title", "goal", "evaluation_text"],
                "cases.Entry": ["text"],
                "cases.Transition": ["note"],
            }
        ),
    ]
