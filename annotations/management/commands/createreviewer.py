"""`manage.py createreviewer USERNAME --role reviewer|editor|admin`."""
import getpass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from verify.roles import ROLES
from annotations.services import user_create_with_role


class Command(BaseCommand):
    help = "Create (or update) a desk user with a role; the password comes from a prompt or a file."
    # As Django's createsuperuser: creating a user needs no project-wide system checks (half a second).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=ROLES, default="reviewer")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-file", help="Read the password from the first line of this file.")

    def handle(self, *args, **options):
        password = self._password(options.get("password_file"))
        try:
            user, created = user_create_with_role(
                username=options["username"], password=password, role=options["role"], email=options["email"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} {options['role']} {user.username}.")

    def _password(self, path: str | None) -> str:
        if path:
            try:
                return Path(path).read_text(encoding="utf-8").splitlines()[0]
            except (OSError, IndexError) as exc:
                raise CommandError(f"Cannot read a password from {path}.") from exc
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return first
