"""Backup and restore: a round trip brings back every response and every evidence file."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from surveys import services
from surveys.models import Answer, Response
from tests.factories import AgencyFactory, CycleFactory, MembershipFactory, ResponseFactory


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_restores_every_response_and_evidence_file(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    cycle = CycleFactory()
    for n in range(3):
        agency = AgencyFactory()
        response = ResponseFactory(cycle=cycle, agency=agency)
        officer = MembershipFactory(agency=agency).user
        services.answers_save(response=response, values={"P1.1": "draft", "P3.1": n}, by=officer)
        evidence = Path(settings.MEDIA_ROOT) / "evidence" / f"{response.public_id}.pdf"
        evidence.parent.mkdir(parents=True, exist_ok=True)
        evidence.write_bytes(b"%PDF-1.4 evidence of " + agency.code.encode())
    before = {
        "responses": sorted(Response.objects.values_list("public_id", "status")),
        "answers": sorted(Answer.objects.values_list("question_code", "value", "version")),
        "files": {p.name: p.read_bytes() for p in (Path(settings.MEDIA_ROOT) / "evidence").iterdir()},
    }

    call_command("backup", output=tmp_path / "backups")
    (folder,) = (tmp_path / "backups").iterdir()
    Response.objects.all().delete()
    for path in (Path(settings.MEDIA_ROOT) / "evidence").iterdir():
        path.unlink()
    call_command("restore", folder, yes=True)

    assert sorted(Response.objects.values_list("public_id", "status")) == before["responses"]
    assert sorted(Answer.objects.values_list("question_code", "value", "version")) == before["answers"]
    files = {p.name: p.read_bytes() for p in (Path(settings.MEDIA_ROOT) / "evidence").iterdir()}
    assert files == before["files"]


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="not a backup folder"):
        call_command("restore", tmp_path, yes=True)
