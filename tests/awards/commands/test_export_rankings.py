"""export_rankings: the ranking of every category, or of one, as xlsx or csv."""

from django.core.management import call_command
from openpyxl import load_workbook


def test_the_xlsx_export_holds_the_same_rows(erin, top, ranked, tmp_path):
    out = tmp_path / "r.xlsx"
    call_command("export_rankings", "--awards", top.awards.code, "--format", "xlsx", "--output", out)
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["category", "rank", "agency", "score", "winner", "eligible", "reason"]
    assert values[1][:4] == ["top", 1, ranked["gold"].agency.code, 0.9]


def test_the_export_command_filters_one_category(top, leaders, ranked, capsys):
    call_command("export_rankings", "--awards", top.awards.code, "--category", "leaders")
    lines = capsys.readouterr().out.strip().splitlines()
    assert {line.split(",")[0] for line in lines[1:]} == {"leaders"}
