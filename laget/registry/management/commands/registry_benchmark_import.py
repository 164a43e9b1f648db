"""Benchmark (not a test): import a generated file of fictional practitioners and time it.

Everything runs in a transaction that is rolled back at the end, unless --keep is given, so the
database is left as it was. The file is written to a temporary folder with invented names from
a seeded random generator, so every run imports the same rows.
"""

import random
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from tqdm import tqdm

from laget.orgs.models import Municipality
from laget.registry.access import Scope
from laget.registry.importing import PRACTITIONERS, import_table, read_path

FIRST = ["Astrid", "Bjørn", "Cecilie", "Dag", "Eirin", "Frode", "Gro", "Helge", "Ingrid", "Jon"]
LAST = ["Almli", "Brekke", "Dyrhaug", "Eikrem", "Fossum", "Grinde", "Hovland", "Kvalvik"]
REGIONS = ["Nord", "Midt", "Vest", "Sør", "Øst"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Måler import av mange fiktive utøvere (standard 100 000 rader). Ikke en test."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--keep", action="store_true", help="Behold de importerte radene.")

    # The seconds of each import, for callers (the scale benchmark) that want the numbers.
    seconds: list[float]

    def handle(self, *args: Any, **options: Any) -> None:
        self.seconds = []
        rows: int = options["rows"]
        # Invented rows for a benchmark, not secrets: a seeded generator repeats the same file.
        rng = random.Random(options["seed"])  # noqa: S311
        try:
            with transaction.atomic():
                municipalities = [
                    Municipality.objects.get_or_create(
                        number=f"97{i:02d}",
                        defaults={"name": f"Målestokk {i}", "region": REGIONS[i % len(REGIONS)]},
                    )[0]
                    for i in range(40)
                ]
                with tempfile.TemporaryDirectory() as folder:
                    path = Path(folder) / "utovere.csv"
                    with path.open("w", encoding="utf-8") as f:
                        f.write("ref,fornavn,etternavn,epost,kommunenummer,arbeidsgiver,region\n")
                        for n in range(rows):
                            m = rng.choice(municipalities)
                            first, last = rng.choice(FIRST), rng.choice(LAST)
                            f.write(
                                f"BENK-{n:07d},{first},{last},b{n}@example.invalid,"
                                f"{m.number},,{m.region}\n"
                            )
                    for label in ("første import (nye)", "andre import (oppdatering)"):
                        start = time.perf_counter()
                        table = read_path(PRACTITIONERS, path)
                        with tqdm(total=2 * rows, unit="rad", file=self.stderr) as bar:
                            result = import_table(
                                PRACTITIONERS,
                                table,
                                scope=Scope(everything=True),
                                progress=bar.update,
                            )
                        seconds = time.perf_counter() - start
                        assert result.ok, result.errors[:5]
                        self.seconds.append(seconds)
                        self.stdout.write(
                            f"{connection.vendor}, {label}: {rows} rader på {seconds:.1f} s "
                            f"= {rows / seconds:,.0f} rader/s "
                            f"({result.created} nye, {result.updated} oppdatert)"
                        )
                if not options["keep"]:
                    raise Rollback
        except Rollback:
            self.stdout.write("Rullet tilbake; databasen er som før.")
