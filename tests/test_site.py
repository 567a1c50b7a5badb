"""Site-wide behaviour: language, health, error pages."""

import subprocess
import sys

from django.urls import reverse


def test_the_first_page_is_served_in_thai(client):
    page = client.get("/", follow=True)
    assert page.status_code == 200
    assert '<html lang="th">' in page.content.decode()
    assert "เข้าสู่ระบบ" in page.content.decode()


def test_a_visitor_can_switch_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    page = client.get(reverse("login"))
    assert '<html lang="en">' in page.content.decode()
    assert "Sign in" in page.content.decode()


def test_healthz_answers_200_when_the_database_is_reachable(client, db):
    page = client.get("/healthz")
    assert page.status_code == 200
    assert page.json()["database"] == "ok"


def test_an_unknown_page_gets_the_portals_404(client, alice):
    client.force_login(alice)
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in page.content.decode()


def test_the_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "readiness_portal.settings.prod",
        "SECRET_KEY": "a-long-random-secret-key-for-the-deploy-check-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "readiness.example.go.th",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_browser_asking_for_english_still_gets_thai_first(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="th">' in page.content.decode()
