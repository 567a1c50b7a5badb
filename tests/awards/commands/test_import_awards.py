"""import_awards: the whole file validated, every problem reported, all or nothing; the shipped file."""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from awards.models import Awards, Category
from surveys.services.questionnaires import questionnaire_import, read_definition_file
from tests.awards.conftest import PANEL, TOTAL, awards_data

SHIPPED = Path("awards/data/dg-awards-2566.yaml")


def write(tmp_path, data) -> Path:
    path = tmp_path / "awards.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_it_imports_the_categories_in_order(cycle, tmp_path):
    call_command("import_awards", write(tmp_path, awards_data(TOTAL, PANEL)))
    awards = Awards.objects.get(code="awards-test")
    assert list(awards.categories.values_list("code", "basis", "winners")) == [
        ("top", "total", 2),
        ("leaders", "panel", 1),
    ]


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


def test_the_shipped_2566_awards_import_against_the_shipped_questionnaire(db):
    questionnaire_import(data=read_definition_file(Path("surveys/questionnaires/dg-readiness-2566.yaml")))
    call_command("import_awards", SHIPPED)
    categories = {c.code: c for c in Category.objects.all()}
    assert categories["dg-department"].winners == 10
    assert categories["dg-department"].eligibility["kinds"] == ["department", "regional"]
    assert (categories["quality-data-governance"].basis, categories["quality-data-governance"].node) == (
        "indicator",
        "P1.3",
    )
    assert categories["quality-digital-personnel"].node == "P2"
    assert categories["quality-open-data"].node == "P6.1"
    assert categories["outstanding-development"].compare_to == "dg-readiness-2565"
    assert len(categories["digital-leadership"].rubric) == 4


def test_the_shipped_pcio_award_ranks_the_pcio_questionnaire_and_only_pcio(db):
    questionnaire_import(data=read_definition_file(Path("surveys/questionnaires/dg-pcio-2566.yaml")))
    call_command("import_awards", Path("awards/data/dg-awards-pcio-2566.yaml"))
    category = Category.objects.get(code="dg-pcio")
    assert category.awards.questionnaire.code == "dg-pcio-2566"
    assert (category.winners, category.eligibility["kinds"]) == (5, ["pcio"])
