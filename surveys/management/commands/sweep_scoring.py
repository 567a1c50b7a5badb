from django.core.management.base import BaseCommand, CommandParser

from surveys.services import scoring


class Command(BaseCommand):
    help = (
        "Re-enqueue scoring left pending (the broker was down) or stuck (its worker died); "
        "run by celery beat every minute, or by cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            help="only work requested at least this many seconds ago (default SCORING_PENDING_GRACE)",
        )

    def handle(self, *args, older_than: int | None, **options) -> None:
        result = scoring.scoring_sweep(older_than=older_than)
        self.stdout.write(
            f"Pending {result.pending}, stuck {result.stuck}, given up {result.gave_up}; "
            f"enqueued {result.sent} of {result.pending + result.stuck}."
        )
