"""import_responses, as an admin runs it: one response per row, all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from surveys.models import Answer, AnswerChange, Response, ResponseEvent


def test_it_imports_one_response_per_row_with_its_answers_and_history(responses_csv, import_responses):
    path = responses_csv("agency,P1.1,P1.2,P3.1,G.1\nALRO,approved,yes,12,สมชาย\nRID,draft,,3.5,\n")
    import_responses(path, "--status", "accepted")
    rid = Response.objects.get(agency__code="RID")
    assert rid.status == "accepted" and rid.submitted_at is not None
    assert dict(Answer.objects.filter(response=rid).values_list("question_code", "value")) == {
        "P1.1": "draft",
        "P3.1": 3.5,
    }
    assert AnswerChange.objects.count() == 6
    assert ResponseEvent.objects.filter(action="import").count() == 2


def test_every_bad_cell_is_reported_with_line_and_column_and_nothing_is_written(
    questionnaire, agencies, responses_csv
):
    path = responses_csv("agency,P1.1,P1.2,P3.1\nALRO,maybe,yes,12\nRID,draft,perhaps,-1\nNOPE,draft,no,1\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 problem"):
        call_command("import_responses", str(path), "--questionnaire", "small-2566", stderr=err)
    report = err.getvalue()
    assert f"{path}:2:B (P1.1): 'maybe' is not a choice" in report
    assert f"{path}:3:C (P1.2): 'perhaps' is not yes or no" in report
    assert f"{path}:3:D (P3.1): -1 is below the minimum 0" in report
    assert f"{path}:4:A (agency): no agency with code 'NOPE'" in report
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_an_unknown_column_is_reported_on_the_header_line(questionnaire, agencies, responses_csv):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_responses",
            str(responses_csv("agency,P9\nALRO,1\n")),
            "--questionnaire",
            "small-2566",
            stderr=err,
        )
    assert ":1:B (P9): small-2566 has no question 'P9'" in err.getvalue()


def test_an_agency_that_already_answered_is_refused(responses_csv, import_responses):
    import_responses(responses_csv("agency,P1.1\nALRO,draft\n"))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_responses",
            str(responses_csv("agency,P1.1\nALRO,approved\n")),
            "--questionnaire",
            "small-2566",
            stderr=err,
        )
    assert "ALRO already has a response" in err.getvalue()
    assert Answer.objects.get().value == "draft"
