from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from readiness_portal.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the evidence files into a new folder under --output."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=Path("backups"))

    def handle(self, *args, output: Path, **options) -> None:
        try:
            folder = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup written to {folder}")
