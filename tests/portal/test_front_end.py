"""The front end as the pages ask for it: built CSS and JS (assets/build.mjs), scripts deferred,
the body font preloaded, pages gzipped for a browser that accepts it and files left as they are."""

import gzip
import re

from django.http import HttpResponse
from django.test import RequestFactory

from readiness_portal.middleware import PageCompressionMiddleware
from readiness_portal.settings import base


def test_every_script_of_a_page_is_deferred(client, db):
    page = client.get("/accounts/login/").content.decode()
    scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page)
    assert scripts
    assert all(" defer" in tag for tag in scripts), scripts


def test_a_page_links_the_built_stylesheet_and_preloads_the_thai_face(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/static/dist/portal.css"' in page
    preload = re.search(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', page)
    assert preload and preload.group(1).endswith("sarabun-thai-400-normal.woff2")


def test_a_page_is_gzipped_for_a_browser_that_accepts_it(client, db):
    reply = client.get("/accounts/login/", headers={"accept-encoding": "gzip, br"})
    assert reply["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in reply["Vary"]
    assert b"<!doctype html>" in gzip.decompress(reply.content)


def test_a_file_that_is_not_text_is_sent_as_it_is():
    request = RequestFactory().get("/", headers={"accept-encoding": "gzip"})
    pdf = HttpResponse(b"%PDF-1.7 " + b"0" * 4096, content_type="application/pdf")
    reply = PageCompressionMiddleware(lambda r: pdf)(request)
    assert not reply.has_header("Content-Encoding")
    assert reply.content.startswith(b"%PDF")


def test_production_serves_static_files_compressed_and_named_by_their_hash():
    storage = base.STORAGES["staticfiles"]["BACKEND"]
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
