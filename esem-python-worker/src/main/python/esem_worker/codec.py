"""JSON values on the wire, and the tags for what JSON cannot express.

Plain JSON goes through untouched: :meth:`Codec.prepare` hands back the very
object when it holds only JSON scalars (checked with C-level iteration), so a large
list of numbers costs little beyond ``json``'s own encoder. Only values that JSON
cannot carry become ``{"$t": tag, "v": payload}`` objects; every other object is
registered and sent as a ``ref``.

The ``json`` module's C scanner and encoder are called directly: its ``loads`` and
``dumps`` wrap them in Python-level checks that cost as much again for a small
request, and a scalar result is formatted without them at all.
"""

import base64
import datetime
import decimal
import json
import json.encoder
import json.scanner
import re
import weakref

from .callbacks import JavaFunction
from .framing import format_size
from .loader import public_methods

__all__ = ["Codec", "AsRef"]

_NONE = type(None)
# Types that json encodes as they are, and that need no tag.
_SCALARS = frozenset((str, int, float, bool, _NONE))
_STR = frozenset((str,))
_INFINITY = float("inf")
_encode_str = json.encoder.encode_basestring_ascii
_FRACTION = re.compile(r"\.(\d+)")


class AsRef:
    """Wraps a result that must be sent as a ``ref`` whatever its type (``construct``)."""

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj


def _iso(parse):
    """``fromisoformat`` that also takes 'Z' and more than 6 fraction digits (Python < 3.11)."""

    def parse_iso(text):
        try:
            return parse(text)
        except ValueError:
            fixed = _FRACTION.sub(lambda m: "." + m.group(1)[:6].ljust(6, "0"), text, count=1)
            if fixed.endswith("Z"):
                fixed = fixed[:-1] + "+00:00"
            if fixed == text:
                raise
            return parse(fixed)

    return parse_iso


def _hashable(value):
    """Makes a decoded value usable as a set element or dict key (arrays become tuples)."""
    t = type(value)
    if t is list:
        return tuple(map(_hashable, value))
    if t is set:
        return frozenset(value)
    return value


def _decode_set(items):
    try:
        return set(items)
    except TypeError:
        return set(map(_hashable, items))


def _decode_dict(pairs):
    return {_hashable(k): v for k, v in pairs}


def _decode_bytes(text):
    return base64.b64decode(text, validate=True)


_DECODERS = {
    "bytes": _decode_bytes,
    "set": _decode_set,
    "dec": decimal.Decimal,
    "date": _iso(datetime.date.fromisoformat),
    "time": _iso(datetime.time.fromisoformat),
    "dt": _iso(datetime.datetime.fromisoformat),
    "dict": _decode_dict,
}


class Codec:
    """Turns request frames into Python values and results into reply frames."""

    def __init__(self, registry, max_depth, max_frame_bytes):
        self._registry = registry
        self._max_depth = max_depth
        self._max_frame = max_frame_bytes
        self._decoder = json.JSONDecoder(object_hook=self._hook)
        self._scan = json.scanner.make_scanner(self._decoder)
        # No circular check: prepare() walks every container that is not all
        # scalars, so a cycle hits the depth limit there first.
        self._encoder = json.JSONEncoder(
            allow_nan=True, check_circular=False, separators=(",", ":"))
        make_encoder = json.encoder.c_make_encoder
        self._c_encode = None if make_encoder is None else make_encoder(
            None, self._encoder.default, _encode_str, None, ":", ",", False, False, True)
        # per class: its public methods, and the JSON text of a ref after its id
        self._classes = weakref.WeakKeyDictionary()
        # makes the Python callable of a Java function (set once the server exists)
        self.functions = None

    # ---- decoding

    def decode(self, data):
        """Decodes one request frame (bytes) into a dict, resolving tags and refs."""
        text = data.decode("utf-8")
        try:
            # the C scanner straight away; decode() only for what it rejects, to say why
            try:
                request, end = self._scan(text, 0)
            except StopIteration:
                end = -1
            if end != len(text) and (end < 0 or text[end:].strip(" \t\n\r")):
                request = self._decoder.decode(text)
        except RecursionError:
            raise ValueError("request value is nested too deeply to decode; the max depth is %d"
                             % self._max_depth) from None
        if type(request) is not dict:
            raise ValueError("a request must be a JSON object")
        # Brackets bound the depth from above, so most frames need no walk (and a
        # frame shorter than the limit, no count). The request object and its
        # args/kw container add two levels to a value's own.
        limit = self._max_depth + 2
        if len(data) > limit and data.count(b"[") + data.count(b"{") > limit:
            self._check_depth(request)
        return request

    def _hook(self, obj):
        if "$t" not in obj:
            return obj
        tag = obj["$t"]
        value = obj.get("v")
        if tag == "ref":
            return self._registry.get(value)
        if tag == "fn":
            return self.functions(value, obj.get("kind", "function"))
        decode = _DECODERS.get(tag)
        if decode is None:
            raise ValueError("unknown value tag %r" % (tag,))
        return decode(value)

    def _check_depth(self, request):
        stack = [(request, -1)]  # the request and its args are levels -1 and 0
        while stack:
            value, depth = stack.pop()
            if depth > self._max_depth:
                raise self._too_deep("request", depth)
            items = value.values() if type(value) is dict else value
            if set(map(type, items)) <= _SCALARS:
                continue
            for item in items:
                t = type(item)
                if t is list or t is dict or t is set or t is tuple:
                    stack.append((item, depth + 1))

    # ---- encoding

    def prepare(self, value, depth=1):
        """Returns ``value`` itself when it is plain JSON, else a tagged copy.

        ``depth`` is the nesting level of ``value`` if it is a container.
        """
        t = type(value)
        if t in _SCALARS:
            return value
        if depth > self._max_depth:
            raise self._too_deep("result", depth)
        if t is list or t is tuple:
            if set(map(type, value)) <= _SCALARS:
                return value
            prepare = self.prepare
            depth += 1
            return [v if type(v) in _SCALARS else prepare(v, depth) for v in value]
        if t is dict:
            return self._prepare_dict(value, depth)
        return self._prepare_other(value, depth)

    def _prepare_dict(self, value, depth):
        prepare = self.prepare
        depth += 1
        if "$t" not in value and set(map(type, value)) <= _STR:
            if set(map(type, value.values())) <= _SCALARS:
                return value
            return {k: v if type(v) in _SCALARS else prepare(v, depth)
                    for k, v in value.items()}
        return {"$t": "dict", "v": [[prepare(k, depth), prepare(v, depth)]
                                    for k, v in value.items()]}

    def _prepare_other(self, value, depth):
        if type(value) is AsRef:
            return self._ref(value.obj)
        if type(value) is JavaFunction:  # back to Java: the Java function itself
            return {"$t": "fn", "v": value.java_id}
        if isinstance(value, (bytes, bytearray)):
            return {"$t": "bytes", "v": base64.b64encode(value).decode("ascii")}
        if isinstance(value, (set, frozenset)):
            prepare = self.prepare
            return {"$t": "set", "v": [prepare(v, depth + 1) for v in value]}
        if isinstance(value, decimal.Decimal):
            return {"$t": "dec", "v": str(value)}
        # datetime is a subclass of date: test it first.
        if isinstance(value, datetime.datetime):
            return {"$t": "dt", "v": value.isoformat()}
        if isinstance(value, datetime.date):
            return {"$t": "date", "v": value.isoformat()}
        if isinstance(value, datetime.time):
            return {"$t": "time", "v": value.isoformat()}
        # Subclasses of the JSON types (IntEnum, namedtuple, OrderedDict...) travel
        # as their base type, as json itself would send them.
        for base in (int, float, str):
            if isinstance(value, base):
                return base(value)
        if isinstance(value, (list, tuple)):
            return self.prepare(list(value), depth)
        if isinstance(value, dict):
            return self._prepare_dict(value, depth)
        return self._ref(value)

    def _ref(self, obj):
        methods, _ = self._class_of(obj)
        cls = type(obj)
        return {"$t": "ref", "v": self._registry.put(obj), "cls": cls.__name__,
                "module": cls.__module__, "methods": methods}

    def _ref_json(self, obj):
        """The JSON text of :meth:`_ref`, without building and encoding a dict."""
        _, tail = self._class_of(obj)
        return '{"$t":"ref","v":%s%s' % (_encode_str(self._registry.put(obj)), tail)

    def _class_of(self, obj):
        cls = type(obj)
        try:
            return self._classes[cls]
        except KeyError:
            known = self._classes[cls] = _describe_class(cls)
            return known
        except TypeError:  # a type that cannot be weakly referenced
            return _describe_class(cls)

    def encode_ok(self, rid, value):
        """The ``ok`` reply frame (bytes with its newline) for a result.

        Raises ValueError when the result is too deep or the frame too large; objects
        registered while encoding it are then released again.
        """
        t = type(value)
        if t is int:  # the most common result: formatted inline
            text = '{"id":%d,"ok":%d}\n' % (rid, value)
            return text.encode("ascii") if len(text) <= self._max_frame else self._fit(text)
        if t is str or t is float or t is bool or value is None:
            return self._fit('{"id":%d,"ok":%s}\n' % (rid, _scalar(value, t)))
        mark = self._registry.checkpoint()
        try:
            if t is AsRef:
                return self._fit('{"id":%d,"ok":%s}\n' % (rid, self._ref_json(value.obj)))
            return self._fit(self._to_json({"id": rid, "ok": self.prepare(value)}) + "\n")
        except BaseException:
            self._registry.rollback(mark)
            raise

    def _fit(self, text):
        """The frame's bytes; raises ValueError when it is over the size limit."""
        # The encoder escapes all non-ASCII, so characters count bytes.
        if len(text) > self._max_frame + 1:
            raise ValueError("reply frame of %s exceeds the max frame size of %s"
                             % (format_size(len(text) - 1), format_size(self._max_frame)))
        return text.encode("ascii")

    def _to_json(self, obj):
        if self._c_encode is None:
            return self._encoder.encode(obj)
        return "".join(self._c_encode(obj, 0))

    def encode_err(self, rid, type_name, message, traceback, java=None):
        """The ``err`` reply frame; message and traceback are cut to fit a frame.
        ``java`` names the Java exception that the error came from, if one did."""
        limit = max(256, self._max_frame // 16)
        err = {"type": type_name, "message": _cut(message, limit),
               "traceback": _cut(traceback, limit)}
        if java is not None:
            err["java"] = java
        return self._encode({"id": rid, "err": err})

    def encode_callback(self, n, fn_id, args):
        """A callback request frame: Python calls Java function ``fn_id``."""
        return self._encode({"cb": n, "fn": fn_id, "args": self.prepare(args)})

    def encode_event(self, event):
        """An event frame; ``event`` is a dict whose first key is ``"ev"``."""
        msg = event.get("msg")
        if msg is not None:
            event["msg"] = _cut(msg, max(256, self._max_frame // 8))
        return self._encode(event)

    def _encode(self, obj):
        return (self._to_json(obj) + "\n").encode("ascii")

    def _too_deep(self, what, depth):
        # The walk stops at the first level over the limit, hence "at least".
        return ValueError("%s value is nested at least %d levels deep; the max depth is %d"
                          % (what, depth, self._max_depth))


def _describe_class(cls):
    """A class's public methods, and the JSON text that follows the id in its refs."""
    methods = public_methods(cls)
    tail = ',"cls":%s,"module":%s,"methods":[%s]}' % (
        _encode_str(cls.__name__), _encode_str(str(cls.__module__)),
        ",".join(map(_encode_str, methods)))
    return methods, tail


def _scalar(value, t):
    """The JSON text of a scalar, as the json encoder would write it."""
    if t is str:
        return _encode_str(value)
    if t is int:
        return int.__repr__(value)
    if t is float:
        if value != value:
            return "NaN"
        if value == _INFINITY:
            return "Infinity"
        if value == -_INFINITY:
            return "-Infinity"
        return float.__repr__(value)
    if value is None:
        return "null"
    return "true" if value else "false"


def _cut(text, limit):
    if len(text) <= limit:
        return text
    return text[:limit] + "... [%d characters cut]" % (len(text) - limit)
