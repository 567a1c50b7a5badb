from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser

from surveys.files.xlsform_export import write_xlsform
from surveys.models import Questionnaire


class Command(BaseCommand):
    help = (
        "Export a questionnaire's definition as YAML or as an XLSForm workbook (docs/xlsform.md) "
        "that import_questionnaire reads back into the same definition."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the questionnaire's code")
        parser.add_argument("--format", choices=("xlsx", "yaml"), default="yaml")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output, YAML only)")

    def handle(self, *args, code: str, format: str, output: Path | None, **options) -> None:
        q = Questionnaire.objects.filter(code=code).first()
        if q is None:
            raise CommandError(f"no questionnaire with code {code!r}")
        if format == "xlsx":
            if output is None:
                raise CommandError("--format xlsx needs --output FILE")
            output.write_bytes(write_xlsform(q.definition))
            return
        text = yaml.safe_dump(q.definition, allow_unicode=True, sort_keys=False, width=110)
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
