"""The real-world XLSForms in ../shared/data/xlsforms/ (pyxform's and ODK Central's test forms,
sources in its SOURCES.md): issue 16's acceptance 1, literally. Every form that pyxform itself
accepts (its whole conversion to an XForm, as `xls2xform` does) and that has no repeat, loop,
geo type or external select imports, with warnings for what is dropped; every other form is
refused with every problem at a sheet, row and column. None crashes."""

import logging
import re
from pathlib import Path

import pytest
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from common.problems import DefinitionError
from surveys.domain.definition import NO_QUESTION
from surveys.domain.definition_parser import parse_definition
from surveys.files.xlsform import read_xlsform_report

REPO = Path(__file__).resolve().parents[3]
FORMS = REPO.parent / "shared" / "data" / "xlsforms"

# pyxform accepts these, yet they hold no question a person answers (only notes, calculations
# or hidden fields): they import, with the warning that there is nothing to answer.
NOTHING_TO_ANSWER = {
    "pyxform__bad_calc.xlsx",
    "pyxform__calculate.from-xls.xlsx",
    "pyxform__hidden.from-xls.xlsx",
    "pyxform__pull_data.xlsx",
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


def pyxform_accepts(path: Path) -> dict | None:
    """pyxform's reading of the form when its whole conversion succeeds, else None."""
    logging.disable(logging.WARNING)  # pyxform logs what it refuses; the test asserts on our side
    try:
        return convert(xlsform=str(path))._pyxform
    except PyXFormError:
        return None
    finally:
        logging.disable(logging.NOTSET)


@pytest.mark.parametrize("name", form_names())
def test_a_real_world_form_imports_iff_pyxform_accepts_it_without_excluded_features(name):
    path = FORMS / name
    accepted = pyxform_accepts(path)
    must_import = accepted is not None and not excluded_features(accepted)
    try:
        read = read_xlsform_report(path)
    except DefinitionError as refused:
        assert not must_import, f"{name} was refused: {[str(p) for p in refused.problems]}"
        assert refused.problems
        for problem in refused.problems:
            assert LOCATED.match(problem.path), f"{name}: {problem} names no sheet and row"
        return
    assert must_import, f"{name} imported but pyxform refuses it or it has an excluded feature"
    for warning in read.warnings:
        assert re.match(r"^(survey|choices|settings|bands)\b", warning.path), f"{name}: {warning}"
    has_questions = parse_definition(read.data).has_questions
    assert has_questions == (name not in NOTHING_TO_ANSWER)
    assert has_questions or NO_QUESTION in [w.message for w in read.warnings]


def test_the_outcomes_are_not_all_one_way():
    """A guard on the test itself: pyxform accepts some forms and refuses others."""
    accepted = [n for n in form_names() if pyxform_accepts(FORMS / n) is not None]
    assert 30 < len(accepted) < 58


def test_all_58_shared_forms_are_in_the_suite():
    assert len(form_names()) == 58
