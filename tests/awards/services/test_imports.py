"""awards_import: the whole file validated, every problem with its path, all or nothing."""

from pathlib import Path

import pytest
import yaml

from awards.models import Category
from awards.services.imports import awards_import
from common.problems import DefinitionError
from tests.awards.conftest import PANEL, TOTAL, awards_data

SHIPPED = Path("awards/data/dg-awards-2566.yaml")


def write(tmp_path, data) -> Path:
    path = tmp_path / "awards.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def problems(data) -> list[str]:
    with pytest.raises(DefinitionError) as exc:
        awards_import(data=data)
    return [str(p) for p in exc.value.problems]


def test_statuses_default_to_accepted(cycle):
    awards_import(data=awards_data(TOTAL))
    assert Category.objects.get(code="top").eligibility["statuses"] == ["accepted"]


def test_an_indicator_basis_needs_an_indicator_code(cycle):
    assert "categories[0].basis: 'P1' is an pillar; basis indicator: needs a indicator code" in problems(
        awards_data({**TOTAL, "basis": "indicator:P1"})
    )


def test_a_panel_needs_a_rubric_and_only_a_panel_has_one(cycle):
    found = problems(
        awards_data({**PANEL, "rubric": None}, {**TOTAL, "code": "t2", "rubric": PANEL["rubric"]})
    )
    assert "categories[0].rubric: a panel category needs a rubric: a list of {code, title, max}" in found
    assert "categories[1].rubric: only a panel category has a rubric" in found


def test_improvement_needs_compare_to(cycle):
    assert "categories[0].compare_to: a code is required" in problems(
        awards_data({**TOTAL, "basis": "improvement"})
    )


def test_an_unknown_questionnaire_is_named(db):
    assert (
        problems(awards_data(TOTAL))[0]
        == "questionnaire: no questionnaire with code 'small-2566'; import it first"
    )


def test_duplicate_categories_are_refused(cycle):
    assert any("duplicate category 'top'" in p for p in problems(awards_data(TOTAL, TOTAL)))


def test_importing_again_replaces_the_categories(cycle):
    awards_import(data=awards_data(TOTAL, PANEL))
    awards_import(data=awards_data({**TOTAL, "winners": 7}))
    assert list(Category.objects.values_list("code", "winners")) == [("top", 7)]
