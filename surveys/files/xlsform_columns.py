"""XLSForm vocabulary: language columns and row types, mapped to the portal's (docs/xlsform.md)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pyxform.aliases import select as SELECT_ALIASES

_LANGUAGES = {
    "th": "th", "tha": "th", "thai": "th", "ไทย": "th", "ภาษาไทย": "th",
    "en": "en", "eng": "en", "english": "en",
}  # fmt: skip

_LANG_COLUMN = re.compile(r"^(?P<base>[a-z_]+?)(?:::?(?P<lang>.+))?$")


@dataclass(frozen=True)
class TextColumn:
    base: str  # label, hint, form_title, ...
    lang: str | None  # th, en, or None for the default-language column
    other: str | None = None  # a language the portal has no place for (French, Español...)


@functools.lru_cache(maxsize=1024)  # a sheet's few headers, asked of every row
def text_column(header: str) -> TextColumn | None:
    """`label::English (en)`, `label::english`, `label:en`, `label` → its base and th/en."""
    match = _LANG_COLUMN.match(header)
    if match is None:
        return None
    base, lang = match.group("base"), match.group("lang")
    if lang is None:
        return TextColumn(base, None)
    lang = lang.strip()
    code = re.search(r"\(([^)]*)\)\s*$", lang)
    names = [code.group(1).strip()] if code else []
    names.append(re.sub(r"\([^)]*\)\s*$", "", lang).strip())
    for name in names:
        if name in _LANGUAGES:
            return TextColumn(base, _LANGUAGES[name])
    return TextColumn(base, None, other=lang)


def texts_by_language(row: Mapping[str, str], base: str) -> dict[str, tuple[str, str]]:
    """{th|en|'': (column, text)} of `base`'s columns in a row; other languages under their name."""
    found: dict[str, tuple[str, str]] = {}
    for header, value in row.items():
        column = text_column(header)
        if column is None or column.base != base:
            continue
        key = column.lang or (f"other:{column.other}" if column.other else "")
        found.setdefault(key, (header, value))
    return found


# Portal question types for XLSForm's simple types (pyxform's names and aliases).
SIMPLE_TYPES = {
    "integer": "number", "int": "number", "decimal": "number", "range": "number",
    "text": "text", "string": "text", "barcode": "text",
    "date": "date",
    "file": "file", "image": "file", "photo": "file", "audio": "file", "video": "file",
    "add image prompt": "file", "add photo prompt": "file", "add audio prompt": "file",
    "add video prompt": "file", "add file prompt": "file",
    "acknowledge": "yes_no", "trigger": "yes_no",
}  # fmt: skip

# Types kept with a loss, reported as a warning: (portal type, what is lost).
LOSSY_TYPES = {
    "datetime": ("date", "the time of day is not kept; a date question"),
    "time": ("text", "the portal has no time question; a text question"),
}

# Filled in by data-collection apps, not by the person answering: dropped with a warning.
METADATA_TYPES = {
    "start", "end", "today", "deviceid", "imei", "simserial", "subscriberid", "phonenumber",
    "phone number", "username", "email", "audit", "start-geopoint", "background-audio",
    "background-geopoint", "hidden", "uri:deviceid", "uri:email", "uri:phonenumber", "uri:username",
}  # fmt: skip

# Refused, with the reason.
REFUSED_TYPES = {
    "geopoint": "location questions (geopoint, geotrace, geoshape) are not supported",
    "geotrace": "location questions (geopoint, geotrace, geoshape) are not supported",
    "geoshape": "location questions (geopoint, geotrace, geoshape) are not supported",
    "gps": "location questions (geopoint, geotrace, geoshape) are not supported",
    "location": "location questions (geopoint, geotrace, geoshape) are not supported",
    "begin repeat": "repeats are not supported: one agency gives one answer per question",
    "end repeat": "repeats are not supported: one agency gives one answer per question",
    "begin loop": "loops are not supported: one agency gives one answer per question",
    "end loop": "loops are not supported: one agency gives one answer per question",
    "csv-external": "external data is not supported",
    # pyxform itself refuses a lone workbook with an include ("This section has not been included")
    "include": "another form file is not read: copy its rows into this workbook",
    "xml-external": "external data is not supported",
}


def refused_type(kind: str) -> str | None:
    """Why a row type is refused (`begin loop over X` included), or None."""
    if kind.startswith(("begin loop", "end loop")):
        return REFUSED_TYPES["begin loop"]
    return REFUSED_TYPES.get(kind)


BEGIN_GROUP = {"begin group", "begin_group", "begin page"}
END_GROUP = {"end group", "end_group", "end page"}

_OTHER_SUFFIXES = (" or_other", " or specify other")

_SELECT_PREFIXES = sorted(SELECT_ALIASES, key=len, reverse=True)  # the longest spelling first


@dataclass(frozen=True)
class SelectType:
    portal_type: str | None  # single_choice / multi_choice, None when refused
    list_name: str
    or_other: bool
    refused: str | None = None


def select_type(kind: str) -> SelectType | None:
    """`select_one X`, `select one from X`, `select all that apply from X or specify other`..."""
    or_other = False
    for suffix in _OTHER_SUFFIXES:
        if kind.endswith(suffix):
            kind, or_other = kind[: -len(suffix)], True
    for prefix in _SELECT_PREFIXES:
        if not kind.startswith(prefix + " "):
            continue
        list_name = kind[len(prefix) + 1 :].strip()
        canonical = SELECT_ALIASES[prefix]
        if "file" in prefix or "external" in canonical:
            return SelectType(None, list_name, or_other, "choices from an external file are not supported")
        if canonical == "rank":
            return SelectType(None, list_name, or_other, "rank questions are not supported")
        portal = "single_choice" if canonical == "select one" else "multi_choice"
        return SelectType(portal, list_name, or_other)
    return None


def row_kind(raw: str) -> str:
    """The type cell as compared: lower case, single spaces (`Select_One  x` → `select_one x`).

    The list name after a select keeps its case (`select_one Colours`)."""
    words = raw.split()
    if not words:
        return ""
    lowered = [w.lower() for w in words]
    head = " ".join(lowered)
    if select_type(head) is None:
        return head
    # keep the list name's own spelling: it is matched case-sensitively against the choices sheet
    for n in range(len(words), 0, -1):
        prefix = " ".join(lowered[:n])
        if prefix in SELECT_ALIASES:
            rest = words[n:]
            tail = [w.lower() if i > 0 else w for i, w in enumerate(rest)]
            return " ".join([prefix, *tail])
    return head
