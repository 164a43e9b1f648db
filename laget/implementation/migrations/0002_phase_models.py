"""Install the shipped phase models, BTI and TIBIR."""

from typing import Any

from django.db import migrations

from laget.implementation.phases import install_into


def install(apps: Any, schema_editor: Any) -> None:
    install_into(
        apps.get_model("implementation", "PhaseModel"),
        apps.get_model("implementation", "PhaseDefinition"),
    )


class Migration(migrations.Migration):
    dependencies = [("implementation", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
