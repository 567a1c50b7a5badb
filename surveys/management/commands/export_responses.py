from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.spreadsheets import FORMATS, write_table
from surveys.files.exports import responses_table
from surveys.models import Questionnaire
from surveys.services.exports import export_record_command


class Command(BaseCommand):
    help = (
        "Export responses: agency,status,<question code>... one row per response, answers as "
        "import_responses reads them (codes joined by '|' for multiple choices). --labels adds the "
        "agency's name, the submission time (B.E.) and a second header row of Thai labels."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--questionnaire", required=True, help="the questionnaire's code")
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output, CSV only)")
        parser.add_argument("--labels", action="store_true", help="for people: names, B.E. dates, labels")

    def handle(
        self, *args, questionnaire: str, format: str, output: Path | None, labels: bool, **opts
    ) -> None:
        q = Questionnaire.objects.filter(code=questionnaire).first()
        if q is None:
            raise CommandError(f"no questionnaire with code {questionnaire!r}")
        if format == "xlsx" and output is None:
            raise CommandError("--format xlsx needs --output FILE")
        table = responses_table(questionnaire=q, people=labels)
        if output is None:
            count = write_table(self.stdout, table, format)
        else:
            if format == "xlsx":
                stream: IO[Any] = output.open("wb")
            else:
                stream = output.open("w", encoding="utf-8", newline="")
            with stream:
                count = write_table(stream, table, format)
            self.stdout.write(f"Wrote {count} rows to {output}.")
        export_record_command(
            questionnaire=q, kind="responses", fmt=format, rows=count, output=str(output or "-")
        )
