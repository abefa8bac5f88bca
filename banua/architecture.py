"""An import-linter contract type: no module imports another module's private names.

``from marketplace.services.orders import _lock_order`` couples a caller to a helper its
owner may change at will; a name shared between modules gets a public name instead. Used
by ``.importlinter`` (``lint-imports``, run by ``make lint`` and
``tests/banua/test_architecture.py``); the site never imports this module at run time.
"""

import ast
from pathlib import Path

from importlinter import Contract, ContractCheck, fields, output


def _module_file(module: str) -> Path | None:
    base = Path.cwd().joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute name of the module a ``from ... import`` statement reads from."""
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if node.level > 1:
        parts = parts[: -(node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def private_imports(modules) -> list[tuple[str, int, str, str]]:
    """(importer, line, imported module, name) for each private name imported."""
    found = []
    for module in sorted(modules):
        path = _module_file(module)
        if path is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            source = _resolve(module, is_package, node)
            if source == module or source == "__future__":
                continue
            for alias in node.names:
                name = alias.name
                if name.startswith("_") and not name.startswith("__"):
                    found.append((module, node.lineno, source, name))
    return found


class NoPrivateImportsContract(Contract):
    """Modules of ``containers`` import no ``_private`` name from another module."""

    type_name = "no_private_imports"

    containers = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        modules = set()
        for container in self.containers:  # type: ignore[attr-defined]
            modules |= {container} | graph.find_descendants(container)
        found = private_imports(modules)
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, line, source, name in check.metadata["found"]:
            output.print_error(
                f"{importer}:{line} imports the private name {name} from {source}"
            )
            output.new_line()
