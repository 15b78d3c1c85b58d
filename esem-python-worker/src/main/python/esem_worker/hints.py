"""Arguments converted to what the called function's type hints ask for.

Java sends values (maps, lists, text, numbers); a parameter annotated with a richer
type receives that type, built from what crossed:

- a dataclass, a ``typing.NamedTuple`` or a pydantic ``BaseModel`` from a dict (a
  Java ``Map``, record or POJO; pydantic validates, and its ``ValidationError``
  reaches Java as it is);
- ``numpy.ndarray`` from a list (an ``NDArray`` arrives as an ndarray already);
- an ``enum.Enum`` from a member's name or value;
- ``datetime``/``date``/``time`` from ISO text, ``datetime`` also from a number
  (seconds since the epoch, UTC); ``Decimal`` from text or a number; ``UUID`` from text;
- nested: ``list[Item]``, ``tuple[Item, ...]``, ``set[Item]``, ``dict[str, Item]``,
  ``Optional[Item]`` and the fields of dataclasses and named tuples.

A value that already has the type passes unchanged, and so do ``None`` and every value whose
hint asks for nothing of this (``int``, ``str``, ``Any``, no hint...). Hints are read
once per function (or class, for a constructor) and the plan is kept; a function
with no such hint costs one dictionary look-up per call.

Converters for the classes of libraries the worker does not import itself (pandas'
``DataFrame``...) are registered by module and class name with
:func:`register_class`: the library is imported by no one here until such a hint
is met. A conversion that fails raises ``TypeError`` naming the parameter.
"""

import enum
import inspect
import sys
import types
import typing

from .codec import iso_parser

__all__ = ["plan_for", "register_class"]

# functions (or classes) to their plan: None when no argument needs converting; bound
# methods by their function, apart (their first parameter is bound already)
_plans = {}
_method_plans = {}
_MAX_PLANS = 4096
# hints to their converter (None: nothing to do), so each type is studied once
_converters = {}
# (top-level module, class name) -> makes the converter for such a hint
_by_class_name = {}
_NONE = type(None)
_METHOD = types.MethodType
# a converter being built: recursive types (a tree of nodes) refer to it
_BUILDING = object()


def register_class(module, name, make_converter):
    """Converts arguments hinted with class ``name`` of top-level module ``module``:
    ``make_converter(hint)`` returns a function from the value that crossed to the
    argument (or None to take values as they come). Called when such a hint is first met."""
    _by_class_name[(module, name)] = make_converter
    _converters.clear()
    _plans.clear()
    _method_plans.clear()


def plan_for(fn):
    """The function that converts ``(args, kw)`` for a call of ``fn``, or None."""
    if type(fn) is _METHOD:  # a new object for each look-up: its function is the key
        plans = _method_plans
        key = fn.__func__
    else:
        plans = _plans
        key = fn
    try:
        return plans[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable callable
        return _build_plan(fn)
    if len(plans) >= _MAX_PLANS:
        plans.clear()
    plan = plans[key] = _build_plan(fn)
    return plan


def _build_plan(fn):
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    hints = _hints_of(fn)
    positional = []  # converters of the positional parameters, in order
    by_name = {}
    rest_positional = rest_keyword = None
    for parameter in signature.parameters.values():
        hint = hints.get(parameter.name, parameter.annotation)
        convert = None if hint is inspect.Parameter.empty else _converter(hint)
        if convert is not None:
            convert = _parameter_converter(fn, parameter.name, hint, convert)
        kind = parameter.kind
        if kind is inspect.Parameter.VAR_POSITIONAL:
            rest_positional = convert
        elif kind is inspect.Parameter.VAR_KEYWORD:
            rest_keyword = convert
        else:
            if kind is not inspect.Parameter.KEYWORD_ONLY:
                positional.append(convert)
            if kind is not inspect.Parameter.POSITIONAL_ONLY:
                by_name[parameter.name] = convert
    if not any(positional) and not any(by_name.values()) and rest_positional is None \
            and rest_keyword is None:
        return None
    positional = tuple(positional)

    def convert_arguments(args, kw):
        if args:
            converted = []
            for i, value in enumerate(args):
                convert = positional[i] if i < len(positional) else rest_positional
                converted.append(value if convert is None else convert(value))
            args = converted
        if kw:
            kw = {name: value if (convert := by_name.get(name, rest_keyword)) is None
                  else convert(value) for name, value in kw.items()}
        return args, kw

    return convert_arguments


def _hints_of(fn):
    target = fn.__init__ if inspect.isclass(fn) else fn
    try:
        return typing.get_type_hints(target)
    except Exception:  # a forward reference that does not resolve: the annotations alone
        return {}


def _parameter_converter(fn, name, hint, convert):
    """``convert``, failing with a TypeError that names the parameter and its hint."""
    def convert_parameter(value):
        if value is None:  # passed on as it is: the function decides what None means
            return None
        try:
            return convert(value)
        except Exception as exc:
            if type(exc).__name__ == "ValidationError":  # pydantic's: Java sees it as it is
                raise
            raise TypeError("argument %r of %s() cannot be converted to %s: %s"
                            % (name, getattr(fn, "__qualname__", fn), _hint_name(hint), exc)) from exc
    return convert_parameter


def _hint_name(hint):
    return hint.__qualname__ if isinstance(hint, type) else str(hint).replace("typing.", "")


# ---- converters by hint

def _converter(hint):
    try:
        known = _converters[hint]
    except KeyError:
        pass
    except TypeError:  # an unhashable hint
        return _make_converter(hint)
    else:
        if known is _BUILDING:  # a recursive type (a tree of nodes): the entry, once built
            return lambda value: (_converters[hint] or _same)(value)
        return known
    _converters[hint] = _BUILDING
    try:
        convert = _make_converter(hint)
    except BaseException:
        _converters.pop(hint, None)
        raise
    _converters[hint] = convert
    return convert


def _make_converter(hint):
    origin = typing.get_origin(hint)
    if origin is not None:
        return _generic(hint, origin, typing.get_args(hint))
    if not isinstance(hint, type):
        return None
    make = _by_class_name.get((hint.__module__.partition(".")[0], hint.__name__))
    if make is not None:
        return make(hint)
    dataclasses = sys.modules.get("dataclasses")  # a dataclass exists only once it is imported
    if dataclasses is not None and dataclasses.is_dataclass(hint):
        return _dataclass(hint)
    if issubclass(hint, tuple) and hasattr(hint, "_fields"):
        return _named_tuple(hint)
    if _is_pydantic_model(hint):
        return _pydantic(hint)
    if issubclass(hint, enum.Enum):
        return _enum(hint)
    return None


def _generic(hint, origin, args):
    if origin is typing.Union or type(hint).__name__ == "UnionType":
        options = [a for a in args if a is not _NONE]
        if len(options) != 1:
            return None  # a union of several types: no one way to convert
        inner = _converter(options[0])
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if origin is typing.Annotated:
        return _converter(args[0])
    if origin.__module__ == "numpy" and origin.__name__ == "ndarray":  # numpy.typing.NDArray[...]
        return _converter(origin)
    if not args:
        return _converter(origin) if isinstance(origin, type) and origin not in _CONTAINERS else None
    if origin in (list, set, frozenset) or origin in _ABSTRACT_SEQUENCES:
        inner = _converter(args[0])
        if inner is None:
            return None
        build = origin if origin in (list, set, frozenset) else list
        return lambda value: build(map(inner, value)) if isinstance(value, (list, tuple, set)) else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _converter(args[0])
            if inner is None:
                return None
            return lambda value: tuple(map(inner, value)) if isinstance(value, (list, tuple)) else value
        inners = [_converter(a) for a in args]
        if not any(inners):
            return None
        return lambda value: tuple(c(v) if c else v for c, v in zip(inners, value)) \
            if isinstance(value, (list, tuple)) and len(value) == len(inners) else value
    if origin is dict or origin in _ABSTRACT_MAPPINGS:
        key, item = (_converter(a) for a in args) if len(args) == 2 else (None, None)
        if key is None and item is None:
            return None
        key = key or _same
        item = item or _same
        return lambda value: {key(k): item(v) for k, v in value.items()} \
            if isinstance(value, dict) else value
    return None


def _same(value):
    return value


_CONTAINERS = (list, tuple, dict, set, frozenset)
_ABSTRACT_SEQUENCES = tuple(getattr(__import__("collections.abc").abc, n)
                            for n in ("Sequence", "MutableSequence", "Iterable", "Collection"))
_ABSTRACT_MAPPINGS = tuple(getattr(__import__("collections.abc").abc, n)
                           for n in ("Mapping", "MutableMapping"))


def _dataclass(cls):
    fields = {f.name: f for f in sys.modules["dataclasses"].fields(cls) if f.init}
    try:
        hints = typing.get_type_hints(cls)
    except Exception:
        hints = {}
    converters = {}
    for name, field in fields.items():
        convert = _converter(hints.get(name, field.type))
        if convert is not None:
            converters[name] = convert

    def from_dict(value):
        if not isinstance(value, dict):
            return value
        unknown = [k for k in value if k not in fields]
        if unknown:
            raise TypeError("%s has no field %s" % (cls.__qualname__, ", ".join(map(repr, unknown))))
        return cls(**{k: converters[k](v) if k in converters else v for k, v in value.items()})

    return from_dict


def _named_tuple(cls):
    try:
        hints = typing.get_type_hints(cls)
    except Exception:
        hints = {}
    converters = [_converter(hints[name]) if name in hints else None for name in cls._fields]

    def from_value(value):
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            return cls(**{k: _at(converters, cls._fields, k)(v) for k, v in value.items()})
        if isinstance(value, (list, tuple)):
            return cls(*(c(v) if c else v for c, v in zip(converters, value)), *value[len(converters):])
        return value

    return from_value


def _at(converters, fields, name):
    try:
        return converters[fields.index(name)] or _same
    except ValueError:
        return _same  # an unknown field: the constructor says so


def _is_pydantic_model(cls):
    pydantic = sys.modules.get("pydantic")  # a model class cannot exist before pydantic was imported
    return pydantic is not None and issubclass(cls, pydantic.BaseModel) and hasattr(cls, "model_validate")


def _pydantic(cls):
    return lambda value: cls.model_validate(value) if isinstance(value, dict) else value


def _enum(cls):
    def member(value):
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in cls.__members__:
            return cls.__members__[value]
        try:
            return cls(value)
        except ValueError:
            raise ValueError("%r is neither the name nor the value of a %s member (%s)"
                             % (value, cls.__qualname__, ", ".join(cls.__members__))) from None
    return member


def _ndarray(hint):
    def array(value):
        if isinstance(value, (list, tuple)):
            try:
                import numpy
            except ImportError as exc:
                raise ImportError("a parameter wants a numpy.ndarray, but numpy cannot be imported "
                                  "in the worker's Python (%s): %s" % (sys.executable, exc)) from None
            return numpy.asarray(value)
        return value
    return array


def _iso(cls):
    """``datetime``, ``date`` or ``time`` from ISO text; a ``datetime`` also from a number."""
    import datetime  # imported already: a hint names its class
    parse_text = iso_parser(cls.fromisoformat)  # Java's spellings too: 'Z', nanoseconds
    from_seconds = cls is datetime.datetime
    utc = datetime.timezone.utc

    def from_text(value):
        if isinstance(value, str):
            return parse_text(value)
        if from_seconds and isinstance(value, (int, float)) and not isinstance(value, bool):
            return cls.fromtimestamp(value, tz=utc)
        return value
    return from_text


def _decimal(cls):
    def to_decimal(value):
        if isinstance(value, cls) or isinstance(value, bool):
            return value
        if isinstance(value, float):
            return cls(repr(value))  # the shortest text of the float: 0.1, not 0.1000000000000000055...
        if isinstance(value, (int, str)):
            return cls(value)
        return value
    return to_decimal


def _uuid(hint):
    return lambda value: hint(value) if isinstance(value, str) else value


# The worker imports datetime and decimal for no one: a hint that names their classes
# has imported them.
register_class("datetime", "datetime", _iso)
register_class("datetime", "date", _iso)
register_class("datetime", "time", _iso)
register_class("decimal", "Decimal", _decimal)
register_class("numpy", "ndarray", _ndarray)
register_class("uuid", "UUID", _uuid)
