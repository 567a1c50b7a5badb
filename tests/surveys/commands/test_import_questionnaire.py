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
    changed = small_definition(code="small-2566-v2")
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


def _dup(d):
    d["pillars"][1]["questions"][1]["code"] = "P1.1"


def _unknown_ref(d):
    d["pillars"][1]["questions"][1]["visible_if"] = {"question": "NOPE", "equals": "yes"}


def _cycle(d):
    d["pillars"][1]["questions"][0]["visible_if"] = {"question": "P1.2", "equals": "yes"}
    d["pillars"][1]["questions"][1]["visible_if"] = {"question": "P1.1", "in": ["draft"]}


def _no_choices(d):
    del d["pillars"][1]["questions"][0]["choices"]


def _negative_weight(d):
    d["pillars"][2]["questions"][0]["weight"] = -1


def _bands_order(d):
    d["bands"].reverse()


def _no_thai(d):
    d["pillars"][1]["questions"][1]["text"] = {"en": "English only"}


def _unbounded(d):
    d["pillars"][2]["questions"][0]["scoring"] = {"linear": {"max": 10}}


def _unknown_type(d):
    d["pillars"][2]["questions"][0]["type"] = "slider"


def _unknown_key(d):
    d["pillars"][1]["colour"] = "blue"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (_dup, "duplicate code 'P1.1'"),
        (_unknown_ref, "unknown question code 'NOPE'"),
        (_cycle, "condition cycle"),
        (_no_choices, "needs a list of choices"),
        (_negative_weight, "weight must not be negative"),
        (_bands_order, "bands must be listed from the highest min"),
        (_no_thai, "text.th: Thai text is missing"),
        (_unbounded, "linear scoring needs numeric bounds"),
        (_unknown_type, "unknown type 'slider'"),
        (_unknown_key, "unknown key 'colour'"),
    ],
)
def test_each_kind_of_error_is_reported_by_the_command_and_nothing_is_written(
    tmp_path, capsys, break_it, message
):
    data = small_definition()
    break_it(data)
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_questionnaire", write(tmp_path, data))
    assert message in capsys.readouterr().err
    assert not Questionnaire.objects.exists()


@pytest.mark.django_db
def test_a_questionnaire_with_nothing_to_answer_imports_as_a_draft_with_a_warning(tmp_path, capsys):
    call_command("import_questionnaire", write(tmp_path, small_definition(pillars=[])))
    out = capsys.readouterr()
    assert "warning: pillars: no question to answer" in out.err
    assert "small-2566: created (draft), 1 warning." in out.out
    assert Questionnaire.objects.get().import_warnings[0].startswith("pillars: no question to answer")


@pytest.mark.django_db
def test_a_questionnaire_with_nothing_to_answer_cannot_be_published(tmp_path, capsys):
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_questionnaire", write(tmp_path, small_definition(pillars=[])), publish=True)
    assert "a questionnaire is published to be answered" in capsys.readouterr().err
    assert not Questionnaire.objects.exists()
