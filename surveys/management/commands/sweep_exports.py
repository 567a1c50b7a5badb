from django.core.management.base import BaseCommand, CommandParser

from surveys.services import exports


class Command(BaseCommand):
    help = (
        "Send again export jobs left waiting (the broker was down) or stuck running (their worker "
        "died); run by celery beat every minute, or by cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            help="only jobs asked for at least this many seconds ago (default EXPORT_QUEUED_GRACE)",
        )

    def handle(self, *args, older_than: int | None, **options) -> None:
        waiting, stuck = exports.exports_sweep(older_than=older_than)
        self.stdout.write(f"Sent again: {waiting} waiting and {stuck} stuck export job(s).")
