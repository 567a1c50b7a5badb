"""Reading an award file (YAML or JSON) into plain data; `awards.domain.spec` validates it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from surveys.services.questionnaires import read_definition_file


def read_awards_file(path: Path) -> dict[str, Any]:
    """Plain data from a .yaml/.yml/.json award file; DefinitionError when unreadable."""
    return read_definition_file(path)
