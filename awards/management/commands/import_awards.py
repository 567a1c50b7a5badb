from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from awards.files.award_file import read_awards_file
from awards.services.imports import awards_import
from common.problems import DefinitionError


class Command(BaseCommand):
    help = "Import an award file (.yaml/.yml/.json; docs/contract.md): its categories, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            awards = awards_import(data=read_awards_file(file))
        except DefinitionError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(f"{len(exc.problems)} problem(s); nothing was imported.") from exc
        self.stdout.write(f"{awards.code}: {awards.categories.count()} categories.")
