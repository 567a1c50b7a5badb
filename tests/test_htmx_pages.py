"""htmx is loaded only by the pages that use it (base.html's scripts block): a page that renders
htmx attributes, directly or through a partial or the question blocks, must load it."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LOADS_HTMX = "{% static 'dist/htmx.js' %}"


def uses_htmx(template: Path, seen: frozenset[Path] = frozenset()) -> bool:
    text = template.read_text()
    if "hx-" in text or "question_block" in text or "js/workbench.js" in text or "js/form.js" in text:
        return True
    included = (TEMPLATES / name for name in re.findall(r'{% include "([^"]+)"', text))
    return any(uses_htmx(path, seen | {template}) for path in included if path.exists() and path not in seen)


def test_every_page_that_uses_htmx_loads_it():
    pages = [t for t in TEMPLATES.rglob("*.html") if t.read_text().startswith('{% extends "base.html" %}')]
    using = {t.name for t in pages if uses_htmx(t)}
    assert {"pillar.html", "workbench_queue.html", "rescore.html", "export_job.html"} <= using
    assert [
        name for name in sorted(using) if LOADS_HTMX not in (TEMPLATES / "surveys" / name).read_text()
    ] == []


def test_the_pages_without_htmx_do_not_load_it():
    base = (TEMPLATES / "base.html").read_text()
    assert "htmx.js" not in base and "{% block scripts %}" in base
