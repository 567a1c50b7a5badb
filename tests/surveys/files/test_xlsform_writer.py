"""The XLSForm twin of the PCIO questionnaire: it reads back to the YAML's questionnaire."""

from pathlib import Path

import yaml

from surveys.domain.definition_parser import parse_definition
from surveys.files.xlsform import read_xlsform
from surveys.files.xlsform_writer import write_xlsform

YAML = Path("surveys/questionnaires/dg-pcio-2566.yaml")
TWIN = Path("surveys/questionnaires/dg-pcio-2566.xlsx")


def _without_in(definition):
    """`in: [a, b]` as XLSForm writes it: `any` of `equals`, the same visibility."""
    from dataclasses import replace

    def condition(c):
        if c and "in" in c:
            return {"any": [{"question": c["question"], "equals": v} for v in c["in"]]}
        return c

    return {q.code: replace(q, visible_if=condition(q.visible_if)) for q in definition.iter_questions()}


def test_the_shipped_twin_reads_as_the_yaml_questionnaire():
    from_yaml = parse_definition(yaml.safe_load(YAML.read_text(encoding="utf-8")))
    from_xlsx = parse_definition(read_xlsform(TWIN))
    assert (from_xlsx.code, from_xlsx.year, from_xlsx.title, from_xlsx.bands) == (
        from_yaml.code, from_yaml.year, from_yaml.title, from_yaml.bands,
    )  # fmt: skip
    assert [(p.code, p.weight, p.title) for p in from_xlsx.pillars] == [
        (p.code, p.weight, p.title) for p in from_yaml.pillars
    ]
    assert {q.code: q for q in from_xlsx.iter_questions()} == _without_in(from_yaml)


def test_the_twin_is_what_the_writer_writes_from_the_yaml_today(tmp_path):
    fresh = tmp_path / "twin.xlsx"
    write_xlsform(yaml.safe_load(YAML.read_text(encoding="utf-8")), fresh)
    assert read_xlsform(fresh) == read_xlsform(TWIN)
