from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0004_encrypt_existing"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(
                fields=("event", "recipient_hash"), name="notify_once_per_event"
            ),
        ),
    ]
