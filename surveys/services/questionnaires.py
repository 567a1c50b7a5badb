"""Importing questionnaire definitions: validated, versioned, immutable once published."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from common.problems import DefinitionError, Problem
from surveys.domain.datafile import check_size
from surveys.domain.definition import NO_QUESTION, Definition
from surveys.domain.definition_parser import load_file, parse_definition
from surveys.files.xlsform import read_xlsform_report
from surveys.models import Questionnaire

UNPUBLISHABLE = "no question to answer: a questionnaire is published to be answered; add questions first"


@dataclass(frozen=True)
class ImportResult:
    questionnaire: Questionnaire
    outcome: str  # created | updated | unchanged


def checksum(data: Any) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class DefinitionFile:
    data: dict[str, Any]
    warnings: list[Problem]  # what an XLSForm import drops; YAML/JSON drop nothing
    definition: Definition | None = None  # already validated (XLSForm), or None


def read_definition_file(path: Path) -> dict[str, Any]:
    """Plain data from a YAML/JSON or XLSForm (.xlsx) file; DefinitionError when unreadable."""
    return _read_file(path, None).data


def read_definition_with_warnings(path: Path, *, default_pillar: str | None = None) -> DefinitionFile:
    """Plain data, validated, and the warnings of what was dropped (or that nothing is asked).

    `default_pillar` is the code of the pillar for XLSForm questions outside any group."""
    read = _read_file(path, default_pillar)
    if read.definition is not None:
        return read
    definition = parse_definition(read.data)
    empty = [] if definition.has_questions else [Problem("pillars", NO_QUESTION)]
    return DefinitionFile(read.data, empty, definition)


def _read_file(path: Path, default_pillar: str | None) -> DefinitionFile:
    suffix = Path(path).suffix.lower()
    if suffix == ".xls":
        raise DefinitionError(
            [Problem(str(path), "an old .xls workbook: open it in Excel and save as .xlsx")]
        )
    try:
        if suffix == ".xlsx":
            check_size(Path(path))  # the reader bounds rows, choices and expressions itself
            read = read_xlsform_report(path, default_pillar=default_pillar)
            return DefinitionFile(read.data, read.warnings, read.definition)
        return DefinitionFile(load_file(path), [])
    except DefinitionError:
        raise
    except OSError as exc:
        raise DefinitionError([Problem(str(path), f"cannot read: {exc.strerror}")]) from exc
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DefinitionError([Problem(str(path), f"not valid YAML/JSON: {exc}")]) from exc


def questionnaire_import(
    *,
    data: dict[str, Any],
    publish: bool = False,
    warnings: list[Problem] | None = None,
    definition: Definition | None = None,
) -> ImportResult:
    """Create or update a questionnaire; a published one may not change.

    The import's warnings (what an XLSForm import dropped) are kept on the questionnaire;
    `definition` is `data` already validated by `parse_definition`, when the caller has it."""
    definition = definition or parse_definition(data)
    if publish and not definition.has_questions:
        raise DefinitionError([Problem("pillars", UNPUBLISHABLE)])
    digest = checksum(data)
    fields = {
        "import_warnings": [str(w) for w in warnings or []],
        "year": definition.year,
        "title_th": definition.title.th,
        "title_en": definition.title.en,
        "definition": data,
        "checksum": digest,
    }
    with transaction.atomic():
        existing = Questionnaire.objects.select_for_update().filter(code=definition.code).first()
        if existing is None:
            q = Questionnaire.objects.create(code=definition.code, **fields)
            outcome = "created"
        elif existing.checksum == digest:
            q, outcome = existing, "unchanged"
        elif existing.is_published:
            raise DefinitionError(
                [
                    Problem(
                        "code",
                        f"{definition.code!r} is published and cannot change; "
                        "give the changed questionnaire a new code to make a new version",
                    )
                ]
            )
        else:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            q, outcome = existing, "updated"
        if publish and not q.is_published:
            q.published_at = timezone.now()
            q.save(update_fields=["published_at"])
    return ImportResult(q, outcome)
