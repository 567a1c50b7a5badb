from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.files.registry import RegistryError
from agencies.services.registry import registry_import


class Command(BaseCommand):
    help = (
        "Import the agency registry from CSV (code,name_th[,name_en,abbr_th,abbr_en,ministry,kind,"
        "province,changed_on]); optionally ministries and provinces first, former names last. "
        "A rename or a move keeps the old name. All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="agencies CSV")
        parser.add_argument("--ministries", type=Path, help="ministries CSV (code,name_th,...)")
        parser.add_argument("--provinces", type=Path, help="provinces CSV (code,name_th,name_en,region)")
        parser.add_argument(
            "--history",
            type=Path,
            help="former names CSV (code,valid_until,name_th,name_en,abbr_th,abbr_en,ministry)",
        )

    def handle(
        self,
        *args,
        file: Path,
        ministries: Path | None,
        provinces: Path | None,
        history: Path | None,
        **options,
    ):
        try:
            counts = registry_import(
                agencies=file, ministries=ministries, provinces=provinces, history=history
            )
        except RegistryError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} problem(s); nothing was imported.") from exc
        self.stdout.write(
            f"Imported {counts.ministries} ministries, {counts.provinces} provinces, "
            f"{counts.agencies} agencies ({counts.renamed} renamed or moved)."
        )
