"""import_agencies: all or nothing, every bad row reported with its line."""

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency, Ministry, Province

MINISTRIES = (
    "code,name_th,name_en,abbr_th,abbr_en\n"
    "MOAC,กระทรวงเกษตรและสหกรณ์,Ministry of Agriculture and Cooperatives,กษ.,MOAC\n"
)
PROVINCES = "code,name_th,name_en,region\nTH-50,เชียงใหม่,Chiang Mai,north\n"
HEADER = "code,name_th,name_en,abbr_th,abbr_en,ministry,kind,province\n"


@pytest.fixture
def files(tmp_path):
    def write(agencies: str, ministries: str = MINISTRIES, provinces: str = PROVINCES):
        paths = {}
        for name, text in (("agencies", agencies), ("ministries", ministries), ("provinces", provinces)):
            paths[name] = tmp_path / f"{name}.csv"
            paths[name].write_text(text, encoding="utf-8")
        return paths

    return write


def run(paths):
    call_command(
        "import_agencies", paths["agencies"], ministries=paths["ministries"], provinces=paths["provinces"]
    )


def errors_of(paths, capsys) -> str:
    with pytest.raises(CommandError, match="nothing was imported"):
        run(paths)
    return capsys.readouterr().err


@pytest.mark.django_db
def test_it_imports_agencies_with_their_ministry_and_province(files):
    run(
        files(
            HEADER
            + "ALRO,สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม,Agricultural Land Reform Office,"
            + "ส.ป.ก.,ALRO,MOAC,department,\n"
            + "PCIO-50,คณะกรรมการ CIO จังหวัดเชียงใหม่,PCIO Chiang Mai,,,MOAC,pcio,TH-50\n"
        )
    )
    alro = Agency.objects.get(code="ALRO")
    assert (alro.ministry.code, alro.abbr_th, alro.kind) == ("MOAC", "ส.ป.ก.", "department")
    assert Agency.objects.get(code="PCIO-50").province.code == "TH-50"


@pytest.mark.django_db
def test_running_it_twice_updates_in_place(files):
    run(files(HEADER + "ALRO,ชื่อเดิม,,,,MOAC,,\n"))
    run(files(HEADER + "ALRO,สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม,,,,MOAC,,\n"))
    assert list(Agency.objects.values_list("name_th", flat=True)) == ["สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม"]


@pytest.mark.django_db
def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(files, capsys):
    err = errors_of(
        files(
            HEADER
            + "GOOD,หน่วยงานดี,,,,MOAC,department,\n"
            + "GOOD,ซ้ำ,,,,MOAC,department,\n"
            + "BAD CODE,ชื่อ,,,,MOAC,department,\n"
            + "NONAME,,,,,MOAC,department,\n"
            + "KIND,ชื่อ,,,,MOAC,ministry,\n"
            + "MIN,ชื่อ,,,,MOXX,department,\n"
            + "PROV,ชื่อ,,,,MOAC,department,TH-99\n"
            + "PCIO,ชื่อ,,,,MOAC,pcio,\n"
        ),
        capsys,
    )
    assert "agencies.csv:3: duplicate code 'GOOD' (first on line 2)" in err
    assert "agencies.csv:4: code 'BAD CODE' is missing or malformed" in err
    assert "agencies.csv:5: name_th (the Thai name) is required" in err
    assert "agencies.csv:6: kind 'ministry' must be one of" in err
    assert "agencies.csv:7: unknown ministry 'MOXX'" in err
    assert "agencies.csv:8: unknown province 'TH-99'" in err
    assert "agencies.csv:9: a pcio agency needs its province" in err
    assert not Agency.objects.exists()
    assert not Ministry.objects.exists()
    assert not Province.objects.exists()


@pytest.mark.django_db
def test_an_unknown_or_missing_column_is_reported(files, capsys):
    err = errors_of(files("code,nom\nX,Y\n"), capsys)
    assert "agencies.csv:1: unknown column 'nom'" in err
    assert "agencies.csv:1: missing column 'name_th'" in err


@pytest.mark.django_db
def test_bad_provinces_are_reported(files, capsys):
    err = errors_of(
        files(HEADER, provinces="code,name_th,name_en,region\nTH-5,เชียงใหม่,,north\nTH-51,ลำพูน,,mountains\n"),
        capsys,
    )
    assert "provinces.csv:2: code 'TH-5' is missing or malformed" in err
    assert "provinces.csv:3: region must be one of" in err


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_reported(files, capsys, tmp_path):
    paths = files(HEADER)
    paths["agencies"].write_bytes("code,name_th\nX,กรม\n".encode("tis-620"))
    assert "agencies.csv:1: the file is not UTF-8 text" in errors_of(paths, capsys)


@pytest.mark.django_db
def test_a_rename_keeps_the_old_name_until_the_day_before_it_took_effect(files):
    run(
        files(
            HEADER
            + "DEQP,กรมส่งเสริมคุณภาพสิ่งแวดล้อม,Department of Environmental Quality Promotion,สส.,DEQP,MOAC,,\n"
        )
    )
    renamed = "DEQP,กรมการเปลี่ยนแปลงสภาพภูมิอากาศและสิ่งแวดล้อม,,สส.,DCCE,MOAC,,,2023-08-18\n"
    run(files(HEADER.rstrip("\n") + ",changed_on\n" + renamed))
    agency = Agency.objects.get(code="DEQP")
    (former,) = agency.former_names.all()
    assert agency.name_th == "กรมการเปลี่ยนแปลงสภาพภูมิอากาศและสิ่งแวดล้อม"
    assert (former.name_th, former.abbr_en, str(former.valid_until)) == (
        "กรมส่งเสริมคุณภาพสิ่งแวดล้อม",
        "DEQP",
        "2023-08-17",
    )


@pytest.mark.django_db
def test_a_move_to_another_ministry_keeps_the_old_ministry(files):
    two = MINISTRIES + "OPM,สำนักนายกรัฐมนตรี,Office of the Prime Minister,นร.,OPM\n"
    run(files(HEADER + "NHCO,สำนักงานคณะกรรมการสุขภาพแห่งชาติ,,สช.,NHCO,MOAC,,\n", ministries=two))
    run(files(HEADER + "NHCO,สำนักงานคณะกรรมการสุขภาพแห่งชาติ,,สช.,NHCO,OPM,,\n", ministries=two))
    agency = Agency.objects.get(code="NHCO")
    assert agency.ministry.code == "OPM"
    assert [f.ministry.code for f in agency.former_names.all()] == ["MOAC"]


@pytest.mark.django_db
def test_an_unchanged_row_records_no_former_name(files):
    row = HEADER + "ALRO,สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม,,,,MOAC,,\n"
    run(files(row))
    run(files(row))
    assert not Agency.objects.get(code="ALRO").former_names.exists()


@pytest.mark.django_db
def test_a_kind_change_that_would_orphan_responses_is_refused(files, capsys):
    from tests.factories import ResponseFactory

    run(files(HEADER + "ALRO,สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม,,,,MOAC,department,\n"))
    ResponseFactory(agency=Agency.objects.get(code="ALRO"))
    err = errors_of(files(HEADER + "ALRO,สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม,,,,MOAC,other,\n"), capsys)
    assert "agencies.csv:2: agency 'ALRO' has responses: its kind stays 'department'" in err
    assert Agency.objects.get(code="ALRO").kind == "department"


@pytest.mark.django_db
def test_a_history_file_records_former_names_and_reports_bad_rows(files, tmp_path, capsys):
    paths = files(HEADER + "DLP,กรมส่งเสริมการเรียนรู้,,สกร.,,MOAC,,\n")
    history = tmp_path / "history.csv"
    history.write_text(
        "code,valid_until,name_th,name_en,abbr_th,abbr_en,ministry\n"
        "DLP,2023-05-17,สำนักงาน กศน.,,,,MOAC\n"
        "NOPE,17/05/2566,,,,,MOX\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_agencies", paths["agencies"], ministries=paths["ministries"], history=history)
    err = capsys.readouterr().err
    for expected in (
        "history.csv:3: unknown agency 'NOPE'",
        "history.csv:3: valid_until must be a date YYYY-MM-DD",
        "history.csv:3: name_th (the Thai name) is required",
        "history.csv:3: unknown ministry 'MOX'",
    ):
        assert expected in err
    history.write_text(
        "code,valid_until,name_th,name_en,abbr_th,abbr_en,ministry\nDLP,2023-05-17,สำนักงาน กศน.,,,,MOAC\n",
        encoding="utf-8",
    )
    call_command("import_agencies", paths["agencies"], ministries=paths["ministries"], history=history)
    assert list(Agency.objects.get(code="DLP").former_names.values_list("name_th", flat=True)) == [
        "สำนักงาน กศน."
    ]
