from typing import Any

from django.core.management.base import BaseCommand

from laget.registry.programs import install_tibir


class Command(BaseCommand):
    help = "Installerer TIBIR-programmet med intervensjoner og kvalifikasjoner (kan kjøres flere ganger)."

    def handle(self, *args: Any, **options: Any) -> None:
        program = install_tibir()
        self.stdout.write(
            f"{program.name}: {program.interventions.count()} intervensjoner, "
            f"{program.qualification_types.count()} kvalifikasjonstyper."
        )
