from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.problems import DefinitionError
from surveys.services.questionnaires import questionnaire_import, read_definition_with_warnings


class Command(BaseCommand):
    help = (
        "Import a questionnaire definition (.yaml/.yml/.json, or .xlsx as XLSForm, docs/xlsform.md); "
        "--publish freezes it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--publish", action="store_true", help="publish: no later change allowed")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="refuse the import when anything would be dropped (warnings)",
        )
        parser.add_argument(
            "--default-pillar",
            help="XLSForm: the code of the pillar for questions outside any group (default: main)",
        )

    def handle(
        self, *args, file: Path, publish: bool, strict: bool, default_pillar: str | None, **options
    ) -> None:
        try:
            read = read_definition_with_warnings(file, default_pillar=default_pillar)
            warnings = read.warnings
            for warning in warnings:
                self.stderr.write(f"{file}: warning: {warning}")
            if strict and warnings:
                raise CommandError(f"{len(warnings)} warning(s) and --strict; nothing was imported.")
            result = questionnaire_import(
                data=read.data, publish=publish, warnings=warnings, definition=read.definition
            )
        except DefinitionError as exc:
            for warning in exc.warnings:
                self.stderr.write(f"{file}: warning: {warning}")
            for problem in exc.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(f"{len(exc.problems)} problem(s); nothing was imported.") from exc
        q = result.questionnaire
        state = "published" if q.is_published else "draft"
        said = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
        self.stdout.write(f"{q.code}: {result.outcome} ({state}){said}.")
