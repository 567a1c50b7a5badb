"""The Thai catalogue is complete and compiled: Thai is the portal's first language."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "th" / "LC_MESSAGES"


def test_every_message_has_a_thai_translation():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    source = {e.msgid: e.msgstr or e.msgstr_plural.get(0) for e in catalogue if not e.obsolete}
    compiled = {e.msgid: e.msgstr or e.msgstr_plural.get(0) for e in polib.mofile(str(LOCALE / "django.mo"))}
    assert {k: v for k, v in source.items() if k} == {k: v for k, v in compiled.items() if k}
