"""Questionnaire and award files are read within bounds: size, depth, aliases and counts are
refused with a message, never a traceback, a runaway CPU or memory."""

import json
import time

import pytest

from common.problems import DefinitionError
from surveys.services.questionnaires import read_definition_file
from tests.factories import small_definition

BOMB = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)


def refused(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.process_time()
    with pytest.raises(DefinitionError) as exc:
        read_definition_file(path)
    assert time.process_time() - started < 2
    return str(exc.value)


def test_yaml_aliases_are_refused(tmp_path):
    assert "alias" in refused(tmp_path, "bomb.yaml", BOMB)


@pytest.mark.parametrize(
    ("name", "text"), [("deep.yaml", "[" * 50_000 + "]" * 50_000), ("deep.json", "[" * 50_000 + "]" * 50_000)]
)
def test_deep_nesting_is_refused_with_a_message(tmp_path, name, text):
    assert "deep" in refused(tmp_path, name, text)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, settings):
    text = json.dumps(small_definition() | {"description": {"th": "ก" * 3_000_000}}, ensure_ascii=False)
    assert "large" in refused(tmp_path, "big.json", text)


def test_a_definition_with_too_many_items_is_refused(tmp_path):
    # Small in bytes (1.2 MB, under the size limit) but 600,000 values to build and walk.
    definition = small_definition() | {"bulk": [0] * 600_000}
    assert "many" in refused(tmp_path, "many.json", json.dumps(definition, separators=(",", ":")))


def test_a_definition_within_bounds_is_read(tmp_path):
    path = tmp_path / "small.json"
    path.write_text(json.dumps(small_definition()), encoding="utf-8")
    assert read_definition_file(path) == small_definition()
