"""export_questionnaire: the definition as YAML or as an XLSForm that imports back unchanged."""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from surveys.files.xlsform import read_xlsform
from surveys.files.xlsform_export import relevant_expression
from surveys.files.xlsform_expressions import parse_relevant
from surveys.models import Questionnaire
from tests.factories import small_definition

REPO = Path(__file__).resolve().parents[3]
DG_2566 = REPO / "surveys" / "questionnaires" / "dg-readiness-2566.yaml"
TEMPLATE = REPO / "surveys" / "questionnaires" / "dg-readiness-2566.xlsx"


@pytest.mark.django_db
def test_the_2566_questionnaire_round_trips_yaml_to_xlsform_to_yaml_unchanged(tmp_path):
    original = yaml.safe_load(DG_2566.read_text(encoding="utf-8"))
    call_command("import_questionnaire", str(DG_2566))
    workbook = tmp_path / "dg.xlsx"
    call_command("export_questionnaire", "dg-readiness-2566", "--format", "xlsx", "--output", str(workbook))
    Questionnaire.objects.all().delete()
    call_command("import_questionnaire", str(workbook), "--strict")
    exported = tmp_path / "dg.yaml"
    call_command("export_questionnaire", "dg-readiness-2566", "--format", "yaml", "--output", str(exported))
    assert yaml.safe_load(exported.read_text(encoding="utf-8")) == original


def test_the_shipped_2566_template_is_the_yaml_questionnaire():
    original = yaml.safe_load(DG_2566.read_text(encoding="utf-8"))
    assert read_xlsform(TEMPLATE) == original


@pytest.mark.parametrize(
    "condition",
    [
        {"question": "A", "in": ["x", "y"]},
        {"question": "A", "in": ["x"]},
        {"any": [{"question": "A", "in": ["x", "y"]}, {"question": "B", "equals": "it's"}]},
        {
            "all": [
                {"any": [{"question": "N", "gt": 1}, {"not": {"question": "B", "equals": 2}}]},
                {"question": "N", "lt": 9},
            ]
        },
        {"question": "M", "count_selected": {"gte": 2}},
        {"not": {"question": "M", "count_selected": {"equals": 0}}},
    ],
)
def test_a_condition_written_as_relevant_reads_back_the_same(condition):
    assert parse_relevant(relevant_expression(condition)) == condition


@pytest.mark.django_db
def test_an_xlsx_export_needs_an_output_file():
    call_command("import_questionnaire", str(DG_2566))
    with pytest.raises(CommandError, match="--output"):
        call_command("export_questionnaire", "dg-readiness-2566", "--format", "xlsx")


@pytest.mark.django_db
def test_a_required_message_and_a_count_selected_condition_round_trip_through_xlsform(tmp_path):
    data = small_definition()
    questions = data["pillars"][1]["questions"]
    questions[0]["required"] = True
    questions[0]["required_message"] = {"th": "กรุณาเลือกสถานะของแผน", "en": "Say where the plan stands"}
    questions.append(
        {
            "code": "P1.3",
            "type": "multi_choice",
            "text": {"th": "ช่องทาง", "en": "Channels"},
            "choices": [{"code": "web", "label": {"th": "เว็บ"}}, {"code": "app", "label": {"th": "แอป"}}],
        }
    )
    questions[1]["visible_if"] = {"question": "P1.3", "count_selected": {"gte": 1}}
    source = tmp_path / "q.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    call_command("import_questionnaire", str(source))
    workbook = tmp_path / "q.xlsx"
    call_command("export_questionnaire", "small-2566", "--format", "xlsx", "--output", str(workbook))
    assert read_xlsform(workbook) == Questionnaire.objects.get().definition
