from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.files.registry import RegistryError
from agencies.services.officers import officers_import


class Command(BaseCommand):
    help = "Import officers from CSV (email,name,agency,role); new people get a set-password e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "PORTAL_BASE_URL", "http://127.0.0.1:8000"),
            help="the portal's address, for the links in the e-mails",
        )

    def handle(self, *args, file: Path, base_url: str, **options) -> None:
        try:
            result = officers_import(path=file, base_url=base_url)
        except RegistryError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} problem(s); nothing was imported.") from exc
        self.stdout.write(f"{result.created} officer(s) created and invited, {result.updated} updated.")
