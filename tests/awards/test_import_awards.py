"""import_awards: the whole file validated, every problem with its path, all or nothing."""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from awards.models import Awards, Category
from awards.services.imports import awards_import
from common.problems import DefinitionError
from surveys.services.questionnaires import questionnaire_import, read_definition_file
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


def test_it_imports_the_categories_in_order(cycle, tmp_path):
    call_command("import_awards", write(tmp_path, awards_data(TOTAL, PANEL)))
    awards = Awards.objects.get(code="awards-test")
    assert list(awards.categories.values_list("code", "basis", "winners")) == [
        ("top", "total", 2),
        ("leaders", "panel", 1),
    ]


def test_statuses_default_to_accepted(cycle):
    awards_import(data=awards_data(TOTAL))
    assert Category.objects.get(code="top").eligibility["statuses"] == ["accepted"]


def test_every_problem_is_reported_with_its_path_and_nothing_is_written(cycle, tmp_path, capsys):
    bad = {**TOTAL, "basis": "pillar:P9", "winners": 0, "eligible": {"kinds": ["ministry"], "min_total": 2}}
    path = write(tmp_path, awards_data(bad, {**PANEL, "rubric": [{"code": "x", "max": -1}]}))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_awards", path)
    err = capsys.readouterr().err
    for expected in (
        "categories[0].basis: 'P9' is not in the questionnaire",
        "categories[0].winners: must be a whole number at least 1",
        "categories[0].eligible.kinds[0]: unknown agency kind 'ministry'",
        "categories[0].eligible.min_total: must be a fraction between 0 and 1",
        "categories[1].rubric[0].title: text is required",
        "categories[1].rubric[0].max: max points must be a positive number",
    ):
        assert expected in err
    assert not Awards.objects.exists()


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


def test_the_shipped_2566_awards_import_against_the_shipped_questionnaire(db):
    questionnaire_import(data=read_definition_file(Path("surveys/questionnaires/dg-readiness-2566.yaml")))
    call_command("import_awards", SHIPPED)
    categories = {c.code: c for c in Category.objects.all()}
    assert categories["dg-department"].winners == 10
    assert categories["dg-pcio"].winners == 5
    assert (categories["quality-data-governance"].basis, categories["quality-data-governance"].node) == (
        "indicator",
        "P1.3",
    )
    assert categories["quality-digital-personnel"].node == "P2"
    assert categories["quality-open-data"].node == "P6.1"
    assert categories["outstanding-development"].compare_to == "dg-readiness-2565"
    assert len(categories["digital-leadership"].rubric) == 4
