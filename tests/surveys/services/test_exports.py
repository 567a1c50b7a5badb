"""The export sweeper: nothing an admin asked for stays waiting or stuck for ever."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from kombu.exceptions import OperationalError

from surveys import tasks
from surveys.models import ExportJob, ExportState
from surveys.services import exports


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(tasks.export_task, "delay", refuse)
    return monkeypatch


def ask(cycle, dana) -> ExportJob:
    return exports.export_request(questionnaire=cycle.questionnaire, kind="scores", fmt="csv", by=dana)


def age(job: ExportJob, **fields) -> None:
    ExportJob.objects.filter(pk=job.pk).update(**fields)


def test_a_job_asked_for_while_the_broker_was_down_is_written_by_the_sweeper(
    cycle, dana, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ask(cycle, dana)
    assert ExportJob.objects.get(pk=job.pk).state == ExportState.QUEUED
    broker_down.undo()  # the broker is back
    age(job, created_at=timezone.now() - timedelta(minutes=5))
    call_command("sweep_exports")
    job.refresh_from_db()
    assert job.state == ExportState.DONE
    assert job.file.read().decode("utf-8-sig").startswith("agency")


def test_a_job_whose_worker_died_is_restarted_and_finished(cycle, dana):
    job = ask(cycle, dana)  # its message is never delivered here (no commit callbacks run)
    age(job, state=ExportState.RUNNING, done=7, started_at=timezone.now() - timedelta(hours=1))
    waiting, stuck = exports.exports_sweep()
    job.refresh_from_db()
    assert (waiting, stuck, job.state) == (0, 1, ExportState.DONE)


def test_a_job_running_within_its_time_limit_is_left_alone(cycle, dana):
    job = ask(cycle, dana)
    age(job, state=ExportState.RUNNING, started_at=timezone.now() - timedelta(minutes=2))
    assert exports.exports_sweep() == (0, 0)
    assert ExportJob.objects.get(pk=job.pk).state == ExportState.RUNNING


def test_a_job_just_asked_for_is_left_to_its_own_message(cycle, dana):
    job = ask(cycle, dana)
    assert exports.exports_sweep() == (0, 0)
    assert ExportJob.objects.get(pk=job.pk).state == ExportState.QUEUED
