"""Proof on real data: the World Bank's GovTech Maturity Index (2020, 2022, 2025) reproduced by the
engine through the commands a user runs — import_agencies, import_questionnaire, import_responses,
score, export_scores. The GTMI is the plain mean of four pillar indices; its group is A ≥ 0.75,
B ≥ 0.50, C ≥ 0.25, else D."""

import csv
from pathlib import Path

import openpyxl
import pytest
import yaml
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[3]
WORKBOOK = REPO.parent / "shared" / "data" / "gtmi" / "groups_data.xlsx"
PILLARS = ("cgsi", "psdi", "dcei", "gtei")
GROUPS = ("A", "B", "C", "D")


def gtmi_rows() -> list[dict]:
    if not WORKBOOK.exists():
        pytest.fail(f"the GTMI workbook is missing: {WORKBOOK} (shared/ sits beside the clone)")
    sheet = openpyxl.load_workbook(WORKBOOK, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    return [dict(zip(header, row, strict=True)) for row in rows]


def definition(year: int) -> dict:
    def pillar(code: str) -> dict:
        question = {
            "code": f"{code.upper()}.1",
            "type": "number",
            "text": {"th": f"ดัชนี {code.upper()}", "en": f"{code.upper()} index"},
            "min": 0,
            "max": 1,
            "scoring": {"linear": {"min": 0, "max": 1}},
        }
        return {"code": code.upper(), "title": {"th": code.upper()}, "weight": 1, "questions": [question]}

    bands = [
        {"code": g, "min": m, "label": {"th": g}} for g, m in zip(GROUPS, (0.75, 0.5, 0.25, 0), strict=True)
    ]
    title = {"th": f"ดัชนี GTMI {year}", "en": f"GovTech Maturity Index {year}"}
    return {"code": f"gtmi-{year}", "title": title, "bands": bands, "pillars": [pillar(p) for p in PILLARS]}


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_the_workbook_holds_593_economy_years_and_five_summary_rows():
    rows = gtmi_rows()
    economies = [r for r in rows if r["grp"] in GROUPS]
    summary = [r for r in rows if r["grp"] not in GROUPS]
    assert len(economies) == 593
    assert len(summary) == 5
    assert rows[-5:] == summary and {r["year"] for r in summary} == {2025}


@pytest.mark.django_db
def test_the_engine_reproduces_every_published_gtmi_and_group(tmp_path, capsys):
    economies = [r for r in gtmi_rows() if r["grp"] in GROUPS]
    names = {r["country_code"]: r["country_name"] for r in economies}
    agencies = [[code, name, name, "other"] for code, name in sorted(names.items())]
    call_command(
        "import_agencies",
        write_csv(tmp_path / "economies.csv", ["code", "name_th", "name_en", "kind"], agencies),
    )

    exported: dict[tuple[int, str], dict] = {}
    for year in sorted({r["year"] for r in economies}):
        # One questionnaire per year: each economy-year is one response of one economy.
        definition_file = tmp_path / f"gtmi-{year}.yaml"
        definition_file.write_text(yaml.safe_dump(definition(year), allow_unicode=True), encoding="utf-8")
        call_command("import_questionnaire", str(definition_file), "--publish")
        answers = [
            [r["country_code"], *(repr(r[p]) for p in PILLARS)] for r in economies if r["year"] == year
        ]
        responses = write_csv(
            tmp_path / f"responses-{year}.csv", ["agency", *(f"{p.upper()}.1" for p in PILLARS)], answers
        )
        call_command(
            "import_responses", str(responses), "--questionnaire", f"gtmi-{year}", "--status", "accepted"
        )
        call_command("score", "--questionnaire", f"gtmi-{year}", "--sync")
        output = tmp_path / f"scores-{year}.csv"
        call_command("export_scores", "--questionnaire", f"gtmi-{year}", "--output", str(output))
        with output.open(encoding="utf-8") as stream:
            exported.update({(year, row["agency"]): row for row in csv.DictReader(stream)})

    assert len(exported) == 593
    for r in economies:
        row = exported[(r["year"], r["country_code"])]
        where = f"{r['year']} {r['country_code']}"
        assert float(row["total"]) == pytest.approx(r["gtmi"], abs=1e-9), where
        assert row["band"] == r["grp"], where
        assert [float(row[p.upper()]) for p in PILLARS] == [r[p] for p in PILLARS], where
