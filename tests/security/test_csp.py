"""The Content Security Policy: no inline script, no inline style, no eval; the admin's own policy."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings


def directives(header: str) -> dict[str, list[str]]:
    parts = (p.split() for p in header.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


def test_pages_forbid_inline_script_inline_style_and_eval(client, alice):
    client.force_login(alice)
    policy = directives(client.get("/responses/")["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


def test_the_sign_in_page_has_the_policy_too(client, db):
    assert "script-src 'self'" in client.get("/accounts/login/")["Content-Security-Policy"]


def test_the_admin_may_use_inline_styles_but_never_inline_script(client, db):
    policy = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]


def test_no_template_holds_inline_script_style_or_event_handlers():
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:",
        re.IGNORECASE,
    )
    found = [
        f"{path}: {match.group(0)}"
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert found == []
