"""The real-world XLSForms in ../shared/data/xlsforms/ (pyxform's and ODK Central's test forms,
sources in its SOURCES.md): each imports, with warnings for what is dropped, or is refused with
every problem at a sheet, row and column. None crashes.

Which outcome a form must have is decided by pyxform itself: a form pyxform accepts with no
repeat, loop, geo type or external select must import; the few exceptions are listed with
their reason in NOT_IMPORTABLE."""

import re
from pathlib import Path

import pytest
from pyxform.errors import PyXFormError
from pyxform.xls2json import parse_file_to_json

from common.problems import DefinitionError
from surveys.domain.definition_parser import parse_definition
from surveys.files.xlsform import read_xlsform_report

REPO = Path(__file__).resolve().parents[3]
FORMS = REPO.parent / "shared" / "data" / "xlsforms"

# pyxform accepts these and they have none of the excluded features, yet the portal cannot
# import them; each is refused with the reason at its rows.
NOT_IMPORTABLE = {
    "pyxform__bad_calc.xlsx": "only calculations: no question a person answers",
    "pyxform__calculate.from-xls.xlsx": "only notes and calculations",
    "pyxform__hidden.from-xls.xlsx": "only hidden fields and calculations",
    "pyxform__pull_data.xlsx": "only notes and calculations",
    "pyxform__include_json.xlsx": "only an include of another form file (dropped): no question",
    "pyxform__include_json.from-xls.xlsx": "only an include of another form file (dropped): no question",
}

EXCLUDED_TYPES = {"repeat", "loop", "gps", "geopoint", "geotrace", "geoshape", "select one external"}

LOCATED = re.compile(r"^(survey|choices|settings|bands) rows? \d+|^\S+\.xlsx?$")


def form_names() -> list[str]:
    if not FORMS.is_dir():
        pytest.fail(f"the real-world XLSForms are missing: {FORMS} (shared/ sits beside the clone)")
    return sorted(p.name for p in FORMS.glob("*.xlsx"))


def excluded_features(node: dict) -> set[str]:
    """The repeat, loop, geo and external-select parts of pyxform's reading of a form."""
    found, stack = set(), [node]
    while stack:
        item = stack.pop()
        if item.get("type") in EXCLUDED_TYPES:
            found.add(item["type"])
        if str(item.get("itemset", "")).endswith((".csv", ".xml", ".geojson")):
            found.add("select from file")
        stack.extend(item.get("children") or [])
    return found


def pyxform_says_importable(path: Path) -> bool:
    try:
        return not excluded_features(parse_file_to_json(str(path)))
    except PyXFormError:
        return False


@pytest.mark.parametrize("name", form_names())
def test_a_real_world_form_imports_or_is_refused_cell_by_cell(name):
    path = FORMS / name
    must_import = pyxform_says_importable(path) and name not in NOT_IMPORTABLE
    try:
        read = read_xlsform_report(path)
    except DefinitionError as refused:
        assert not must_import, f"{name} was refused: {[str(p) for p in refused.problems]}"
        assert refused.problems
        for problem in refused.problems:
            assert LOCATED.match(problem.path), f"{name}: {problem} names no sheet and row"
        return
    assert must_import, f"{name} imported but pyxform refuses it or it has an excluded feature"
    assert list(parse_definition(read.data).iter_questions())
    for warning in read.warnings:
        assert re.match(r"^(survey|choices|settings|bands)\b", warning.path), f"{name}: {warning}"


def test_all_58_shared_forms_are_in_the_suite():
    assert len(form_names()) == 58
