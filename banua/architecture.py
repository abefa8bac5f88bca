"""Import-linter contract types written for Banua.

``no_private_imports``: ``from marketplace.services.orders import _lock_order`` couples
a caller to a helper its owner may change at will; a name shared between modules gets a
public name instead.

``owner_writes``: an app writes only its own models. ``vendors`` may read
``marketplace.models.Product`` but creates, updates and deletes products through
``marketplace.services``, which keep the rules of the rows (stock bounds, slugs, SKUs)
in one place.

Both are used by ``.importlinter`` (``lint-imports``, run by ``make lint`` and
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


# Manager and queryset methods that write rows. ``instance.save()`` is not traced (an
# unsaved instance for a ModelForm is legitimate); the services are the only callers
# that build instances to save, and they live with their models.
WRITE_METHODS = frozenset(
    {
        "create",
        "bulk_create",
        "bulk_update",
        "get_or_create",
        "update_or_create",
        "update",
        "delete",
    }
)


def _app(module: str) -> str:
    return module.split(".", 1)[0]


def _chain_root(node: ast.AST) -> tuple[str | None, bool]:
    """The name at the start of ``Name.objects.filter(...).update`` and whether the
    chain goes through a manager (``.objects`` or another attribute on the class)."""
    through_manager = False
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            through_manager = True
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id, through_manager
        else:
            return None, through_manager


def foreign_writes(modules, apps) -> list[tuple[str, int, str, str]]:
    """(module, line, model, what) for each write to a model another of ``apps`` owns.

    A write is a manager or queryset write method (``WRITE_METHODS``) called on a
    model class imported from ``<app>.models``. Reads (``filter``, ``get``,
    ``exists``...) are allowed.
    """
    found = []
    for module in sorted(modules):
        path = _module_file(module)
        if path is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        foreign = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _resolve(module, is_package, node)
                parts = source.split(".")
                if (
                    len(parts) >= 2
                    and parts[1] == "models"
                    and parts[0] in apps
                    and parts[0] != _app(module)
                ):
                    for alias in node.names:
                        foreign[alias.asname or alias.name] = source
        if not foreign:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in WRITE_METHODS:
                root, through_manager = _chain_root(func.value)
                if root in foreign and through_manager:
                    found.append((module, node.lineno, root, f".{func.attr}()"))
    return found


class OwnerWritesContract(Contract):
    """Modules of ``containers`` write no model of another of the ``containers``
    (``ignore`` lists modules allowed to, each with its reason in ``.importlinter``)."""

    type_name = "owner_writes"

    containers = fields.ListField(subfield=fields.StringField())
    ignore = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        modules = set()
        for container in self.containers:  # type: ignore[attr-defined]
            modules |= {container} | graph.find_descendants(container)
        allowed = set(self.ignore or [])  # type: ignore[attr-defined]
        found = [
            row
            for row in foreign_writes(modules, set(self.containers))
            if not any(
                row[0] == name or row[0].startswith(name + ".") for name in allowed
            )
        ]
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, line, model, what in check.metadata["found"]:
            output.print_error(
                f"{module}:{line} writes {model} ({what}), a model of another app; "
                "call the owner's services"
            )
            output.new_line()


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
