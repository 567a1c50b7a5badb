"""The XLSForm twin of the PCIO questionnaire: what `export_questionnaire` writes from its YAML,
and read back it is the YAML's questionnaire."""

from pathlib import Path

import yaml

from surveys.domain.definition_parser import parse_definition
from surveys.files.xlsform import read_xlsform
from surveys.files.xlsform_export import write_xlsform

YAML = Path("surveys/questionnaires/dg-pcio-2566.yaml")
TWIN = Path("surveys/questionnaires/dg-pcio-2566.xlsx")


def test_the_shipped_twin_reads_as_the_yaml_questionnaire():
    from_yaml = parse_definition(yaml.safe_load(YAML.read_text(encoding="utf-8")))
    assert parse_definition(read_xlsform(TWIN)) == from_yaml


def test_the_twin_is_what_the_exporter_writes_from_the_yaml_today(tmp_path):
    fresh = tmp_path / "twin.xlsx"
    fresh.write_bytes(write_xlsform(yaml.safe_load(YAML.read_text(encoding="utf-8"))))
    assert read_xlsform(fresh) == read_xlsform(TWIN)
