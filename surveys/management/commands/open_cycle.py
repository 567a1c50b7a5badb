from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import Agency, AgencyKind
from surveys.models import Questionnaire
from surveys.services.cycles import cycle_open


class Command(BaseCommand):
    help = (
        "Create (or update) a survey cycle: the questionnaire of each target group (agency kind) and "
        "every agency of the given kinds as a target."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Buddhist Era, e.g. 2566")
        parser.add_argument(
            "--questionnaire",
            action="append",
            required=True,
            metavar="[GROUP=]CODE",
            help="a questionnaire code, or GROUP=CODE for one target group (department, regional, pcio, "
            "other); repeat it, e.g. --questionnaire department=dg-readiness-2566 "
            "--questionnaire pcio=dg-pcio-2566. A bare CODE is the main questionnaire, answered by "
            "every group without its own (default: the department group's).",
        )
        parser.add_argument("--opens", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
        parser.add_argument("--closes", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
        parser.add_argument(
            "--kinds",
            default="department,regional,pcio",
            help="comma-separated agency kinds to target (default: department,regional,pcio)",
        )

    def handle(self, *args, year, questionnaire, opens, closes, kinds, **options) -> None:
        main, groups = self._questionnaires(questionnaire)
        if closes < opens:
            raise CommandError("--closes must not be before --opens.")
        wanted = [k.strip() for k in kinds.split(",") if k.strip()]
        if bad := set(wanted) - set(AgencyKind.values):
            raise CommandError(f"Unknown kinds: {', '.join(sorted(bad))}.")
        agencies = list(Agency.objects.filter(kind__in=wanted))
        cycle = cycle_open(
            year=year, questionnaire=main, opens_on=opens, closes_on=closes, agencies=agencies, groups=groups
        )
        self.stdout.write(f"Cycle {cycle.year}: {cycle.cycletarget_set.count()} target agencies.")
        for kind, q in cycle.questionnaires_by_group().items():
            if kind in wanted:
                self.stdout.write(f"  {kind}: {q.code}")

    def _questionnaires(self, values: list[str]) -> tuple[Questionnaire, dict[str, Questionnaire]]:
        main: Questionnaire | None = None
        groups: dict[str, Questionnaire] = {}
        for value in values:
            group, _, code = value.rpartition("=")
            if group and group not in AgencyKind.values:
                raise CommandError(
                    f"Unknown group {group!r} in {value!r}: one of {', '.join(AgencyKind.values)}."
                )
            q = Questionnaire.objects.filter(code=code).first()
            if q is None:
                raise CommandError(f"No questionnaire with code {code!r}; import it first.")
            if not q.is_published:
                raise CommandError(f"Questionnaire {code!r} is not published.")
            if not q.parsed.has_questions:
                raise CommandError(
                    f"Questionnaire {code!r} has no question to answer: it cannot open a cycle."
                )
            if not group:
                main = q
            elif group in groups:
                raise CommandError(f"Group {group!r} is given twice.")
            else:
                groups[group] = q
        main = main or groups.get(AgencyKind.DEPARTMENT) or next(iter(groups.values()))
        return main, groups
