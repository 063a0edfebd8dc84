"""No module-level mutable state in ``src/annotate``: a build's state lives in its Pipeline, nowhere else.

Checked on the source, the way a reviewer would grep for it: no ``global`` statement, no function-level
cache (``functools.cache``/``lru_cache``), no ``ContextVar``; every module-level container is a named
constant (UPPER_CASE or ``__all__``) and no code in the package ever changes one.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "annotate"
CONTAINERS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "Counter", "OrderedDict", "deque", "bytearray",
                 "WeakValueDictionary", "WeakKeyDictionary"}
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove",
            "discard", "sort", "reverse", "__setitem__", "__delitem__"}


def called_name(node: ast.expr) -> str:
    func = node.func if isinstance(node, ast.Call) else node
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def module_containers(tree: ast.Module) -> dict[str, int]:
    """Names bound at module level to a mutable container, with their line."""
    found: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            mutable = isinstance(node.value, CONTAINERS) or (
                isinstance(node.value, ast.Call) and called_name(node.value) in MUTABLE_CALLS)
            for target in targets:
                if mutable and isinstance(target, ast.Name):
                    found[target.id] = node.lineno
    return found


def problems(source: str, where: str) -> list[str]:
    tree = ast.parse(source, where)
    found = []
    containers = module_containers(tree)
    for name, line in containers.items():
        if name != "__all__" and not name.lstrip("_").isupper():
            found.append(f"{where}:{line}: module-level container {name} is not a named constant")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"{where}:{node.lineno}: global {', '.join(node.names)}")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                if called_name(decorator) in {"cache", "lru_cache"}:
                    found.append(f"{where}:{node.lineno}: process-wide cache on {node.name}")
        if isinstance(node, ast.Call) and called_name(node) == "ContextVar":
            found.append(f"{where}:{node.lineno}: ContextVar")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS
                and isinstance(node.func.value, ast.Name) and node.func.value.id in containers):
            found.append(f"{where}:{node.lineno}: changes module-level {node.func.value.id}")
        if isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            for target in targets:
                if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                        and target.value.id in containers):
                    found.append(f"{where}:{node.lineno}: changes module-level {target.value.id}")
    return found


def test_no_module_level_mutable_state_in_the_package() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 40
    found = [problem for path in modules
             for problem in problems(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))]
    assert found == []


def test_the_check_finds_what_it_is_meant_to_find() -> None:
    sample = ("import functools\nfrom contextvars import ContextVar\n"
              "_cache = {}\nTABLE = {'a': 1}\nCURRENT = ContextVar('x')\n"
              "def f():\n    global _cache\n    TABLE['b'] = 2\n    TABLE.update(c=3)\n"
              "@functools.lru_cache\ndef g():\n    return 1\n")
    found = problems(sample, "sample.py")
    assert sorted((line.split(": ", 1)[0] for line in found), key=lambda w: int(w.split(":")[1])) == [
        "sample.py:3", "sample.py:5", "sample.py:7", "sample.py:8", "sample.py:9", "sample.py:11"], found
