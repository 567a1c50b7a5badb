"""Sign-in names (e-mail addresses) in one canonical form, so that look-alike spellings of an
address are the same account to the lookup, to the lockout's counter and to registration."""

from __future__ import annotations

import unicodedata

# Format characters (zero-width space and joiners, word joiner, bidi marks...) and controls are
# invisible: an address holding one is refused, and its lockout counter is the visible address's.
_INVISIBLE = ("Cf", "Cc")


def has_invisible_characters(raw: str) -> bool:
    """Whether the name holds a character that shows nothing, inside it (edges are stripped)."""
    return any(unicodedata.category(c) in _INVISIBLE for c in raw.strip())


def normalise_identifier(raw: str) -> str:
    """NFKC (fullwidth letters become ASCII), invisible characters removed, case folded, spaces
    stripped. The dotless ı and the dotted İ fold to i, as PostgreSQL's case-insensitive
    comparison folds them, so no second spelling of an address reaches the same row unseen."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE)
    text = text.strip().casefold().replace("i\u0307", "i").replace("ı", "i")
    return unicodedata.normalize("NFKC", text)
