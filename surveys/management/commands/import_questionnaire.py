from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.problems import DefinitionError
from surveys.services.questionnaires import questionnaire_import, read_definition_file


class Command(BaseCommand):
    help = "Import a questionnaire definition (.yaml/.yml/.json, or .xlsx as XLSForm); --publish freezes it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--publish", action="store_true", help="publish: no later change allowed")

    def handle(self, *args, file: Path, publish: bool, **options) -> None:
        try:
            result = questionnaire_import(data=read_definition_file(file), publish=publish)
        except DefinitionError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(f"{len(exc.problems)} problem(s); nothing was imported.") from exc
        q = result.questionnaire
        state = "published" if q.is_published else "draft"
        self.stdout.write(f"{q.code}: {result.outcome} ({state}).")
