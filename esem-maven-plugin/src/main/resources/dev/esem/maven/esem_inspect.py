"""Describes Python modules for the esem Maven plugin, with the standard library and the
esem worker's module loader (so a spec names the same module as at run time).

    python -B esem_inspect.py --path DIR --out FILE --worker ZIP describe SPEC...
    python -B esem_inspect.py --path DIR --out FILE --worker ZIP lookup REQUEST_FILE

``describe`` reports each module's public functions, classes and data records with
their parameters, type hints and docstrings. ``lookup`` answers, for the functions,
classes and methods that Java interfaces name, whether they exist and which
parameters they take. The answer is JSON written to FILE, so that nothing a module
prints can corrupt it. A module that fails to import is reported with its traceback.

A type hint is reported as a tree of names: ``list[int]`` is
``{"name": "list", "args": [{"name": "int"}]}``. Classes are named by module and
qualified name (``decimal.Decimal``); builtins by their bare name.
"""

import argparse
import dataclasses
import difflib
import enum
import inspect
import json
import os
import sys
import traceback
import types
import typing

_MISSING = object()
_UNKNOWN = {"name": "?"}
_WORKER = None  # the path of the worker package, whose frames tracebacks leave out


def main(argv=None):
    parser = argparse.ArgumentParser(prog="esem_inspect")
    parser.add_argument("--path", action="append", default=[], help="a directory to import modules from")
    parser.add_argument("--out", required=True, help="the file to write the JSON answer to")
    parser.add_argument("--worker", required=True, help="the esem worker package (a zip), for its loader")
    parser.add_argument("command", choices=["describe", "lookup"])
    parser.add_argument("arguments", nargs="*")
    options = parser.parse_args(argv)
    search_dirs = [os.path.abspath(directory) for directory in options.path]
    global _WORKER
    _WORKER = os.path.abspath(options.worker)
    sys.path[0:0] = [_WORKER] + search_dirs
    from esem_worker.loader import ModuleLoader
    loader = ModuleLoader(search_dirs)
    if options.command == "describe":
        modules = [describe(loader, spec) for spec in options.arguments]
    else:
        with open(options.arguments[0], encoding="utf-8") as request:
            modules = [lookup(loader, entry) for entry in json.load(request)["modules"]]
    with open(options.out, "w", encoding="utf-8") as out:
        json.dump({"modules": modules}, out, indent=1, ensure_ascii=False)


# --- loading: the esem worker's own loader, so a spec means here what it means there ---

def _import(loader, spec):
    """The module, or the answer that reports why it could not be imported."""
    try:
        return loader.get(spec), None
    except BaseException as exc:  # SystemExit and KeyboardInterrupt raised by module code included
        return None, {"spec": spec, "error": _traceback(exc)}


def _traceback(exc):
    """The traceback of a failed import without the frames of this script, of the worker's
    loader and of importlib."""
    report = traceback.TracebackException.from_exception(exc)
    report.stack = traceback.StackSummary.from_list(
        [frame for frame in report.stack
         if frame.filename != __file__ and not frame.filename.startswith("<frozen importlib")
         and not (_WORKER and frame.filename.startswith(_WORKER))])
    return "".join(report.format())


# --- describe ---------------------------------------------------------------------

def describe(loader, spec):
    module, failure = _import(loader, spec)
    if failure is not None:
        return failure
    stub = _stub(module)
    if stub is not None:  # the stub's hints and signatures stand for the module's
        real, sys.modules[module.__name__] = module, stub
        try:
            described = _describe_module(spec, stub)
        finally:
            sys.modules[module.__name__] = real
        described["stub"] = True
        return described
    return _describe_module(spec, module)


def _describe_module(spec, module):
    members = list(_public_members(module))
    records = _Records()  # the module's own first, then those its hints name
    for name, value in members:
        if inspect.isclass(value) and (_is_record(value) or _is_enum(value)):
            records.add(value)
    functions = []
    classes = []
    constants = []
    hints = _type_hints(module)
    for name, value in members:
        if inspect.isclass(value):
            if not _is_record(value) and not issubclass(value, (BaseException, enum.Enum)):
                classes.append(_describe_class(value, records))
        elif callable(value):
            function = _describe_function(name, value, records, drop_first=False)
            if function is not None:
                functions.append(function)
    for name, variants in _stub_overloads(module):
        function = _describe_function(name, variants[0], records, drop_first=False, variant=True)
        if function is not None:
            function["overloads"] = [described for described in (
                _describe_function(name, variant, records, drop_first=False, variant=True) for variant in variants)
                if described is not None]
            functions.append(function)
    for name, value in _constants(module, hints):
        constants.append({"name": name, "hint": _hint(hints.get(name, type(value)), records)})
    return {"spec": spec, "name": module.__name__, "doc": _doc(module), "functions": functions,
            "classes": classes, "constants": constants, "records": records.describe()}


def _stub_overloads(module):
    """The functions of a stub that are only ``@overload`` variants: the stub binds their name to
    typing's placeholder, and typing keeps the variants by module and name."""
    dummy = getattr(typing, "_overload_dummy", None)
    registry = getattr(typing, "_overload_registry", {})
    if dummy is None or not str(getattr(module, "__file__", "")).endswith(".pyi"):
        return
    for name, value in vars(module).items():
        if value is dummy and not name.startswith("_"):
            variants = list(registry.get(module.__name__, {}).get(name, {}).values())
            if variants:
                yield name, variants


def _constants(module, hints):
    """The public module attributes that are data: annotated ones, values of builtin types and
    members of the module's own enums (not imported modules, classes or functions)."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [name for name in vars(module) if not name.startswith("_")]
    for name in names:
        value = getattr(module, name, _MISSING)
        if value is _MISSING or inspect.ismodule(value) or inspect.isclass(value) or callable(value):
            continue
        if name in hints or type(value).__module__ in ("builtins", module.__name__, "decimal", "datetime"):
            yield name, value


def _stub(module):
    """The module's ``.pyi`` stub beside its file, executed as a module of the same name, or None."""
    path = getattr(module, "__file__", None)
    if not path:
        return None
    stub_path = os.path.join(os.path.dirname(path), os.path.basename(path).split(".")[0] + ".pyi")
    if not os.path.isfile(stub_path):
        return None
    stub = types.ModuleType(module.__name__)
    stub.__file__ = stub_path
    with open(stub_path, encoding="utf-8") as source:
        exec(compile(source.read(), stub_path, "exec"), vars(stub))
    return stub


def _public_members(module):
    """The names in ``__all__``, else the public names that the module itself defines."""
    names = getattr(module, "__all__", None)
    listed = names is not None
    if not listed:
        names = [name for name in vars(module) if not name.startswith("_")]
    for name in names:
        value = getattr(module, name, _MISSING)
        if value is _MISSING or inspect.ismodule(value):
            continue
        if listed or getattr(value, "__module__", None) == module.__name__:
            yield name, value


def _describe_class(cls, records):
    methods = []
    for name, function, drop_first in _methods(cls):
        if name == "__init__":
            continue
        described = _describe_function(name, function, records, drop_first)
        if described is not None:
            methods.append(described)
    described = {"id": _qualified(cls), "name": cls.__name__, "doc": _doc(cls), "methods": methods,
                 "properties": _properties(cls, records)}
    init = _constructor(cls)
    if init is not None:
        described["constructor"] = _describe_function(cls.__name__, init, records, drop_first=True)
        if init is _no_arguments:
            described["constructor"]["doc"] = None
    return described


def _constructor(cls):
    """The ``__init__`` (or ``__new__``) that builds instances, if the class defines one in Python."""
    for klass in cls.__mro__:
        if klass is object:
            return _no_arguments
        if klass.__module__ == "builtins":
            return None
        for name in ("__init__", "__new__"):
            raw = vars(klass).get(name)
            if isinstance(raw, staticmethod):
                raw = raw.__func__
            if inspect.isfunction(raw):
                return raw
    return None


def _no_arguments(self):
    """A class whose constructor takes no arguments."""


def _properties(cls, records):
    """The public properties of a class, with the hints of their getters."""
    described = []
    seen = set()
    for klass in cls.__mro__:
        if klass.__module__ == "builtins":
            continue
        for name, raw in vars(klass).items():
            if name.startswith("_") or name in seen or not isinstance(raw, property):
                continue
            seen.add(name)
            entry = {"name": name, "doc": _doc(raw.fget) if raw.fget else None, "settable": raw.fset is not None}
            hints = _type_hints(raw.fget) if raw.fget else {}
            if "return" in hints:
                entry["hint"] = _hint(hints["return"], records)
            described.append(entry)
    return described


def _methods(cls):
    """The public methods of a class and its non-builtin bases, in definition order."""
    seen = set()
    for klass in cls.__mro__:
        if klass.__module__ == "builtins":
            continue
        for name in vars(klass):
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            raw = inspect.getattr_static(cls, name)
            if isinstance(raw, (staticmethod, classmethod)):
                yield name, getattr(cls, name), False
            elif inspect.isfunction(raw):
                yield name, raw, True


def _describe_function(name, function, records, drop_first, variant=False):
    parameters = _parameters(function, drop_first)
    if parameters is None:
        return None
    hints = _type_hints(function)
    described = {"name": name, "doc": _doc(function), "async": inspect.iscoroutinefunction(function),
                 "parameters": []}
    for parameter in parameters:
        entry = {"name": parameter.name, "kind": parameter.kind.name,
                 "default": parameter.default is not inspect.Parameter.empty}
        if parameter.name in hints:
            entry["hint"] = _hint(hints[parameter.name], records)
        described["parameters"].append(entry)
    if "return" in hints:
        described["returns"] = _hint(hints["return"], records)
    overloads = [] if variant else [
        described for described in (_describe_function(name, overload, records, drop_first, variant=True)
                                    for overload in _overloads(function)) if described is not None]
    if overloads:
        described["overloads"] = overloads
    return described


def _overloads(function):
    """The ``@overload`` variants of a function (Python 3.11+ keeps them)."""
    get_overloads = getattr(typing, "get_overloads", None)
    try:
        return get_overloads(function) if get_overloads is not None else []
    except Exception:
        return []


def _parameters(function, drop_first):
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):  # builtins without a signature
        return None
    if drop_first and parameters and parameters[0].kind in (
            inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
        parameters = parameters[1:]
    return parameters


def _type_hints(value):
    try:
        return typing.get_type_hints(value)
    except Exception:  # one hint that does not resolve: keep the others
        return {name: _resolve(hint, value) for name, hint in _annotations(value).items()}


def _annotations(value):
    if not inspect.isclass(value):
        return dict(getattr(value, "__annotations__", None) or {})
    merged = {}
    for klass in reversed(value.__mro__):
        merged.update(vars(klass).get("__annotations__", {}))
    return merged


def _resolve(hint, owner):
    if not isinstance(hint, str):
        return hint
    module = sys.modules.get(getattr(owner, "__module__", None))
    namespace = dict(vars(module)) if module is not None else {}
    namespace.update(getattr(owner, "__globals__", {}))
    try:
        return eval(hint, namespace)  # what typing.get_type_hints does with each string hint
    except Exception:
        return _MISSING


def _hint(value, records):
    """A type hint as a tree of names; records named on the way are collected."""
    if value is _MISSING or isinstance(value, (str, typing.ForwardRef)):  # unresolved forward reference
        return _UNKNOWN
    if value is Ellipsis:
        return {"name": "..."}
    if isinstance(value, (list, tuple)):  # the parameter list of Callable[[...], R]
        return {"name": "[]", "args": [_hint(item, records) for item in value]}
    if value is None:
        value = type(None)
    supertype = getattr(value, "__supertype__", None)  # typing.NewType
    if supertype is not None:
        return _hint(supertype, records)
    origin = typing.get_origin(value)
    if origin is getattr(typing, "Annotated", None):  # what get_type_hints strips, unless it failed
        return _hint(typing.get_args(value)[0], records)
    if origin is typing.Literal:
        values = typing.get_args(value)
        return {"name": "typing.Literal", "args": [_hint(type(item), records) for item in values],
                "values": [item if isinstance(item, (str, int, bool)) else repr(item) for item in values]}
    if origin is not None:
        if inspect.isclass(origin) and _is_record(origin):
            records.add(origin)
        return {"name": _qualified(origin), "args": [_hint(arg, records) for arg in typing.get_args(value)]}
    if inspect.isclass(value) and (_is_record(value) or _is_enum(value)):
        records.add(value)
    if isinstance(value, typing.TypeVar) and value.__constraints__:  # AnyStr: one of its constraints
        return {"name": "typing.Union", "args": [_hint(arg, records) for arg in value.__constraints__]}
    return {"name": _qualified(value)}


def _qualified(value):
    module = getattr(value, "__module__", None)
    name = getattr(value, "__qualname__", None) or getattr(value, "_name", None) or getattr(value, "__name__", None)
    if name is None:  # an instance used as a hint (a TypeVar, say): its type names it
        return _qualified(type(value))
    return name if module in (None, "builtins") else "%s.%s" % (module, name)


# --- records: dataclasses, TypedDicts, NamedTuples, pydantic models ---------------

def _is_record(cls):
    return (dataclasses.is_dataclass(cls) or _is_typeddict(cls) or _is_namedtuple(cls)
            or _is_pydantic_model(cls))


def _is_enum(cls):
    return inspect.isclass(cls) and issubclass(cls, enum.Enum)


def _is_typeddict(cls):
    is_typeddict = getattr(typing, "is_typeddict", None)  # Python 3.10+
    return (is_typeddict is not None and is_typeddict(cls)) or type(cls).__name__ == "_TypedDictMeta"


def _is_namedtuple(cls):
    return issubclass(cls, tuple) and isinstance(getattr(cls, "_fields", None), tuple)


def _is_pydantic_model(cls):
    pydantic = sys.modules.get("pydantic")  # a model class means pydantic is imported already
    base = getattr(pydantic, "BaseModel", None)
    return base is not None and issubclass(cls, base) and cls is not base


class _Records:
    """The record classes met so far, each described once, in the order they were met."""

    def __init__(self):
        self._classes = []

    def add(self, cls):
        if cls not in self._classes:
            self._classes.append(cls)

    def describe(self):
        described = []
        i = 0
        while i < len(self._classes):  # describing a record may add the records its fields name
            cls = self._classes[i]
            if _is_enum(cls):
                base = "int" if issubclass(cls, int) else "str" if issubclass(cls, str) else None
                described.append({"id": _qualified(cls), "name": cls.__name__, "doc": _doc(cls),
                                  "members": list(cls.__members__), "base": base})
            else:
                described.append({"id": _qualified(cls), "name": cls.__name__, "doc": _record_doc(cls),
                                  "fields": self._fields(cls)})
            i += 1
        return described

    def _fields(self, cls):
        hints = _type_hints(cls)
        if dataclasses.is_dataclass(cls):
            names = [field.name for field in dataclasses.fields(cls)]
        elif _is_namedtuple(cls):
            names = list(cls._fields)
        elif _is_pydantic_model(cls):
            names = list(cls.model_fields)
        else:
            names = list(hints)
        fields = []
        for name in names:
            field = {"name": name}
            if name in hints:
                field["hint"] = _hint(hints[name], self)
            fields.append(field)
        return fields


def _record_doc(cls):
    doc = _doc(cls)
    if doc is not None and doc.startswith(cls.__name__ + "(") and "\n" not in doc:
        return None  # the signature that dataclass and namedtuple write when there is no docstring
    return doc


def _doc(value):
    """The object's own docstring, cleaned; a class does not inherit its base's."""
    doc = vars(value).get("__doc__") if inspect.isclass(value) else getattr(value, "__doc__", None)
    if not isinstance(doc, str) or not doc.strip():
        return None
    return inspect.cleandoc(doc)


# --- lookup -----------------------------------------------------------------------

def lookup(loader, entry):
    """Answers for the names a Java interface binds: found or not, and the parameters."""
    spec = entry["spec"]
    module, failure = _import(loader, spec)
    if failure is not None:
        return failure
    public = [name for name in dir(module) if not name.startswith("_")]
    functions = {}
    for name in entry.get("functions", []):
        value = getattr(module, name, _MISSING)
        if value is _MISSING:
            functions[name] = _not_found(name, [n for n in public if callable(getattr(module, n, None))])
        else:
            functions[name] = _callable(value, drop_first=False)
    classes = {}
    for name, methods in entry.get("classes", {}).items():
        value = getattr(module, name, _MISSING)
        if value is _MISSING:
            classes[name] = _not_found(name, [n for n in public if inspect.isclass(getattr(module, n, None))])
        elif not inspect.isclass(value):
            classes[name] = {"found": True, "class": False}
        else:
            classes[name] = {"found": True, "class": True, "dynamic": _is_dynamic(value),
                             "methods": {method: _method(value, method) for method in methods}}
    return {"spec": spec, "dynamic": "__getattr__" in vars(module), "functions": functions, "classes": classes}


def _method(cls, name):
    raw = inspect.getattr_static(cls, name, _MISSING)
    if raw is _MISSING:
        candidates = [n for n in dir(cls) if not n.startswith("_") and callable(getattr(cls, n, None))]
        return _not_found(name, candidates)
    if isinstance(raw, (staticmethod, classmethod)):
        return _callable(getattr(cls, name), drop_first=False)
    if inspect.isfunction(raw) or inspect.ismethoddescriptor(raw):
        return _callable(raw, drop_first=True)
    return {"found": True, "callable": False}  # a property or a plain attribute


def _callable(value, drop_first):
    if not callable(value):
        return {"found": True, "callable": False}
    parameters = _parameters(value, drop_first)
    if parameters is None:
        return {"found": True, "callable": True}
    signature = inspect.Signature([p.replace(annotation=inspect.Parameter.empty) for p in parameters])
    return {"found": True, "callable": True, "signature": str(signature),
            "parameters": [{"name": p.name, "kind": p.kind.name, "default": p.default is not inspect.Parameter.empty}
                           for p in parameters]}


def _not_found(name, candidates):
    answer = {"found": False}
    folded = name.replace("_", "").lower()
    same = [candidate for candidate in candidates if candidate.replace("_", "").lower() == folded]
    close = same or difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    if close:
        answer["suggestion"] = close[0]
    return answer


def _is_dynamic(cls):
    """Whether instances answer attributes that the class does not list."""
    return any("__getattr__" in vars(klass) or "__getattribute__" in vars(klass)
               for klass in cls.__mro__ if klass is not object)


if __name__ == "__main__":
    main()
