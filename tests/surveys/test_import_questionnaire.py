"""import_questionnaire: validated, versioned, immutable once published."""

import json

import pytest
import yaml
from django.core.management import CommandError, call_command

from surveys.models import Questionnaire
from tests.factories import small_definition


def write(tmp_path, data, name="q.yaml"):
    path = tmp_path / name
    text = (
        json.dumps(data, ensure_ascii=False)
        if name.endswith(".json")
        else yaml.safe_dump(data, allow_unicode=True)
    )
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_yaml_and_json_give_the_same_definition(tmp_path):
    call_command("import_questionnaire", write(tmp_path, small_definition()))
    from_yaml = Questionnaire.objects.get().definition
    Questionnaire.objects.all().delete()
    call_command("import_questionnaire", write(tmp_path, small_definition(), "q.json"))
    assert Questionnaire.objects.get().definition == from_yaml


@pytest.mark.django_db
def test_a_published_questionnaire_cannot_change(tmp_path, capsys):
    call_command("import_questionnaire", write(tmp_path, small_definition()), publish=True)
    changed = small_definition()
    changed["title"]["en"] = "Changed"
    with pytest.raises(CommandError):
        call_command("import_questionnaire", write(tmp_path, changed))
    assert (
        "is published and cannot change; give the changed questionnaire a new code" in capsys.readouterr().err
    )
    assert Questionnaire.objects.get().title_en == "Small survey"


@pytest.mark.django_db
def test_a_new_code_makes_a_new_version(tmp_path):
    call_command("import_questionnaire", write(tmp_path, small_definition()), publish=True)
    changed = small_definition()
    changed["code"] = "small-2566-v2"
    call_command("import_questionnaire", write(tmp_path, changed), publish=True)
    assert Questionnaire.objects.count() == 2


@pytest.mark.django_db
def test_reimporting_the_same_published_file_is_a_no_op(tmp_path, capsys):
    path = write(tmp_path, small_definition())
    call_command("import_questionnaire", path, publish=True)
    call_command("import_questionnaire", path, publish=True)
    assert "unchanged (published)" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_draft_may_be_replaced(tmp_path):
    call_command("import_questionnaire", write(tmp_path, small_definition()))
    changed = small_definition()
    changed["title"]["en"] = "Changed"
    call_command("import_questionnaire", write(tmp_path, changed))
    assert Questionnaire.objects.get().title_en == "Changed"


@pytest.mark.django_db
def test_an_invalid_file_lists_every_problem_and_writes_nothing(tmp_path, capsys):
    data = small_definition()
    data["pillars"][1]["weight"] = -2
    data["pillars"][2]["questions"][0]["type"] = "slider"
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_questionnaire", write(tmp_path, data))
    err = capsys.readouterr().err
    assert "pillars[1].weight: weight must not be negative" in err
    assert "pillars[2].questions[0].type: unknown type 'slider'" in err
    assert not Questionnaire.objects.exists()


@pytest.mark.django_db
def test_an_unquoted_yes_in_yaml_is_refused_with_advice(tmp_path, capsys):
    path = tmp_path / "q.yaml"
    text = yaml.safe_dump(small_definition(), allow_unicode=True).replace("code: none", "code: yes")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_questionnaire", path)
    assert "is not a string: quote it" in capsys.readouterr().err


@pytest.mark.django_db
def test_broken_yaml_is_reported(tmp_path, capsys):
    path = tmp_path / "q.yaml"
    path.write_text("code: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_questionnaire", path)
    assert "not valid YAML/JSON" in capsys.readouterr().err
