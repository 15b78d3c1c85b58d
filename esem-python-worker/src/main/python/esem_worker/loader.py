"""Module specs to modules, and the description of what a module exports.

A spec is a file path when it ends in ``.py`` or contains a path separator,
otherwise an importable module name. A relative file path is looked up in each
search directory (the ``--path`` entries) first, then in the working directory,
so a stray file in the working directory cannot shadow a packaged module. A path
that starts with ``./`` or ``../`` names the working directory explicitly and is
looked up there alone.
"""

import importlib
import importlib.util
import inspect
import os
import sys

__all__ = ["ModuleLoader", "exports", "public_methods"]


class ModuleLoader:
    """Imports modules on first use and caches them by spec string."""

    def __init__(self, search_dirs=()):
        self._modules = {}
        self._search_dirs = list(search_dirs)

    def get(self, spec):
        module = self._modules.get(spec)
        if module is None:
            before = set(sys.modules)
            try:
                module = self._load(spec)
            except BaseException:
                _forget_imported_since(before)
                raise
            self._modules[spec] = module
        return module

    def _load(self, spec):
        if type(spec) is not str or not spec:
            raise TypeError("a module spec must be a non-empty string, not %r" % (spec,))
        if spec.endswith(".py") or "/" in spec or os.sep in spec:
            return _load_file(self._find_file(spec))
        return importlib.import_module(spec)

    def _find_file(self, spec):
        if os.path.isabs(spec):
            return os.path.normpath(spec)
        if _names_working_directory(spec):
            return os.path.abspath(spec)
        cwd = os.getcwd()
        for directory in self._search_dirs + [cwd]:
            candidate = os.path.abspath(os.path.join(directory, spec))
            if os.path.isfile(candidate):
                return candidate
        searched = "the working directory %s" % cwd
        if self._search_dirs:
            searched = "%s or %s" % (", ".join(self._search_dirs), searched)
        raise ModuleNotFoundError("no Python file %r in %s" % (spec, searched), path=spec)


def _forget_imported_since(before):
    """Drops from ``sys.modules`` the modules of Python source that an import which
    failed (an exception, a timeout's interrupt) brought in: import drops the module
    that failed, but one it imported, that imported it back, still holds the half-run
    module, whose functions then miss the names defined after the point where it
    stopped. The next import runs them all again. Extension modules and the standard
    library stay: they never import user code, and some cannot be imported twice."""
    stdlib = getattr(sys, "stdlib_module_names", ())
    for name in set(sys.modules) - before:
        module = sys.modules.get(name)
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if (isinstance(origin, str) and origin.endswith(".py")
                and name.partition(".")[0] not in stdlib):
            sys.modules.pop(name, None)


def _names_working_directory(spec):
    first = spec.replace(os.sep, "/").split("/", 1)[0]
    return first in (".", "..")


def _load_file(path):
    if not os.path.isfile(path):
        raise ModuleNotFoundError("no Python file at %s" % path, path=path)
    stem = os.path.splitext(os.path.basename(path))[0]
    name = stem
    n = 1
    while name in sys.modules:
        existing = getattr(sys.modules[name], "__file__", None)
        if existing and os.path.abspath(existing) == path:
            return sys.modules[name]  # already imported, e.g. through sys.path
        n += 1
        name = "%s_%d" % (stem, n)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None:
        raise ImportError("cannot load a module from %s" % path, path=path)
    module = importlib.util.module_from_spec(spec)
    # Registered before it runs, as import does, so that dataclasses, typing and
    # relative look-ups through sys.modules work inside it.
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def exports(module):
    """Describes the public names of ``module``, in definition order.

    Honours ``__all__`` when defined; otherwise every name not starting with "_".
    """
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    result = []
    for name in names:
        try:
            value = getattr(module, name)
        except AttributeError:
            continue  # listed in __all__ but missing
        result.append(_describe(name, value))
    return result


def _describe(name, value):
    if inspect.ismodule(value):
        entry = {"name": name, "kind": "module"}
    elif inspect.isclass(value):
        entry = {"name": name, "kind": "class"}
    elif callable(value):
        entry = {"name": name, "kind": "function"}
    else:
        return {"name": name, "kind": "value"}
    doc = _first_line(getattr(value, "__doc__", None))
    if doc:
        entry["doc"] = doc
    if entry["kind"] != "module":
        signature = _signature(value)
        if signature is not None:
            entry["signature"] = signature
    if entry["kind"] == "class":
        entry["methods"] = public_methods(value)
    return entry


def public_methods(cls):
    """Names of the public callables of a class (not starting with "_"), sorted."""
    names = []
    for name in dir(cls):
        if not name.startswith("_"):
            try:
                if callable(getattr(cls, name)):
                    names.append(name)
            except Exception:  # a descriptor that fails when read on the class
                pass
    return names


def _first_line(doc):
    if not isinstance(doc, str):
        return None
    for line in doc.strip().splitlines():
        if line.strip():
            return line.strip()
    return None


def _signature(value):
    try:
        return str(inspect.signature(value))
    except (TypeError, ValueError):
        return None
