"""The house rules of docs/architecture.md that import-linter cannot express: small modules,
no private name imported across modules, no import cycle between modules (imports inside
functions count too)."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("agencies", "surveys", "awards", "common", "readiness_portal", "api")
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


MODULES = app_modules()


def imported_from(path: Path) -> list[tuple[str, str, int]]:
    """(module, name, line) for every `from module import name` in the file, at any depth."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found += [(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names]
    return found


def dependencies(path: Path) -> set[str]:
    deps = set()
    for module, name, _ in imported_from(path):
        if f"{module}.{name}" in MODULES:
            deps.add(f"{module}.{name}")
        elif module in MODULES:
            deps.add(module)
    return deps - {module_name(path)}


def test_no_module_of_the_apps_is_longer_than_400_lines():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in lengths.items() if n > MAX_LINES} == {}


def test_no_module_imports_a_private_name_of_another_module():
    crossings = [
        f"{module_name(path)}:{line} imports {name} from {module}"
        for path in MODULES.values()
        for module, name, line in imported_from(path)
        if name.startswith("_") and module.split(".")[0] in PACKAGES and module != module_name(path)
    ]
    assert crossings == []


def test_no_import_cycle_joins_the_apps_modules_even_inside_functions():
    graph = {name: dependencies(path) for name, path in MODULES.items()}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")
