"""The surveys admin: deadlines extended for the chosen agencies; a questionnaire's import warnings."""

from datetime import timedelta

from django.contrib.admin.sites import site
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from surveys.models import CycleTarget, Questionnaire
from surveys.services.transitions import response_is_open


def test_the_admin_action_extends_the_chosen_agencies(admin_client, response_a, dana, close_cycle):
    close_cycle(response_a.cycle)
    target = CycleTarget.objects.get(cycle=response_a.cycle, agency=response_a.agency)
    until = timezone.localdate() + timedelta(days=5)
    admin_client.force_login(dana)
    dana.is_staff = dana.is_superuser = True
    dana.save()
    page = admin_client.post(
        reverse("admin:surveys_cycletarget_changelist"),
        {
            "action": "extend_deadline",
            "_selected_action": [target.pk],
            "until": until.isoformat(),
            "apply": "1",
        },
    )
    assert page.status_code == 302
    target.refresh_from_db()
    assert target.deadline == until
    assert response_is_open(response_a)
    assert site.is_registered(CycleTarget)


def test_the_questionnaire_page_shows_the_warnings_of_its_import(admin_client, tmp_path, capsys):
    book = Workbook()
    book.active.title = "survey"
    for row in (["type", "name", "label", "appearance"], ["text", "Q1", "คำถาม", "multiline"]):
        book.active.append(row)
    path = tmp_path / "warned.xlsx"
    book.save(path)
    call_command("import_questionnaire", str(path))
    stored = Questionnaire.objects.get(code="warned")
    page = admin_client.get(reverse("admin:surveys_questionnaire_change", args=[stored.pk]))
    assert "survey row 2, column D (appearance): column appearance is not used by the portal: dropped" in (
        page.content.decode()
    )
