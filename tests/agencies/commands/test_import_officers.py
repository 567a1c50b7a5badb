"""Officers from CSV: validated all at once, invited to set their own password."""

import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from agencies.models import Membership, User

HEADER = "email,name,agency,role\n"


@pytest.fixture
def csv_file(tmp_path):
    def write(text: str):
        path = tmp_path / "officers.csv"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_it_creates_officers_with_their_agency_role_and_no_usable_password(csv_file, agency_a):
    call_command("import_officers", csv_file(HEADER + "Somchai@Example.com,สมชาย ใจดี,ALRO,approver\n"))
    user = User.objects.get(email="somchai@example.com")
    assert (user.full_name, user.has_usable_password()) == ("สมชาย ใจดี", False)
    assert Membership.objects.get(user=user).role == "approver"


def test_each_new_officer_gets_a_set_password_email(csv_file, agency_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_officers", csv_file(HEADER + "a@example.com,ก,ALRO,officer\nb@example.com,ข,ALRO,\n")
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.com", "b@example.com"]
    assert re.search(r"/accounts/reset/[\w-]+/[\w-]+/", mail.outbox[0].body)


def test_the_emailed_link_lets_the_officer_set_a_password_and_sign_in(
    client, csv_file, agency_a, sign_in_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_officers", csv_file(HEADER + "a@example.com,ก,ALRO,officer\n"))
    link = re.search(r"http://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "a-long-and-secret-passphrase"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    client.logout()
    signed_in = sign_in_form("a@example.com", new)
    assert signed_in.status_code == 302


def test_every_bad_row_is_reported_and_nothing_is_written(csv_file, agency_a, capsys):
    text = HEADER + "not-an-email,ก,ALRO,officer\nb@example.com,,NOPE,boss\nc@example.com,ค,ALRO,officer\n"
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_officers", csv_file(text))
    err = capsys.readouterr().err
    assert "officers.csv:2: e-mail 'not-an-email' is not valid" in err
    assert "officers.csv:3: name is required" in err
    assert "officers.csv:3: unknown agency code 'NOPE'" in err
    assert "officers.csv:3: role must be one of officer, approver" in err
    assert not User.objects.exists()
