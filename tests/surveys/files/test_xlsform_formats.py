"""Input formats and exclusive choices (issue 13) travel through YAML and XLSForm alike."""

import pytest
import yaml

from common.problems import DefinitionError
from surveys.domain.definition_parser import parse_definition
from surveys.files.xlsform_export import write_xlsform
from surveys.services.questionnaires import read_definition_file
from tests.surveys.views.test_form_guides import guided_definition


def formats_of(data: dict) -> tuple:
    definition = parse_definition(data)
    questions = definition.questions_by_code
    exclusive = [c.code for c in questions["A.3"].choices if c.exclusive]
    return questions["A.2"].format, questions["B.1"].format, exclusive


def test_format_and_exclusive_import_from_yaml(tmp_path):
    path = tmp_path / "guides.yaml"
    path.write_text(yaml.safe_dump(guided_definition(), allow_unicode=True), encoding="utf-8")
    assert formats_of(read_definition_file(path)) == ("email", "phone", ["none"])


def test_format_and_exclusive_import_from_xlsform(tmp_path):
    path = tmp_path / "guides.xlsx"
    path.write_bytes(write_xlsform(guided_definition()))
    assert formats_of(read_definition_file(path)) == ("email", "phone", ["none"])


def test_a_format_on_a_number_question_is_refused():
    data = guided_definition()
    data["pillars"][0]["questions"][0]["format"] = "email"
    with pytest.raises(DefinitionError, match="format applies to text questions only"):
        parse_definition(data)


def test_an_unknown_format_is_refused():
    data = guided_definition()
    data["pillars"][0]["questions"][1]["format"] = "fax"
    with pytest.raises(DefinitionError, match="use one of email, phone, url"):
        parse_definition(data)


def test_an_exclusive_choice_on_a_single_choice_question_is_refused():
    data = guided_definition()
    data["pillars"][0]["questions"][2]["type"] = "single_choice"
    with pytest.raises(DefinitionError, match="exclusive applies to multi_choice questions only"):
        parse_definition(data)
