"""cases/ is plain Python: it must import neither Flask, nor SQLAlchemy, nor the app."""

import ast
import subprocess
import sys
from pathlib import Path

CASES = Path(__file__).resolve().parents[2] / "cases"
FORBIDDEN = ("flask", "sqlalchemy", "app", "werkzeug", "wtforms", "alembic", "flask_sqlalchemy", "flask_login")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_in_cases_imports_the_web_or_database_layer():
    offenders = {
        str(path.relative_to(CASES.parent)): sorted(_imported_modules(path) & set(FORBIDDEN))
        for path in CASES.rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_importing_every_cases_module_loads_no_framework():
    modules = sorted(
        ".".join(path.relative_to(CASES.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in CASES.rglob("*.py")
    )
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=CASES.parent, check=True
    )
    assert result.stdout.strip() == ""
