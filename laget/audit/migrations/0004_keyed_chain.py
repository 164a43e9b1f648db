"""The chain gets a key (laget/audit/chain.py): each row names the key of LAGET_AUDIT_KEYS its
HMAC was made with; rows written before are re-hashed with the current key by 0005. prev_hash
becomes unique: a row has one successor, so concurrent appends cannot fork the chain."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_alter_auditevent_via")]

    operations = [
        migrations.AlterModelOptions(
            name="auditevent",
            options={"base_manager_name": "objects", "ordering": ["id"]},
        ),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(default="", max_length=16),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("prev_hash",), name="audit_one_successor"),
        ),
    ]
