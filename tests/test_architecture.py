"""The layer rules of docs/architecture.md hold in the code: imports go one way (bottom to top), the runner never
imports the report, the judges never import the policies, no module of the CLI imports cli.main back, and code
cites only files in this repository."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mssbench_embodied"
#: Bottom to top, as docs/architecture.md draws them; a module may import its own rank or lower.
RANK = {
    "data": 0,
    "registry": 0,
    "resources": 0,
    "world": 1,
    "llm": 2,
    "render": 3,
    "policies": 4,
    "safety": 5,
    "scoring": 6,
    "envs": 7,
    "runner": 8,
    "report": 9,
    "api": 10,
    "inspect_tasks": 11,
    "cli": 12,
    "__main__": 13,
}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None  # None: the package root (``__version__``, registration)


def _runtime_imports(tree: ast.AST) -> list[str]:
    """Modules imported when the code runs (anything under ``if TYPE_CHECKING:`` is left out)."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return [m for m in found if m == "mssbench_embodied" or m.startswith("mssbench_embodied.")]


@functools.lru_cache(maxsize=1)
def _graph() -> dict[str, list[str]]:
    return {
        _module(p): _runtime_imports(ast.parse(p.read_text(encoding="utf-8"))) for p in PACKAGE.rglob("*.py")
    }


def test_every_import_goes_down_the_layers() -> None:
    upward = []
    for module, imports in _graph().items():
        layer = _layer(module)
        if layer is None:
            continue  # the package root wires everything together
        assert layer in RANK, (
            f"{module}: layer {layer!r} is not in docs/architecture.md; add it there and here"
        )
        for target in imports:
            other = _layer(target)
            if other is not None and other != layer and RANK[other] > RANK[layer]:
                upward.append(f"{module} imports {target} ({layer} -> {other})")
    assert upward == []


def test_the_runner_never_imports_the_report() -> None:
    offending = [
        f"{module}: {target}"
        for module, imports in _graph().items()
        if _layer(module) == "runner"
        for target in imports
        if _layer(target) == "report"
    ]
    assert offending == []
    assert any(_layer(m) == "runner" for m in _graph())  # the check saw the runner


def test_no_cli_module_imports_cli_main() -> None:
    graph = _graph()
    cli_modules = [m for m in graph if _layer(m) == "cli"]
    assert "mssbench_embodied.cli.main" in cli_modules and len(cli_modules) > 3
    back = [
        m
        for m in cli_modules
        if m != "mssbench_embodied.cli.main" and "mssbench_embodied.cli.main" in graph[m]
    ]
    assert back == []


def test_code_cites_only_files_in_the_repository() -> None:
    outside = ("DESIGN.md", "shared/protocol", "../shared")
    roots = [PACKAGE, PACKAGE.parent / "tests", PACKAGE.parent / "bench"]
    cites = [
        f"{path.relative_to(PACKAGE.parent)}: {word}"
        for root in roots
        for path in root.rglob("*.py")
        if path.name != Path(__file__).name
        for word in outside
        if word in path.read_text(encoding="utf-8")
    ]
    assert cites == []
    assert (PACKAGE.parent / "docs" / "architecture.md").is_file() and (
        PACKAGE.parent / "docs" / "scoring.md"
    ).is_file()


def test_the_judges_stand_on_the_llm_layer_not_on_policies() -> None:
    """The LLM judge takes its client from ``llm`` (shared with the policies), never from ``policies``."""
    sideways = [
        f"{module}: {target}"
        for module, imports in _graph().items()
        if _layer(module) == "safety"
        for target in imports
        if _layer(target) == "policies"
    ]
    assert sideways == []
    assert "mssbench_embodied.llm.chat_client" in _graph()["mssbench_embodied.safety.llm_judge"]
