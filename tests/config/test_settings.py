"""config/settings.py and .env.example agree, and the settings are built without patching.

Both files are read as text and parsed (settings.py with `ast`): nothing here imports the settings
or the apps, and no test uses the database (none is marked django_db).
"""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "config" / "settings.py"
ENV_EXAMPLE = ROOT / ".env.example"

# "# === Core: paths, ..." in settings.py and "# === Core ====" in .env.example open a section.
SECTION_HEADER = re.compile(r"^# === ([A-Za-z]+)")
# "NAME=value" or, for a variable without a fixed default, "# NAME=".
ENV_LINE = re.compile(r"^(?:#\s*)?([A-Z][A-Z0-9_]*)=")
# Variables of the Makefile group of .env.example: `make run` reads them, settings.py does not.
MAKEFILE_SECTION = "Makefile"
PATCHED_LISTS = {"INSTALLED_APPS", "MIDDLEWARE"}


def settings_tree() -> ast.Module:
    return ast.parse(SETTINGS.read_text(), filename=str(SETTINGS))


def is_env_read(node: ast.AST) -> bool:
    """`env("X", ...)` or `env.<cast>("X", ...)`; not `environ.Env.read_env(...)`."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id == "env"
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "env"


def env_reads() -> list[tuple[str, int]]:
    """(variable name, line) of every env call in settings.py, in source order."""
    reads = []
    for node in ast.walk(settings_tree()):
        if is_env_read(node):
            first = node.args[0] if node.args else None
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"settings.py line {node.lineno}: env call without a literal variable name")
            reads.append((first.value, node.lineno, node.col_offset))
    return [(name, line) for name, line, _ in sorted(reads, key=lambda r: (r[1], r[2]))]


def sections_by_line(lines: list[str]) -> list[str]:
    """The section each line belongs to ("" before the first header)."""
    current, sections = "", []
    for line in lines:
        match = SECTION_HEADER.match(line)
        if match:
            current = match.group(1)
        sections.append(current)
    return sections


def settings_variables() -> list[tuple[str, str]]:
    """(variable, section) read by settings.py, in source order."""
    sections = sections_by_line(SETTINGS.read_text().splitlines())
    return [(name, sections[line - 1]) for name, line in env_reads()]


def example_variables(include_makefile: bool = False) -> list[tuple[str, str]]:
    """(variable, section) listed by .env.example, in file order."""
    lines = ENV_EXAMPLE.read_text().splitlines()
    listed = []
    for line, section in zip(lines, sections_by_line(lines)):
        match = ENV_LINE.match(line)
        if match and (include_makefile or section != MAKEFILE_SECTION):
            listed.append((match.group(1), section))
    return listed


def test_every_variable_settings_reads_is_listed_in_env_example():
    listed = {name for name, _ in example_variables()}
    missing = [name for name, _ in settings_variables() if name not in listed]
    assert not missing, f".env.example does not list {missing}"


def test_env_example_lists_no_variable_settings_does_not_read():
    read = {name for name, _ in settings_variables()}
    unread = [name for name, _ in example_variables() if name not in read]
    assert not unread, f"settings.py does not read {unread} (Makefile-only variables go in its group)"


def test_env_example_lists_each_variable_once():
    names = [name for name, _ in example_variables(include_makefile=True)]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})


def test_no_environment_variable_is_read_twice():
    names = [name for name, _ in settings_variables()]
    assert names, "found no env(...) calls: the parser no longer matches settings.py"
    twice = sorted({name for name in names if names.count(name) > 1})
    assert not twice, f"read more than once: {twice}"


def test_env_example_follows_the_sections_and_order_of_settings():
    assert example_variables() == settings_variables()


def test_env_example_sections_are_those_of_settings_in_the_same_order():
    def headers(text: str) -> list[str]:
        return [m.group(1) for line in text.splitlines() if (m := SECTION_HEADER.match(line))]

    settings_sections = headers(SETTINGS.read_text())
    assert settings_sections[:1] == ["Core"] and len(settings_sections) == len(set(settings_sections))
    assert headers(ENV_EXAMPLE.read_text()) == settings_sections + [MAKEFILE_SECTION]


def test_makefile_group_lists_only_variables_the_makefile_reads():
    makefile = (ROOT / "Makefile").read_text()
    for name, section in example_variables(include_makefile=True):
        if section == MAKEFILE_SECTION:
            assert re.search(rf"^{name}\s*\?=", makefile, re.M), f"the Makefile does not read {name}"


def test_settings_read_the_environment_only_through_env():
    tree = settings_tree()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
            assert not (isinstance(node.value, ast.Name) and node.value.id == "os"), (
                f"line {node.lineno}: os.{node.attr}; read variables with env(...) so .env.example lists them")


def test_settings_never_look_up_globals():
    calls = [node.lineno for node in ast.walk(settings_tree())
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "globals"]
    assert not calls, f"globals() on lines {calls}"


def test_installed_apps_and_middleware_are_defined_once_and_never_patched():
    assigned: dict[str, int] = {}
    for node in ast.walk(settings_tree()):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            assert node.target.id not in PATCHED_LISTS, f"line {node.lineno}: {node.target.id} +="
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in PATCHED_LISTS:
                    assigned[target.id] = assigned.get(target.id, 0) + 1
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    assert target.value.id not in PATCHED_LISTS, f"line {node.lineno}: {target.value.id}[...] ="
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id in PATCHED_LISTS):
            assert node.func.attr not in ("insert", "append", "extend", "remove", "pop", "__setitem__"), (
                f"line {node.lineno}: {node.func.value.id}.{node.func.attr}(...)")
    assert assigned == {"INSTALLED_APPS": 1, "MIDDLEWARE": 1}
