from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from surveys.files.response_csv import ResponseFileError
from surveys.models import Questionnaire
from surveys.services.imports import IMPORT_STATUSES, responses_import


class Command(BaseCommand):
    help = (
        "Import responses from CSV (agency,<question code>...): a choice code, codes joined by '|' "
        "for multi_choice, yes / no, a number; empty = unanswered. No evidence. All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--questionnaire", required=True, help="the questionnaire's code")
        parser.add_argument("--status", choices=IMPORT_STATUSES, default="submitted")

    def handle(self, *args, file: Path, questionnaire: str, status: str, **options) -> None:
        q = Questionnaire.objects.filter(code=questionnaire).first()
        if q is None:
            raise CommandError(f"no questionnaire with code {questionnaire!r}")
        if not q.is_published:
            raise CommandError(f"{questionnaire} is not published: publish it before importing responses")
        try:
            counts = responses_import(questionnaire=q, path=file, status=status)
        except ResponseFileError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} problem(s); nothing was imported.") from exc
        self.stdout.write(
            f"Imported {counts.responses} responses ({counts.answers} answers) to {q.code} as {status}. "
            f"Score them with: manage.py score --questionnaire {q.code}"
        )
