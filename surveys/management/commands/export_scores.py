from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.spreadsheets import FORMATS, write_csv, write_xlsx
from surveys.models import Questionnaire
from surveys.selectors.dashboard import score_rows
from surveys.services.exports import export_record_command


class Command(BaseCommand):
    help = (
        "Export scores: agency,total,band,<pillar code>... per scored response; fractions at full "
        "precision, empty when not applicable."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--questionnaire", required=True, help="the questionnaire's code")
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output, CSV only)")

    def handle(self, *args, questionnaire: str, format: str, output: Path | None, **options) -> None:
        q = Questionnaire.objects.filter(code=questionnaire).first()
        if q is None:
            raise CommandError(f"no questionnaire with code {questionnaire!r}")
        header, rows = score_rows(questionnaire=q)
        if format == "xlsx":
            if output is None:
                raise CommandError("--format xlsx needs --output FILE")
            with output.open("wb") as stream:
                count = write_xlsx(stream, header, rows, title=q.code)
        elif output is None:
            count = write_csv(self.stdout, header, rows)
        else:
            with output.open("w", encoding="utf-8", newline="") as stream:
                count = write_csv(stream, header, rows)
        if output is not None:
            self.stdout.write(f"Wrote {count} rows to {output}.")
        export_record_command(
            questionnaire=q, kind="scores", fmt=format, rows=count, output=str(output or "-")
        )
