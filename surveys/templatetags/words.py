"""What every question of a page shares (issue 18): the words and the addresses, split around
the question code, prepared once per process and language (`shared_words`); a page adds its
response's address and its CSRF token (`PageWords`). Not a tag library: the pillar page's
question blocks (surveys/templatetags/questions.py) read it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

_PLAIN_CODE = re.compile(r"[A-Za-z0-9._~-]+")
_MARK = "QCODE0"  # stands for a question code in an address reversed once
_SAFE = "!$&'()*+,;=/~:@"  # what django.urls.reverse leaves unquoted in a path argument
_UUID_MARK = "00000000-0000-0000-0000-00000000c0de"  # stands for the response's (or a file's) id


def escape(value: object) -> str:
    """The standard library's HTML escape, as django.utils.html.escape does it, without Django's
    lazy-string and SafeString wrappers (called thousands of times a page)."""
    return html.escape(str(value))


@dataclass
class SharedWords:
    """A language's words for the questions, escaped, and the addresses split around the code."""

    autosave: list[str]
    history: list[str]
    upload: list[str]
    download: list[str]
    remove: list[str]
    required_mark: str
    save: str
    yes: str
    no: str
    filter: str
    last_changed: str
    history_word: str
    last_year: str
    comments: str
    evidence: str
    for_points: str
    no_file: str
    remove_word: str
    attach: str
    file_for: str
    note: str


_SHARED: dict[tuple[str, str, Any], SharedWords] = {}


def shared_words(lang: str) -> SharedWords:
    """The words of `lang` (active now) and the address templates, once per process (and URL
    configuration): translations and URL patterns do not change while it runs."""
    key = (lang, get_script_prefix(), get_urlconf())
    found = _SHARED.get(key)
    if found is None:
        found = _SHARED[key] = SharedWords(
            autosave=reverse("surveys:autosave", args=[_UUID_MARK, _MARK]).split(_MARK),
            history=reverse("surveys:answer_history", args=[_UUID_MARK, _MARK]).split(_MARK),
            upload=reverse("surveys:evidence_upload", args=[_UUID_MARK, _MARK]).split(_MARK),
            download=reverse("surveys:evidence", args=[_UUID_MARK]).split(_UUID_MARK),
            remove=reverse("surveys:evidence_remove", args=[_UUID_MARK]).split(_UUID_MARK),
            required_mark=(
                ' <span class="text-danger" aria-hidden="true">*</span>'
                f'<span class="visually-hidden"> ({escape(_("required"))})</span>'
            ),
            save=escape(_("Save")),
            yes=escape(_("Yes")),
            no=escape(_("No")),
            filter=escape(_("Type to filter the choices")),
            last_changed=_("Last changed by %(who)s"),
            history_word=escape(_("History")),
            last_year=escape(_("Last year")),
            comments=escape(_("DGA's comments on this question")),
            evidence=escape(_("Evidence")),
            for_points=escape(_("needed for points")),
            no_file=escape(_("No file attached.")),
            remove_word=escape(_("Remove")),
            attach=escape(_("Attach")),
            file_for=_("File for %(code)s"),
            note=_("DGA's note: %(note)s"),
        )
    return found


class PageWords(SharedWords):
    """One page's words: its language's shared ones, the response's addresses, the CSRF token,
    whether the page is editable, and the dates written so far."""

    def __init__(self, *, public_id: str, csrf_token: str, editable: bool) -> None:
        self.lang = get_language() or "th"
        self.__dict__.update(vars(shared_words(self.lang)))  # every field of SharedWords
        self.autosave = [part.replace(_UUID_MARK, public_id) for part in self.autosave]
        self.history = [part.replace(_UUID_MARK, public_id) for part in self.history]
        self.upload = [part.replace(_UUID_MARK, public_id) for part in self.upload]
        self.zone = get_current_timezone()
        self.days: dict[date, str] = {}  # long dates written so far
        self.editable = editable
        self.csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'

    def url(self, parts: list[str], code: str) -> str:
        if _PLAIN_CODE.fullmatch(code):  # most codes ("P1.2"): nothing to quote or escape
            return parts[0] + code + parts[1]
        return escape(parts[0] + quote(code, safe=_SAFE) + parts[1])
