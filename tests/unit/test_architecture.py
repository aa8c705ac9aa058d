"""The pipeline's shape, read from the source: imports point down the stages, never up, never round.

Every ``import`` in generator/ is read with the ``ast`` module: function-level ones too, and those
under ``if TYPE_CHECKING:`` for cycles (a type-only cycle still ties two modules together for
whoever reads them; only direction ignores them, as they never run). A module loaded by a string
(``importlib.import_module``, ``__import__``) is refused: it hides an import from this test and
from mypy. Library internals stay in their compat modules. The checks are functions of a package
folder, so they are also run over a small package made broken on purpose.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"

# Lowest first: a module may import its own layer or a lower one.
LAYERS = [
    ("generator", "generator.diagnostics", "generator.kinds"),
    ("generator.assets",),
    ("generator.loading",),
    # translation: a language file's texts as PO units; signoff: what an approval covers, and whether it holds
    ("generator.document", "generator.translation", "generator.signoff"),
    ("generator.render",),
    ("generator.checks",),
    ("generator.pipeline",),
    ("generator.preview",),
    ("generator.cli", "generator.__main__"),
]
LIBRARY_COMPAT = {"generator/render/pdf/compat.py", "generator/render/pptx/xml.py", "generator/assets/pyphen_compat.py"}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    best, rank = -1, None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank is not None, f"{module} is in no layer: add it to LAYERS"
    return rank


def _type_checking_only(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(path: Path, package: Path = PACKAGE, typing_too: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every import of a module of ``package`` in the file; those under
    ``if TYPE_CHECKING:`` only with ``typing_too``."""
    root = package.name
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not typing_too and _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == root]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == root:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                is_module = (package.parent / submodule.replace(".", "/")).with_suffix(".py").exists() or (
                    package.parent / submodule.replace(".", "/") / "__init__.py"
                ).exists()
                found.append((node.lineno, submodule if is_module else node.module))
    return found


def graph(package: Path = PACKAGE, typing_too: bool = False) -> dict[str, list[tuple[int, str]]]:
    return {module_name(p, package): imports_of(p, package, typing_too) for p in sorted(package.rglob("*.py"))}


def upward_imports(package: Path = PACKAGE) -> list[str]:
    upward = []
    for module, imported in graph(package).items():
        for line, target in imported:
            if layer_of(target) > layer_of(module):
                upward.append(f"{module}:{line} imports {target}")
    return upward


def first_cycle(package: Path = PACKAGE) -> list[str] | None:
    """An import cycle (type-only imports count), or None."""
    edges = {m: sorted({t for _, t in imported if t != m}) for m, imported in graph(package, typing_too=True).items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in edges.get(module, []):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target in edges and not state.get(target):
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[module] = 2
        return None

    for module in edges:
        if not state.get(module):
            found = visit(module)
            if found:
                return found
    return None


def string_imports(package: Path = PACKAGE) -> list[str]:
    """``importlib.import_module(...)``, ``import_module(...)`` and ``__import__(...)`` calls."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in ("import_module", "__import__"):
                    found.append(f"{path.relative_to(package.parent).as_posix()}:{node.lineno} {ast.unparse(node)}")
    return found


def _private_uses(path: Path, package: Path = PACKAGE) -> list[str]:
    """``x._name`` where x is not ``self``, ``cls`` or ``super()``: another object's internals."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
                continue
            found.append(f"{path.relative_to(package.parent)}:{node.lineno} {ast.unparse(node)}")
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Attribute) and t.attr == "__class__" for t in node.targets
        ):
            found.append(f"{path.relative_to(package.parent)}:{node.lineno} __class__ swap")
    return found


def test_imports_point_down_the_pipeline():
    upward = upward_imports()
    assert not upward, "imports pointing up a stage:\n" + "\n".join(upward)


def test_no_import_cycle_not_even_for_types():
    cycle = first_cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_module_is_imported_by_a_string():
    found = string_imports()
    assert not found, "modules loaded by name (import them, lazily where heavy):\n" + "\n".join(found)


def test_the_layer_order_puts_each_stage_above_what_it_uses():
    """Renderers above loading; the pipeline, all of it, above the checks it runs."""
    assert layer_of("generator.render.pdf.leaflet") > layer_of("generator.loading.validate")
    assert layer_of("generator.pipeline.dispatch") > layer_of("generator.checks.readability")
    assert layer_of("generator.pipeline.run") == layer_of("generator.pipeline.preflight")


def test_library_internals_stay_in_their_compat_modules():
    """reportlab's privates only in render/pdf/compat.py, python-pptx's only in render/pptx/xml.py, pyphen's
    only in assets/pyphen_compat.py."""
    outside = [
        use
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE.parent).as_posix() not in LIBRARY_COMPAT
        for use in _private_uses(path)
    ]
    assert not outside, "internals used outside the compat modules:\n" + "\n".join(outside)


# --- the checks themselves, over a package broken on purpose ----------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "generator"
    for name, text in {"__init__.py": "", **files}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


def test_a_type_only_cycle_is_caught(tmp_path):
    package = _package(
        tmp_path,
        {
            "kinds.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from generator.document.model import Doc\n",
            "document/__init__.py": "",
            "document/model.py": "from generator.kinds import Product\n",
        },
    )
    cycle = first_cycle(package)
    assert cycle is not None and set(cycle) == {"generator.kinds", "generator.document.model"}, cycle
    assert not upward_imports(package), "a type-only import points up without running: only the cycle is wrong"


def test_a_module_imported_by_a_string_is_caught(tmp_path):
    package = _package(
        tmp_path,
        {
            "kinds.py": "import importlib\n\n"
            "def draw():\n    return importlib.import_module('generator.render.deck')\n",
            "cli.py": "def main():\n    return __import__('generator.kinds')\n",
        },
    )
    assert [line.split()[0] for line in string_imports(package)] == ["generator/cli.py:2", "generator/kinds.py:4"]


def test_an_upward_import_in_a_function_is_caught(tmp_path):
    package = _package(
        tmp_path,
        {"assets/__init__.py": "", "assets/fonts.py": "def f():\n    from generator import cli\n", "cli.py": ""},
    )
    assert upward_imports(package) == ["generator.assets.fonts:2 imports generator.cli"]


@pytest.mark.parametrize("code", ["other._cache = 1\n", "x = thing._private\n"])
def test_another_objects_internals_are_caught(tmp_path, code):
    package = _package(tmp_path, {"mod.py": code})
    assert _private_uses(package / "mod.py", package)
