"""The submission receipt as a PDF, in Thai, set in Sarabun: an HTML template made into a PDF by
WeasyPrint. The fonts are the project's own copies (npm @fontsource/sarabun, put in static/dist/fonts
by `make assets`), loaded from disk through @font-face: no network is asked for anything."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from surveys.domain.receipt import grouped
from surveys.models import SubmissionReceipt

PAGE_CSS = Path(__file__).with_name("receipt_pdf.css")  # a file, not a <style>: templates hold none

# WeasyPrint keys the fonts it embeds by family and weight, so two files under one family name
# (fontsource's Thai and Latin subsets) would share one embedded font and mix their glyphs:
# each subset gets a family of its own, Thai first.
FACES = {"Sarabun Thai": "thai", "Sarabun Latin": "latin", "Sarabun Latin Ext": "latin-ext"}
FAMILY = ", ".join(f'"{family}"' for family in FACES)


def font_file(name: str) -> Path | None:
    """A Sarabun file from the static folders (or the collected static root)."""
    relative = f"dist/fonts/{name}"
    found = finders.find(relative)
    if found:
        return Path(found if isinstance(found, str) else found[0])
    collected = Path(settings.STATIC_ROOT) / relative
    return collected if collected.exists() else None


def font_faces() -> str:
    rules = []
    for family, subset in FACES.items():
        for weight in (400, 700):
            path = font_file(f"sarabun-{subset}-{weight}-normal.woff2")
            if path is not None:
                face = f'font-family: "{family}"; font-weight: {weight}; src: url({path.as_uri()});'
                rules.append(f"@font-face {{ {face} }}")
    family = f"font-family: {FAMILY}, sans-serif;"
    return "\n".join([*rules, f"@page {{ {family} }}", f"html {{ {family} }}"])


def fonts_only(url: str) -> bool:
    """What WeasyPrint may fetch: the font files on disk and nothing else, so a name or link in
    the receipt never makes the server fetch an address."""
    return url.startswith("file://") and "/dist/fonts/" in url


def receipt_pdf(receipt: SubmissionReceipt, *, verify_url: str) -> bytes:
    """The receipt as PDF bytes, in Thai whatever the page's language."""
    content = json.loads(receipt.canonical)
    context = {
        "receipt": receipt,
        "response": receipt.response,
        "content": content,
        "agency_name": content["agency"]["th"] or content["agency"]["en"],
        "fingerprint_groups": grouped(receipt.fingerprint),
        "verify_url": verify_url,
    }
    with translation.override("th"):
        html = render_to_string("surveys/receipt_pdf.html", context)
    return _render(html)


def _render(html: str) -> bytes:
    # WeasyPrint takes about 2 s to import (pango, its stylesheets): imported here, only the
    # receipt pays for it, not every process that loads the URLs.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not fonts_only(url):
                raise ValueError(f"not fetched: {url[:80]}")
            return super().fetch(url, headers)

    fetcher = FontsOnly(allowed_protocols=["file"])
    fonts = FontConfiguration()
    faces = CSS(string=font_faces(), font_config=fonts, url_fetcher=fetcher)
    page = CSS(filename=str(PAGE_CSS), font_config=fonts, url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[faces, page], font_config=fonts)
