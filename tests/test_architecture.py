"""The pipeline's shape, read from the source: imports point down the stages, never up, never round.

Every ``import`` in generator/ (function-level ones included; those under ``if TYPE_CHECKING:``
excepted, as they never run) is checked against the layer order below, and the import graph must
have no cycle. Library internals stay in their compat modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Lowest first: a module may import its own layer or a lower one.
LAYERS = [
    ("generator", "generator.diagnostics", "generator.kinds"),
    ("generator.assets",),
    ("generator.loading",),
    ("generator.document",),
    ("generator.render",),
    ("generator.checks",),
    ("generator.pipeline",),
    ("generator.preview",),
    ("generator.cli", "generator.__main__"),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
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


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every runtime import of a generator module in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("generator")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                is_module = (PACKAGE.parent / submodule.replace(".", "/")).with_suffix(".py").exists() or \
                    (PACKAGE.parent / submodule.replace(".", "/") / "__init__.py").exists()
                found.append((node.lineno, submodule if is_module else node.module))
    return found


def graph() -> dict[str, list[tuple[int, str]]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_imports_point_down_the_pipeline():
    upward = []
    for module, imported in graph().items():
        for line, target in imported:
            if layer_of(target) > layer_of(module):
                upward.append(f"{module}:{line} imports {target}")
    assert not upward, "imports pointing up a stage:\n" + "\n".join(upward)


def test_no_import_cycle():
    edges = {m: sorted({t for _, t in imported if t != m}) for m, imported in graph().items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in edges.get(module, []):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target in edges and not state.get(target):
                visit(target)
        stack.pop()
        state[module] = 2

    for module in edges:
        if not state.get(module):
            visit(module)


def test_the_layer_order_puts_each_stage_above_what_it_uses():
    """Renderers above loading; the pipeline, all of it, above the checks it runs."""
    assert layer_of("generator.render.pdf.leaflet") > layer_of("generator.loading.validate")
    assert layer_of("generator.pipeline.dispatch") > layer_of("generator.checks.readability")
    assert layer_of("generator.pipeline.run") == layer_of("generator.pipeline.preflight")


LIBRARY_COMPAT = {"generator/render/pdf/compat.py", "generator/render/pptx/xml.py"}


def _private_uses(path: Path) -> list[str]:
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
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {ast.unparse(node)}")
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == "__class__" for t in node.targets):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} __class__ swap")
    return found


def test_library_internals_stay_in_their_compat_modules():
    """reportlab's privates only in render/pdf/compat.py, python-pptx's only in render/pptx/xml.py."""
    outside = [use for path in sorted(PACKAGE.rglob("*.py"))
               if path.relative_to(PACKAGE.parent).as_posix() not in LIBRARY_COMPAT for use in _private_uses(path)]
    assert not outside, "internals used outside the compat modules:\n" + "\n".join(outside)
