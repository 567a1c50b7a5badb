"""Export jobs: requested by a DGA admin, written by a worker to a file with its progress
shown, downloaded only by the person who asked. Every export is in the audit log."""

from __future__ import annotations

import io
import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from agencies import roles
from agencies.audit import audit_log
from agencies.models import User
from common.queue import enqueue
from common.spreadsheets import write_table
from surveys.domain.workflow import TransitionError
from surveys.files.exports import TABLES
from surveys.models import ExportFormat, ExportJob, ExportKind, ExportState, Questionnaire

logger = logging.getLogger(__name__)


def export_request(*, questionnaire: Questionnaire, kind: str, fmt: str, by: User) -> ExportJob:
    """Record the request (audited) and hand it to a worker once the transaction commits."""
    if not roles.is_dga_admin(by):
        raise TransitionError("forbidden", "only DGA exports")
    if kind not in ExportKind.values or fmt not in ExportFormat.values:
        raise ValueError(f"unknown export {kind!r} as {fmt!r}")
    with transaction.atomic():
        job = ExportJob.objects.create(questionnaire=questionnaire, requested_by=by, kind=kind, format=fmt)
        audit_log(
            actor=by, action="export.request", target=questionnaire, after=f"{kind}.{fmt}",
            export=str(job.public_id),
        )  # fmt: skip
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    if not enqueue("surveys.tasks.export_task", job_id):
        logger.warning("broker unreachable: export job %s left waiting", job_id)


def export_run(*, job_id: int) -> ExportJob | None:
    """Write the file of a waiting job; None when another worker has it or it is finished."""
    claimed = ExportJob.objects.filter(pk=job_id, state=ExportState.QUEUED).update(
        state=ExportState.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = ExportJob.objects.select_related("questionnaire").get(pk=job_id)
    try:
        table = TABLES[job.kind](questionnaire=job.questionnaire, people=True)
        ExportJob.objects.filter(pk=job_id).update(total=table.total)

        def progress(n: int) -> None:
            ExportJob.objects.filter(pk=job_id).update(done=n)

        with tempfile.TemporaryFile("w+b") as tmp:
            if job.format == "xlsx":
                count = write_table(tmp, table, job.format, progress=progress)
            else:
                # Excel reads Thai CSV with a BOM. detach() flushes the text layer and leaves tmp open.
                text = io.TextIOWrapper(tmp, encoding="utf-8-sig", newline="")
                count = write_table(text, table, job.format, progress=progress)
                text.detach()
            tmp.seek(0)
            job.file.save(job.filename, File(tmp), save=False)
    except Exception as exc:
        logger.exception("export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(state=ExportState.FAILED, error=repr(exc)[:2000])
        raise
    ExportJob.objects.filter(pk=job_id).update(
        state=ExportState.DONE, file=job.file.name, done=count, total=count, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def exports_sweep(*, older_than: int | None = None) -> tuple[int, int]:
    """Send again what no worker has: jobs still waiting after `older_than` seconds (the broker
    was down when they were asked for), and jobs "running" long past the task's hard time limit
    (their worker died: a redelivered message finds them claimed and leaves them). Returns
    (waiting, stuck) counts. Safe to run at any time: a job is claimed by one worker only."""
    now = timezone.now()
    grace = settings.EXPORT_QUEUED_GRACE if older_than is None else older_than
    stuck = ExportJob.objects.filter(
        state=ExportState.RUNNING, started_at__lt=now - timedelta(seconds=settings.EXPORT_STUCK_AFTER)
    )
    stuck_ids = list(stuck.values_list("pk", flat=True))
    ExportJob.objects.filter(pk__in=stuck_ids, state=ExportState.RUNNING).update(
        state=ExportState.QUEUED, done=0, started_at=None
    )
    waiting = ExportJob.objects.filter(
        state=ExportState.QUEUED, created_at__lte=now - timedelta(seconds=grace)
    )
    waiting_ids = [pk for pk in waiting.values_list("pk", flat=True) if pk not in stuck_ids]
    for job_id in stuck_ids + waiting_ids:
        _enqueue(job_id)
    return len(waiting_ids), len(stuck_ids)


def export_download(*, job: ExportJob, by: User) -> None:
    """Record who took the file (the only person allowed to, checked by the caller's selector)."""
    with transaction.atomic():
        audit_log(
            actor=by, action="export.download", target=job.questionnaire, after=f"{job.kind}.{job.format}",
            export=str(job.public_id), rows=job.done,
        )  # fmt: skip


def export_record_command(
    *, questionnaire: Questionnaire, kind: str, fmt: str, rows: int, output: str
) -> None:
    """Exports made with a management command are in the audit log too (no person: the shell)."""
    with transaction.atomic():
        audit_log(
            actor=None, action="export.command", target=questionnaire, after=f"{kind}.{fmt}",
            rows=rows, output=output,
        )  # fmt: skip
