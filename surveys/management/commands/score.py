from django.core.management.base import BaseCommand, CommandError, CommandParser

from surveys.models import Questionnaire
from surveys.selectors.scoring import scoring_job_progress
from surveys.services import scoring


class Command(BaseCommand):
    help = "Score every submitted, under-review or accepted response of a questionnaire."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--questionnaire", required=True, help="the questionnaire's code")
        parser.add_argument("--sync", action="store_true", help="score here instead of on the workers")

    def handle(self, *args, questionnaire: str, sync: bool, **options) -> None:
        q = Questionnaire.objects.filter(code=questionnaire).first()
        if q is None:
            raise CommandError(f"no questionnaire with code {questionnaire!r}")
        job = scoring.questionnaire_rescore(questionnaire=q, by=None, here=sync)
        if not sync:
            self.stdout.write(f"Enqueued {job.total} responses of {q.code} (job {job.pk}).")
            return
        progress = scoring_job_progress(job=job)
        done, failed = progress.done, progress.failed
        self.stdout.write(f"Scored {done} of {job.total} responses of {q.code}; {failed} failed.")
        if progress.done < job.total:
            raise CommandError("some responses were not scored; see their score_error")
