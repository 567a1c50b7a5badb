"""Fixtures for the commands an admin runs: the small questionnaire and two agencies."""

import pytest

from tests.factories import AgencyFactory, QuestionnaireFactory


@pytest.fixture
def questionnaire(db):
    return QuestionnaireFactory()


@pytest.fixture
def agencies(db):
    return [AgencyFactory(code="ALRO"), AgencyFactory(code="RID")]
