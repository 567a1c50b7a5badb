"""`manage.py send_reminders`: through a real SMTP server, in Thai, once a day, with a dry
run; and two copies running at once still send each person one reminder."""

import io
import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from agencies.models import MembershipRole
from surveys.models import OutgoingEmail, Reminder
from tests.factories import AgencyFactory, CycleFactory, MembershipFactory, ResponseFactory
from tests.workers import database_url


def _year_closing_in(days, agencies=2):
    """A cycle that closes in `days` days; each agency has an officer and an approver."""
    cycle = CycleFactory(closes_on=timezone.localdate() + timedelta(days=days))
    people = []
    for _ in range(agencies):
        agency = AgencyFactory()
        ResponseFactory(cycle=cycle, agency=agency)
        people += [MembershipFactory(agency=agency, role=role).user for role in MembershipRole.values]
    return people


def _run(django_capture_on_commit_callbacks, *args):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_each_officer_and_approver_gets_one_reminder_in_thai(
    db, smtp_server, django_capture_on_commit_callbacks
):
    people = _year_closing_in(3)
    _run(django_capture_on_commit_callbacks)
    assert sorted(str(m["To"]) for m in smtp_server.messages) == sorted(p.email for p in people)
    message = smtp_server.messages[0]
    assert "เหลือเวลาส่งแบบสำรวจอีก 3 วัน" in message["Subject"]
    assert "วันปิดรับ" in message.get_body(preferencelist=("plain",)).get_content()


def test_running_it_again_the_same_day_delivers_nothing(db, smtp_server, django_capture_on_commit_callbacks):
    _year_closing_in(3)
    _run(django_capture_on_commit_callbacks)
    delivered = len(smtp_server.messages)
    output = _run(django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == delivered
    assert "Sent 0 of 4" in output


def test_a_dry_run_delivers_nothing_and_prints_who_would_get_what(
    db, smtp_server, django_capture_on_commit_callbacks
):
    people = _year_closing_in(3)
    output = _run(django_capture_on_commit_callbacks, "--dry-run")
    assert smtp_server.messages == []
    assert not OutgoingEmail.objects.exists() and not Reminder.objects.exists()
    assert all(f"would remind {p.email}\tdeadline_reminder" in output for p in people)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_person_exactly_one_reminder(smtp_server):
    people = _year_closing_in(3, agencies=25)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "readiness_portal.settings.dev",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "EMAIL_HOST": smtp_server.host,
        "EMAIL_PORT": str(smtp_server.port),
    }
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "send_reminders"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    received = Counter(str(m["To"]) for m in smtp_server.messages)
    assert received == Counter({p.email: 1 for p in people})
    assert Reminder.objects.count() == len(people)
