"""`manage.py second_factor_reset <username>`: remove a staff user's authenticator and recovery
codes, for someone who has lost both the phone and the codes. Done by operations on the
municipality's written request, after the person's identity is checked outside Laget. The
user's sessions and API tokens end too; if a second factor is required of them, the next
password sign-in sets up a new authenticator."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.accounts.models import User
from laget.accounts.services import user_sign_out_everywhere
from laget.signin.devices import has_authenticator, second_factor_remove


class Command(BaseCommand):
    help = "Remove a user's authenticator and recovery codes (lost phone and codes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError("No user has that username.")
        if not has_authenticator(user):
            self.stdout.write("The user has no authenticator: nothing to remove.")
            return
        second_factor_remove(user=user)
        ended = user_sign_out_everywhere(user=user)
        self.stdout.write(
            f"Removed the authenticator and recovery codes of user {user.pk}; "
            f"ended {ended} sessions and tokens."
        )
