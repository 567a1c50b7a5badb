"""Evidence files are judged by their content, never by their name."""

import io

import openpyxl
import pytest

from surveys.files.uploads import UploadRejected, check_upload, clean_name, download_name
from tests.factories import PDF

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 200


def check(data: bytes, max_bytes: int = 1024 * 1024):
    return check_upload(io.BytesIO(data), len(data), max_bytes)


def test_a_pdf_is_accepted():
    assert check(PDF).extension == "pdf"


def test_an_image_is_accepted():
    assert check(PNG).mime == "image/png"


def test_an_office_spreadsheet_is_accepted():
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    assert check(buffer.getvalue()).extension == "xlsx"


def test_a_program_is_refused_whatever_it_is_called():
    with pytest.raises(UploadRejected) as caught:
        check(EXE)
    assert caught.value.code == "wrong_type"


def test_plain_text_is_refused():
    with pytest.raises(UploadRejected) as caught:
        check(b"just some words, named report.pdf")
    assert caught.value.code == "wrong_type"


def test_a_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(UploadRejected) as caught:
        check(PDF + b"0" * 200, max_bytes=100)
    assert caught.value.code == "too_large"
    assert caught.value.params["max_bytes"] == 100


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRejected) as caught:
        check(b"")
    assert caught.value.code == "empty"


def test_names_lose_their_path_and_odd_characters():
    assert clean_name('C:\\Users\\x\\แผน "ดิจิทัล".pdf') == "แผน ดิจิทัล.pdf"
    assert clean_name("../../") == "evidence"


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("annual-report.html", ".pdf", "annual-report.pdf"),
        ("photo.JPEG", ".jpg", "photo.JPEG"),
        ("scan.tiff", ".tif", "scan.tiff"),
        ("plan", ".docx", "plan.docx"),
        ("", ".png", "evidence.png"),
    ],
)
def test_the_download_name_ends_with_the_detected_type(name, extension, expected):
    assert download_name(name, extension) == expected
