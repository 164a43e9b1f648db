"""`manage.py demo_population PATH`: write the demo's story families for the population
register's stand-in (`python -m laget.folkeregister.counterpart --population PATH`).

`./dev demo` runs it before it starts the stand-in, and seed_demo then finds the same people in
it (laget/demo/population.py makes them for the day). Once the demo is loaded, an existing file
is kept: the families in the database were identified from it, and a file made on a later day
would have other birth dates and national ids.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from laget.demo.population import population_document
from laget.demo.seed import demo_present
from laget.demo.stories import ALL_FAMILIES
from laget.lib.demo import ensure_demo_enabled


class Command(BaseCommand):
    help = (
        "Write the demo's fictional story families as a population document for the "
        "population register's stand-in (--population). Keeps the file once the demo is loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_demo_enabled()
        path: Path = options["path"]
        if path.exists() and demo_present():
            self.stdout.write(f"Kept {path}: the demo is loaded from it.")
            return
        population = population_document(ALL_FAMILIES, timezone.localdate())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(population.document, ensure_ascii=False, indent=1) + "\n")
        self.stdout.write(f"Wrote {len(population.child_ids)} story families to {path}.")
