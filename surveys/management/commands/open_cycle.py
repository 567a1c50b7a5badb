from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import Agency, AgencyKind
from surveys.models import Questionnaire
from surveys.services.cycles import cycle_open


class Command(BaseCommand):
    help = "Create (or update) a survey cycle and target every agency of the given kinds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Buddhist Era, e.g. 2566")
        parser.add_argument("--questionnaire", required=True, help="questionnaire code")
        parser.add_argument("--opens", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
        parser.add_argument("--closes", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
        parser.add_argument(
            "--kinds",
            default="department,regional,pcio",
            help="comma-separated agency kinds to target (default: department,regional,pcio)",
        )

    def handle(self, *args, year, questionnaire, opens, closes, kinds, **options) -> None:
        q = Questionnaire.objects.filter(code=questionnaire).first()
        if q is None:
            raise CommandError(f"No questionnaire with code {questionnaire!r}; import it first.")
        if not q.is_published:
            raise CommandError(f"Questionnaire {questionnaire!r} is not published.")
        if closes < opens:
            raise CommandError("--closes must not be before --opens.")
        wanted = [k.strip() for k in kinds.split(",") if k.strip()]
        if bad := set(wanted) - set(AgencyKind.values):
            raise CommandError(f"Unknown kinds: {', '.join(sorted(bad))}.")
        agencies = list(Agency.objects.filter(kind__in=wanted))
        cycle = cycle_open(year=year, questionnaire=q, opens_on=opens, closes_on=closes, agencies=agencies)
        self.stdout.write(f"Cycle {cycle.year}: {cycle.cycletarget_set.count()} target agencies.")
