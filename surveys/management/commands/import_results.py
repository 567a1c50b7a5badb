from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from surveys.files.results_csv import ResultsError, read_results
from surveys.services.imports import results_import


class Command(BaseCommand):
    help = (
        "Import an earlier cycle's results when only results exist (no answers): "
        "agency,total[,<pillar code>...] as fractions 0..1, into a results-only questionnaire."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--questionnaire", required=True, help="code, e.g. dg-readiness-2565")
        parser.add_argument("--year", type=int, help="Buddhist Era of the results, e.g. 2565")

    def handle(self, *args, file: Path, questionnaire: str, year: int | None, **options) -> None:
        try:
            pillars, results = read_results(file)
            count = results_import(
                questionnaire_code=questionnaire, year=year, pillars=pillars, results=results
            )
        except ResultsError as exc:
            for error in exc.errors:
                self.stderr.write(f"{file}: {error}")
            raise CommandError(f"{len(exc.errors)} problem(s); nothing was imported.") from exc
        self.stdout.write(f"{questionnaire}: {count} result(s) imported.")
