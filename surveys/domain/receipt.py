"""A submission's canonical form and its fingerprint. Pure: no ORM.

The canonical form is JSON with sorted keys, no spaces and UTF-8 text (not \\u escapes), so the
same content always gives the same bytes and so the same SHA-256; anyone holding the JSON can
recompute the fingerprint printed on the receipt."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

RECEIPT_FORMAT = 1  # bump when the content's shape changes; old receipts keep their own
FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


def canonical_json(content: Mapping[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def fingerprint_of(canonical: str) -> str:
    """The SHA-256 of the canonical JSON's UTF-8 bytes, in lowercase hex."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def is_fingerprint(text: str) -> bool:
    return bool(FINGERPRINT.match(text))


def grouped(fingerprint: str, size: int = 8) -> str:
    """A fingerprint in groups of 8 for reading aloud or comparing by eye."""
    return " ".join(fingerprint[i : i + size] for i in range(0, len(fingerprint), size))
