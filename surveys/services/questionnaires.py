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
from surveys.domain.datafile import check_bounds, check_size
from surveys.domain.definition_parser import load_file, parse_definition
from surveys.models import Questionnaire


@dataclass(frozen=True)
class ImportResult:
    questionnaire: Questionnaire
    outcome: str  # created | updated | unchanged


def checksum(data: Any) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_definition_file(path: Path) -> dict[str, Any]:
    """Plain data from a YAML/JSON or XLSForm (.xlsx) file; DefinitionError when unreadable."""
    try:
        if Path(path).suffix.lower() == ".xlsx":
            from surveys.files.xlsform import read_xlsform

            check_size(Path(path))
            data = read_xlsform(path)
            check_bounds(data, str(path))
            return data
        return load_file(path)
    except DefinitionError:
        raise
    except OSError as exc:
        raise DefinitionError([Problem(str(path), f"cannot read: {exc.strerror}")]) from exc
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DefinitionError([Problem(str(path), f"not valid YAML/JSON: {exc}")]) from exc


def questionnaire_import(*, data: dict[str, Any], publish: bool = False) -> ImportResult:
    """Create or update a questionnaire; a published one may not change."""
    definition = parse_definition(data)
    digest = checksum(data)
    fields = {
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
