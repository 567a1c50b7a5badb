from django.core.management.base import BaseCommand, CommandParser

from surveys.services import reminders


class Command(BaseCommand):
    help = (
        "E-mail the officers and approvers of every target agency that has not submitted, on the "
        "days before its close date in REMINDER_DAYS, and the approvers of responses waiting for "
        "approval; at most one reminder of a kind per person per day. Run daily by celery beat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="print who would be reminded of what; send nothing"
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        planned = reminders.reminders_due()
        if dry_run:
            for item in planned:
                self.stdout.write(
                    f"would remind {item.user.email}\t{item.kind}\t{item.agency.code}\t"
                    f"{item.days_left} day(s) left"
                )
            self.stdout.write(f"Dry run: {len(planned)} reminder(s) due, none sent.")
            return
        sent = reminders.reminders_send(planned=planned)
        for item in sent:
            self.stdout.write(f"reminded {item.user.email}\t{item.kind}\t{item.agency.code}")
        self.stdout.write(f"Sent {len(sent)} of {len(planned)} reminder(s) due (the rest were sent today).")
