from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from awards.files.rankings import ranking_rows, write_csv, write_xlsx
from awards.models import Awards


class Command(BaseCommand):
    help = "Export the live rankings: category,rank,agency,score,winner,eligible,reason."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--awards", required=True, help="award file code")
        parser.add_argument("--category", help="one category code (default: every category)")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output, CSV only)")

    def handle(self, *args, awards: str, category: str | None, format: str, output: Path | None, **opts):
        found = Awards.objects.filter(code=awards).first()
        if found is None:
            raise CommandError(f"No award file with code {awards!r}.")
        categories = found.categories.select_related("ranking")
        if category:
            categories = categories.filter(code=category)
            if not categories.exists():
                raise CommandError(f"No category {category!r} in {awards!r}.")
        if format == "xlsx" and output is None:
            raise CommandError("--format xlsx needs --output FILE.")
        rows = ranking_rows(categories)
        if format == "xlsx":
            write_xlsx(rows, output)
        elif output is None:
            write_csv(rows, self.stdout)
        else:
            with output.open("w", encoding="utf-8-sig", newline="") as out:
                write_csv(rows, out)
        if output is not None:
            self.stdout.write(f"Wrote {output}.")
