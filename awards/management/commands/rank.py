from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from awards.models import Awards
from awards.services.ranking import awards_rank, awards_request_ranking


class Command(BaseCommand):
    help = "Rank every category of an award file: enqueue the job, or run it here with --sync."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--awards", required=True, help="award file code")
        parser.add_argument("--sync", action="store_true", help="rank in this process, not on a worker")

    def handle(self, *args, awards: str, sync: bool, **options) -> None:
        found = Awards.objects.filter(code=awards).first()
        if found is None:
            raise CommandError(f"No award file with code {awards!r}; import it first.")
        if sync:
            rankings = awards_rank(awards_id=found.pk)
            for ranking in rankings:
                entries = ranking.entries
                ranked, winners = entries.filter(eligible=True).count(), entries.filter(winner=True).count()
                others = entries.filter(eligible=False).count()
                self.stdout.write(
                    f"{ranking.category.code}: {ranked} ranked, {winners} winner(s), {others} not eligible."
                )
            return
        with transaction.atomic():
            awards_request_ranking(awards=found)
        self.stdout.write(f"{found.code}: ranking enqueued.")
