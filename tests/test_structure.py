"""The packages depend in one direction: verify ← annotations ← workers ← config (read from imports)."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Each package may import only the packages after it in this list.
ORDER = ["config", "workers", "annotations", "verify"]


def _imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, imported module, at module level?) for every import in the file."""
    tree = ast.parse(path.read_text(), str(path))
    top = set(tree.body)
    for node in tree.body:
        if isinstance(node, (ast.If, ast.Try)):
            top.update(node.body)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, node in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module, node in top))
    return found


def _project_files(package: str):
    return [p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("package", ORDER)
def test_a_package_imports_only_the_packages_below_it(package):
    allowed = set(ORDER[ORDER.index(package):])
    upward = [f"{path.relative_to(ROOT)}:{line} imports {module}"
              for path in _project_files(package) for line, module, _ in _imports(path)
              if module.split(".")[0] in ORDER and module.split(".")[0] not in allowed]
    assert upward == []


def test_no_service_or_selector_imports_a_task_module():
    offenders = [f"{path.relative_to(ROOT)}:{line}"
                 for package in ("verify", "annotations") for path in _project_files(package)
                 for line, module, _ in _imports(path) if module.split(".")[0] == "workers"]
    assert offenders == []
