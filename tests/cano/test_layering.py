"""The shared package is the bottom floor: nothing in `cano` imports a domain app."""

import ast
from pathlib import Path

import cano

DOMAIN_APPS = {"intervision", "workgroups", "studydays", "newsletter"}
DYNAMIC_IMPORTS = {"import_module", "__import__"}
CANO_ROOT = Path(cano.__file__).parent


def imported_names(tree):
    """Every module an import statement names, and every dynamic import, with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call):
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            if name in DYNAMIC_IMPORTS and node.args:
                argument = node.args[0]
                if isinstance(argument, ast.Constant):
                    yield node.lineno, str(argument.value)
                else:
                    # A module name built at run time may name any app: wire it by a hook.
                    yield node.lineno, f"<{ast.unparse(argument)}>"


def domain_imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for line, name in imported_names(tree):
        if name.startswith("<") or name.split(".")[0] in DOMAIN_APPS:
            yield f"{path.relative_to(CANO_ROOT.parent)}:{line} imports {name}"


def test_cano_imports_no_domain_app():
    """No module under site/cano imports a domain app, at the top or inside a function."""
    modules = sorted(CANO_ROOT.rglob("*.py"))
    assert len(modules) > 50
    offenders = [offence for path in modules for offence in domain_imports(path)]
    assert offenders == []
