"""Backup and restore: a round trip brings back every response and every evidence file."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from surveys.models import Answer, Evidence, Response
from surveys.services.answers import answers_save
from surveys.services.evidence import evidence_add
from tests.factories import AgencyFactory, CycleFactory, MembershipFactory, ResponseFactory


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_restores_every_response_and_evidence_file(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    cycle = CycleFactory()
    for n in range(3):
        agency = AgencyFactory()
        response = ResponseFactory(cycle=cycle, agency=agency)
        officer = MembershipFactory(agency=agency).user
        answers_save(response=response, values={"P1.1": "draft", "P3.1": n}, by=officer)
        for name in ("แผน.pdf", "plan.pdf"):
            upload = SimpleUploadedFile(name, b"%PDF-1.4 evidence of " + agency.code.encode() + name.encode())
            evidence_add(response=response, question_code="P1.1", upload=upload, by=officer)
    before = {
        "responses": sorted(Response.objects.values_list("public_id", "status")),
        "answers": sorted(Answer.objects.values_list("question_code", "value", "version")),
        "evidence": sorted(Evidence.objects.values_list("public_id", "file", "original_name", "size")),
        "files": _files(settings.MEDIA_ROOT),
    }
    assert len(before["evidence"]) == len(before["files"]) == 6

    call_command("backup", output=tmp_path / "backups")
    (folder,) = (tmp_path / "backups").iterdir()
    Response.objects.all().delete()
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    call_command("restore", folder, yes=True)

    assert sorted(Response.objects.values_list("public_id", "status")) == before["responses"]
    assert sorted(Answer.objects.values_list("question_code", "value", "version")) == before["answers"]
    assert (
        sorted(Evidence.objects.values_list("public_id", "file", "original_name", "size"))
        == before["evidence"]
    )
    assert _files(settings.MEDIA_ROOT) == before["files"]
    for evidence in Evidence.objects.all():  # every row finds its file again
        with evidence.file.open("rb") as handle:
            assert handle.read().startswith(b"%PDF-1.4 evidence of ")


def _files(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in Path(root).rglob("*") if p.is_file()}


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="not a backup folder"):
        call_command("restore", tmp_path, yes=True)
