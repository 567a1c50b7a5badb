from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from readiness_portal.backup import MANIFEST, BackupError, restore


class Command(BaseCommand):
    help = "Replace the database and the evidence files with a backup folder's, then verify them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, folder: Path, yes: bool, **options) -> None:
        if not (folder / MANIFEST).exists():
            raise CommandError(f"{folder} is not a backup folder (no {MANIFEST}).")
        if not yes and input(f"Replace ALL current data with {folder}? Type 'yes': ").strip() != "yes":
            raise CommandError("Cancelled; nothing was changed.")
        try:
            manifest = restore(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {rows} rows and {len(manifest['files'])} files from {folder}; verified.")
