"""Fixtures for the commands an admin runs: the small questionnaire, two agencies, a responses file."""

import io

import pytest
from django.core.management import call_command

from tests.factories import AgencyFactory, QuestionnaireFactory


@pytest.fixture
def questionnaire(db):
    return QuestionnaireFactory()


@pytest.fixture
def agencies(db):
    return [AgencyFactory(code="ALRO"), AgencyFactory(code="RID")]


@pytest.fixture
def responses_csv(tmp_path):
    """Write the text of a responses file; returns its path."""

    def _responses_csv(text):
        path = tmp_path / "responses.csv"
        path.write_text(text, encoding="utf-8")
        return path

    return _responses_csv


@pytest.fixture
def import_responses(questionnaire, agencies):
    """Run import_responses for the small questionnaire; returns what it printed."""

    def _import_responses(path, *extra):
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "import_responses", str(path), "--questionnaire", "small-2566", *extra, stdout=out, stderr=err
        )
        return out.getvalue()

    return _import_responses
