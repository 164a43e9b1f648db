from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from laget.registry.access import Scope
from laget.registry.importing import COLUMNS, ImportFileError, import_table, read_path
from laget.registry.models import Program


class Command(BaseCommand):
    help = (
        "Importerer utøvere, kvalifikasjoner, aktivitetsår (activity_years) eller antall "
        "familier fra CSV eller XLSX. Koder og navn leses uten hensyn til store og små "
        "bokstaver. Ingenting importeres hvis en rad er feil."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(COLUMNS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--program", default="tibir", help="Programmets slug.")

    def handle(self, *args: Any, **options: Any) -> None:
        kind: str = options["kind"]
        path: Path = options["file"]
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None and kind != "practitioners":
            raise CommandError(f"Ukjent program: {options['program']}")
        try:
            table = read_path(kind, path)
        except (ImportFileError, OSError) as e:
            raise CommandError(str(e)) from e
        with tqdm(total=2 * len(table.rows), unit="rad", file=self.stderr) as bar:
            result = import_table(
                kind, table, scope=Scope(everything=True), program=program, progress=bar.update
            )
        if result.errors:
            for row_error in result.errors:
                self.stderr.write(f"Rad {row_error.row}, {row_error.column}: {row_error.message}")
            raise CommandError(f"{len(result.errors)} feil i {path.name}; ingenting er importert.")
        self.stdout.write(f"{result.rows} rader: {result.created} nye, {result.updated} oppdatert.")
