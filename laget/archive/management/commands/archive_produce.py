"""Make the packages closed cases are missing: cases closed before the archive was set up, or
whose background task failed (docs/ARCHIVE.md). Safe to run again: a case with a package is
left alone."""

from typing import Any

from django.core.management.base import BaseCommand

from laget.archive.models import ArchivePackage
from laget.archive.services import archive_package_produce
from laget.cases.models import Case


class Command(BaseCommand):
    help = "Lager arkivpakker for avsluttede saker som mangler en."

    def handle(self, *args: Any, **options: Any) -> None:
        missing = (
            Case.objects.filter(closed_at__isnull=False)
            .exclude(pk__in=ArchivePackage.objects.values("case_id"))
            .order_by("closed_at", "pk")
            .values_list("pk", flat=True)
        )
        made = 0
        for case_id in missing.iterator(chunk_size=100):
            if archive_package_produce(case_id=case_id) is not None:
                made += 1
        self.stdout.write(f"{made} arkivpakke(r) laget")
