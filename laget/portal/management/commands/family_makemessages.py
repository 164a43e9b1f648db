"""`manage.py family_makemessages -l se -l ar …`: the families' languages' message files,
with the family side's messages only (laget.portal.family_messages).

Django's makemessages does the work (xgettext, msgmerge; translations already made are kept);
this narrows the files it reads. Staff languages keep using makemessages itself
(`makemessages -l en`), which reads every file.
"""

from typing import Any

from django.core.management.base import CommandError
from django.core.management.commands import makemessages

from laget.lib.languages import FAMILY_CODES, STAFF_CODES
from laget.portal.family_messages import is_family_source


class Command(makemessages.Command):
    help = "Update the families' languages' message files with the family side's messages."

    def find_files(self, root: str) -> list[Any]:
        # TranslatableFile.path exists (a property) but is missing from django-stubs.
        return [f for f in super().find_files(root) if is_family_source(f.path)]  # type: ignore[attr-defined]

    def handle(self, *args: Any, **options: Any) -> None:
        locales = options.get("locale") or []
        wrong = [code for code in locales if code not in FAMILY_CODES - STAFF_CODES]
        if wrong or not locales:
            raise CommandError(
                "Give the families' languages with -l (not bokmål or English, whose message "
                f"file has every message): {', '.join(sorted(FAMILY_CODES - STAFF_CODES))}"
            )
        options["no_location"] = True
        super().handle(*args, **options)
