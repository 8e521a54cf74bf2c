"""Which public service methods open the write lock (``store.session()``), found by reading
their source: a method writes when it, or anything it calls on itself, on a helper object of
the services package or on a function of the services package, calls ``.session()``.

Calls into another service of the container (``self._agreements.mark_sent``) are not followed:
that service's own method is listed (and announced) where it is defined.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import types
from collections.abc import Callable, Iterator
from typing import Any

PACKAGE = "contractdesk.services"


def _ours(obj: Any) -> bool:
    module = getattr(obj, "__module__", "") or ""
    return module.startswith(PACKAGE + ".") and module != PACKAGE + ".changes"


def service_objects(services: Any) -> Iterator[tuple[str, Any]]:
    """(path, object) of every service on the container, and of the services they hold as
    public attributes (``privacy.retention``); each object once, under its first path."""
    seen: set[int] = set()
    for name, value in vars(services).items():
        if name.startswith("_") or not _ours(type(value)) or id(value) in seen:
            continue
        seen.add(id(value))
        yield name, value
        for sub, inner in vars(value).items():
            if sub.startswith("_") or not _ours(type(inner)) or id(inner) in seen:
                continue
            seen.add(id(inner))
            yield f"{name}.{sub}", inner


class _Finder:
    def __init__(self, services: Any) -> None:
        self._services = {id(obj) for _, obj in service_objects(services)}
        self._seen: dict[Any, bool] = {}

    def writes(self, function: Callable[..., Any], owner: Any) -> bool:
        function = inspect.unwrap(function)
        key = (getattr(function, "__code__", function), id(owner))
        if key in self._seen:
            return self._seen[key]
        self._seen[key] = False  # recursion guard
        try:
            source = textwrap.dedent(inspect.getsource(function))
        except (OSError, TypeError):
            return False
        found = any(
            self._call_writes(node, function, owner) for node in ast.walk(ast.parse(source))
        )
        self._seen[key] = found
        return found

    def _call_writes(self, node: ast.AST, function: Any, owner: Any) -> bool:
        if not isinstance(node, ast.Call):
            return False
        target = node.func
        if isinstance(target, ast.Attribute) and target.attr == "session":
            return True
        resolved = self._resolve(target, function, owner)
        return resolved is not None and self.writes(*resolved)

    def _resolve(self, target: ast.expr, function: Any, owner: Any) -> tuple[Any, Any] | None:
        globals_: dict[str, Any] = getattr(function, "__globals__", {})
        if isinstance(target, ast.Name):  # a function of the services package
            value = globals_.get(target.id)
            if isinstance(value, types.FunctionType) and _ours(value):
                return value, None
            return None
        if not isinstance(target, ast.Attribute):
            return None
        base = target.value
        if isinstance(base, ast.Name) and base.id == "self" and owner is not None:
            return self._member(owner, target.attr)
        if (  # self._helper.method(): a helper object of the package, not another service
            isinstance(base, ast.Attribute)
            and isinstance(base.value, ast.Name)
            and base.value.id == "self"
            and owner is not None
        ):
            helper = getattr(owner, base.attr, None)
            if helper is None or id(helper) in self._services or not _ours(type(helper)):
                return None
            return self._member(helper, target.attr)
        if (  # Helper(...).method(): a helper class of the package, made on the spot
            isinstance(base, ast.Call)
            and isinstance(base.func, ast.Name)
            and isinstance(globals_.get(base.func.id), type)
            and _ours(globals_[base.func.id])
        ):
            return self._member_of_class(globals_[base.func.id], target.attr)
        if isinstance(base, ast.Name):  # module.function()
            module = globals_.get(base.id)
            if isinstance(module, types.ModuleType) and module.__name__.startswith(PACKAGE):
                value = getattr(module, target.attr, None)
                if isinstance(value, types.FunctionType):
                    return value, None
        return None

    @staticmethod
    def _member(owner: Any, name: str) -> tuple[Any, Any] | None:
        cls = owner if isinstance(owner, type) else type(owner)
        found = _Finder._member_of_class(cls, name)
        return None if found is None else (found[0], owner)

    @staticmethod
    def _member_of_class(cls: type, name: str) -> tuple[Any, Any] | None:
        value = inspect.getattr_static(cls, name, None)
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        if isinstance(value, property):
            value = value.fget
        if isinstance(value, types.FunctionType) and _ours(value):
            return value, cls
        return None


def writing_methods(services: Any) -> dict[str, set[str]]:
    """service path -> the names of its public methods that open ``store.session()``."""
    finder = _Finder(services)
    found: dict[str, set[str]] = {}
    for path, obj in service_objects(services):
        for name in dir(type(obj)):
            if name.startswith("_"):
                continue
            member = _Finder._member(obj, name)
            if member is not None and finder.writes(*member):
                found.setdefault(path, set()).add(name)
    return found
