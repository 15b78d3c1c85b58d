"""JSON values on the wire, and the tags for what JSON cannot express.

Plain JSON goes through untouched: :meth:`Codec.prepare` hands back the very
object when it holds only JSON scalars (checked with C-level iteration), so a large
list of numbers costs little beyond ``json``'s own encoder. Only values that JSON
cannot carry become ``{"$t": tag, "v": payload}`` objects; data carriers (dataclasses,
pydantic models, named tuples) become dicts of their fields, numpy values arrays or
builtins; every other object is registered and sent as a ``ref``. A value that Java
could not read (a ``Decimal`` NaN, a dict key with a lone surrogate) fails the call.

Bulk data takes the binary lane (see ``framing``): ``bytes``, array data, long lists
of floats or ints and a long string result travel as raw binary segments beside the
frame, and their tags hold the segment's index. Nothing is ever base64 or JSON number
text for them.

The ``json`` module's C scanner and encoder are called directly: its ``loads`` and
``dumps`` wrap them in Python-level checks that cost as much again for a small
request, and a scalar result is formatted without them at all.
"""

import array
import enum
import json
import json.encoder
import json.scanner
import re
import sys
import weakref

from . import arrays, framing, tables
from .callbacks import JavaFunction
from .carriers import fields_of
from .errors import describe
from .framing import (CALLBACK, CALLBACK_SCALARS, FUNCTIONS_DROPPED, ID, INT_REPLY, JSON_REPLY, SEGMENT_REPLY,
                      Frame)
from .loader import public_methods
from .missing import is_missing

__all__ = ["Codec", "AsRef"]

_NONE = type(None)
# Types that json encodes as they are, and that need no tag.
_SCALARS = frozenset((str, int, float, bool, _NONE))
_STR = frozenset((str,))
# dict.keys(), .values() and .items() cross as the lists they view.
_DICT_VIEWS = (type({}.keys()), type({}.values()), type({}.items()))
_INFINITY = float("inf")
_encode_str = json.encoder.encode_basestring_ascii
# Patterns compiled (and cached by re) on first use: a worker's start would pay for them.
_FRACTION = r"\.(\d+)"
_SURROGATE = "[\ud800-\udfff]"
# Java's BigDecimal keeps its scale (minus the exponent) in an int.
_MAX_SCALE = 2 ** 31 - 1
# A string result at least this long travels as UTF-8 in a segment: decoding it costs
# next to nothing, where JSON escapes and scans it both ways.
_STRING_LANE = 16 * 1024
# A list or tuple of at least this many floats (or ints that fit 64 bits) travels as
# an array of numbers in a segment.
_NUMBERS_LANE = 1024
# array shape -> its JSON numbers (see _shape_text)
_SHAPE_TEXTS = {}
# (ndarray type, dtype, shape) of a small array result -> its reply frame's text, with
# ``%d`` for the request id: a model returns arrays of a few shapes, again and again.
# Such an array is sent as a copy of its data (see arrays.is_small).
_SMALL_ARRAY_REPLIES = {}
_MAX_SMALL_ARRAY_REPLIES = 256
# The element types of number lists, as ``array`` spells them: all sizes fixed.
_NUMBER_CODES = {"float64": "d", "float32": "f", "int64": "q", "int32": "i", "int16": "h"}
_FLOATS = frozenset((float,))
_INTS = frozenset((int,))


class AsRef:
    """Wraps a result that must be sent as a ``ref`` whatever its type (``construct``)."""

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj


def iso_parser(parse):
    """``fromisoformat`` that also takes 'Z' and more than 6 fraction digits (Python < 3.11)."""

    def parse_iso(text):
        try:
            return parse(text)
        except ValueError:
            fixed = re.sub(_FRACTION, lambda m: "." + m.group(1)[:6].ljust(6, "0"), text, count=1)
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
        result = set(items)
    except TypeError:
        result = set(map(_hashable, items))
    if len(result) != len(items):
        raise ValueError("a Java Set of %d elements is a Python set of %d: %s"
                         % (len(items), len(result), _collisions(items)))
    return result


def _decode_dict(pairs):
    result = {_hashable(k): v for k, v in pairs}
    if len(result) != len(pairs):
        raise ValueError("a Java Map of %d entries would be a Python dict of %d: %s"
                         % (len(pairs), len(result), _collisions([k for k, _ in pairs])))
    return result


def _collisions(keys):
    """Names the keys that are distinct in Java but one key in Python (1, 1.0, True)."""
    seen = {}
    for key in keys:
        seen.setdefault(_hashable(key), []).append(key)
    groups = [" and ".join(map(repr, same)) for same in seen.values() if len(same) > 1]
    return "keys %s are one key in Python" % "; ".join(groups)


def _decode_numbers(dtype, data):
    code = _NUMBER_CODES.get(dtype)
    if code is None:
        raise ValueError("unknown number list dtype %r" % (dtype,))
    numbers = array.array(code)
    if len(data) % numbers.itemsize:
        raise ValueError("a %s list of %d bytes" % (dtype, len(data)))
    numbers.frombytes(data)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tolist()


def _decode_uuid(text):
    import uuid  # on first use: most workers never see one
    return uuid.UUID(text)


def _timedelta_decoder():
    import datetime

    def decode_timedelta(pair):
        seconds, micros = pair
        return datetime.timedelta(seconds=seconds, microseconds=micros)
    return decode_timedelta


def _decimal_decoder():
    import decimal
    return decimal.Decimal


def _iso_decoder(kind):
    def make():
        import datetime
        return iso_parser(getattr(datetime, kind).fromisoformat)
    return make


def _made_on_first_use(tag, make):
    """The decoder of ``tag``, made (its module imported) by the first value that has the
    tag, and kept in its place: most workers never see a date or a decimal, and these
    modules cost a worker's start more than their first use costs a call."""
    def decode_first(value):
        decode = _DECODERS[tag] = make()
        return decode(value)
    return decode_first


_DECODERS = {
    "uuid": _decode_uuid,
    "set": _decode_set,
    "dict": _decode_dict,
}
_DECODERS.update((tag, _made_on_first_use(tag, make)) for tag, make in (
    ("td", _timedelta_decoder),
    ("dec", _decimal_decoder),
    ("date", _iso_decoder("date")),
    ("time", _iso_decoder("time")),
    ("dt", _iso_decoder("datetime")),
))


class Codec:
    """Turns request frames into Python values and results into reply frames."""

    def __init__(self, registry, max_depth, max_frame_bytes):
        self._registry = registry
        self._max_depth = max_depth
        self._max_frame = max_frame_bytes
        self._segments = None  # the binary segments of the frame being decoded
        self._blobs = []  # the binary segments of the result being encoded
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
        # the request just decoded holds columnar rows (tables.PendingRows) to bind
        self.pending_rows = False

    @property
    def max_frame_bytes(self):
        return self._max_frame

    # ---- decoding

    def decode(self, data):
        """Decodes one request frame (bytes, or a Frame with binary segments) into a dict,
        resolving tags and refs."""
        text = data.decode("utf-8")
        self._segments = data.segments if type(data) is Frame else None
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
        finally:
            self._segments = None
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
        if tag == "bytes":
            return bytes(self._segment(value))
        if tag == "str":
            return str(self._segment(value), "utf-8")
        if tag == "nums":
            return _decode_numbers(obj.get("dtype"), self._segment(value))
        if tag == "nd":
            return arrays.to_numpy(obj.get("dtype"), obj.get("shape"), self._segment(value))
        if tag == "fn":
            return self.functions(value, obj.get("kind", "function"))
        if tag == "table":
            return tables.decode_table(value, obj.get("rows"), self._segments)
        if tag == "rows":  # records for a parameter: its annotation decides what they become
            self.pending_rows = True
            return tables.PendingRows(value, obj.get("rows"), self._segments)
        decode = _DECODERS.get(tag)
        if decode is None:
            raise ValueError("unknown value tag %r" % (tag,))
        return decode(value)

    def _segment(self, index):
        segments = self._segments
        if type(index) is not int or segments is None or not 0 <= index < len(segments):
            raise ValueError("a value refers to binary segment %r, which its frame does not have"
                             % (index,))
        return segments[index]

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
            types = set(map(type, value))
            if types <= _SCALARS:
                if len(value) >= _NUMBERS_LANE and (types == _FLOATS or types == _INTS):
                    return self._numbers(value, types)
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
            if not all(map(str.isascii, value)):
                _check_keys(value)
            if set(map(type, value.values())) <= _SCALARS:
                return value
            return {k: v if type(v) in _SCALARS else prepare(v, depth)
                    for k, v in value.items()}
        _check_nan_keys(value, "dict")
        return {"$t": "dict", "v": [[prepare(k, depth), prepare(v, depth)]
                                    for k, v in value.items()]}

    def _prepare_other(self, value, depth):
        if type(value).__name__ == "ndarray":  # first: a model's result, often small
            wire = arrays.from_numpy(value)
            if type(wire) is arrays.WireArray:
                return {"$t": "nd", "v": self._blob(wire.data), "dtype": wire.dtype,
                        "shape": wire.shape}
        if type(value) is AsRef:
            return self._ref(value.obj)
        if type(value) is JavaFunction:  # back to Java: the Java function itself
            return {"$t": "fn", "v": value.java_id}
        if isinstance(value, (bytes, bytearray)):
            return {"$t": "bytes", "v": self._blob(value)}
        if isinstance(value, (set, frozenset)):
            _check_nan_keys(value, "set")
            prepare = self.prepare
            return {"$t": "set", "v": [prepare(v, depth + 1) for v in value]}
        # Decimals, dates and UUIDs exist only once their module is imported, which the
        # worker leaves to the code that makes them.
        modules = sys.modules
        decimal = modules.get("decimal")
        if decimal is not None and isinstance(value, decimal.Decimal):
            return {"$t": "dec", "v": _decimal_text(value)}
        if is_missing(value):  # before datetime: pandas.NaT is one
            return None
        datetime = modules.get("datetime")
        if datetime is not None:
            # datetime is a subclass of date: test it first.
            if isinstance(value, datetime.datetime):
                return {"$t": "dt", "v": value.isoformat()}
            if isinstance(value, datetime.date):
                return {"$t": "date", "v": value.isoformat()}
            if isinstance(value, datetime.time):
                return {"$t": "time", "v": value.isoformat()}
            if isinstance(value, datetime.timedelta):
                return {"$t": "td", "v": [value.days * 86400 + value.seconds, value.microseconds]}
        uuid = modules.get("uuid")
        if uuid is not None and isinstance(value, uuid.UUID):
            return {"$t": "uuid", "v": str(value)}
        # Subclasses of the JSON types (IntEnum, OrderedDict...) travel as their base
        # type, as json itself would send them; named tuples as dicts of their fields.
        # The value is the builtin one, not what an overridden __int__ or __str__ says.
        if isinstance(value, int):
            return int.__index__(value)
        if isinstance(value, float):
            return float.__float__(value)
        if isinstance(value, str):
            return str.__str__(value)
        if isinstance(value, enum.Enum):  # any other enum member crosses by name, as Java enums do
            return value.name
        fields = fields_of(value)
        if fields is not None:
            return self._prepare_dict(fields, depth)
        if isinstance(value, (list, tuple, _DICT_VIEWS)):
            return self.prepare(list(value), depth)
        if isinstance(value, dict):
            return self._prepare_dict(value, depth)
        data = tables.prepare(value, self, depth)
        if data is not tables.UNCHANGED:
            return data
        numpy_value = arrays.from_numpy(value)
        if numpy_value is arrays.UNCHANGED:
            return self._ref(value)
        if type(numpy_value) is arrays.WireArray:
            return {"$t": "nd", "v": self._blob(numpy_value.data),
                    "dtype": numpy_value.dtype, "shape": numpy_value.shape}
        return numpy_value

    def _numbers(self, value, types):
        """A long list of floats, or of ints, as an array of numbers in a segment."""
        numbers = array.array("d" if types == _FLOATS else "q")
        try:
            if type(value) is list:
                numbers.fromlist(value)  # a little faster than from any iterable
            else:
                numbers.extend(value)
        except OverflowError:  # an int that needs more than 64 bits: JSON has them all
            return value
        if sys.byteorder == "big":
            numbers.byteswap()
        return {"$t": "nums", "v": self._blob(numbers),
                "dtype": "float64" if numbers.typecode == "d" else "int64"}

    def _blob(self, data):
        """Adds a binary segment to the result being encoded; returns its index."""
        self._blobs.append(memoryview(data).cast("B"))
        return len(self._blobs) - 1

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
        """The ``ok`` reply frame for a result: its bytes with the newline or, when binary
        segments follow it, a list of those bytes and the segments.

        Raises ValueError when the result is too deep or the frame too large; objects
        registered while encoding it are then released again.
        """
        t = type(value)
        if t is int:  # the most common result: formatted inline
            text = INT_REPLY % (rid, value)
            return text.encode("ascii") if len(text) <= self._max_frame else self._fit(text)
        if t is str and len(value) >= _STRING_LANE:
            try:
                data = value.encode("utf-8")
            except UnicodeEncodeError:  # lone surrogates: JSON escapes them
                pass
            else:
                return self._fit(SEGMENT_REPLY % (rid, len(data), '{"$t":"str","v":0}'), [data])
        if t is str or t is float or t is bool or value is None:
            return self._fit(JSON_REPLY % (rid, _scalar(value, t)))
        if t.__name__ == "ndarray":  # a model's result: formatted inline as well
            key = (t, value.dtype, value.shape)
            small = _SMALL_ARRAY_REPLIES.get(key)
            if small is not None:  # tobytes() gives C order whatever the layout
                return self._fit(small % rid, [value.tobytes()])
            wire = arrays.from_numpy(value)
            if type(wire) is arrays.WireArray:
                tag = '{"$t":"nd","v":0,"dtype":"%s","shape":[%s]}' % (
                    wire.dtype, _shape_text(value.shape))
                if arrays.is_small(value, wire) and len(_SMALL_ARRAY_REPLIES) < _MAX_SMALL_ARRAY_REPLIES:
                    _SMALL_ARRAY_REPLIES[key] = SEGMENT_REPLY.replace("%d", "%%d", 1) % (len(wire.data), tag)
                return self._fit(SEGMENT_REPLY % (rid, len(wire.data), tag), [wire.data])
        return self._encode_value({ID: rid}, "ok", value)

    def encode_callback(self, n, fn_id, args):
        """A callback request frame (Python calls Java function ``fn_id``), with the binary
        segments of its arguments announced right after ``cb`` as a reply does after ``id``.
        Scalar arguments, the usual case, are formatted inline."""
        if len(args) == 1 and type(args[0]) is int:  # the commonest: one look, no join
            text = CALLBACK_SCALARS % (n, _encode_str(fn_id), int.__repr__(args[0]))
            return text.encode("ascii") if len(text) <= self._max_frame else self._fit(text)
        if len(args) < _NUMBERS_LANE and set(map(type, args)) <= _SCALARS:
            return self._fit(CALLBACK_SCALARS % (n, _encode_str(fn_id), ",".join(
                [_scalar(arg, type(arg)) for arg in args])))
        return self._encode_value({CALLBACK: n, "fn": fn_id}, "args", args)

    def _encode_value(self, frame, name, value):
        """The frame ``frame`` (a dict that starts with its head) with ``value``,
        prepared, as its last member ``name`` and its segments after it; objects
        registered for it are released again when it fails. A reply's AsRef is
        written as text."""
        mark = self._registry.checkpoint()
        blobs = self._blobs = []
        try:
            if type(value) is AsRef:  # a constructed object: its ref without a dict
                return self._fit(JSON_REPLY % (frame[ID], self._ref_json(value.obj)))
            prepared = self.prepare(value)
            if blobs:
                frame = framing.with_segments(frame, blobs)
            frame[name] = prepared
            return self._fit(self._to_json(frame) + "\n", blobs)
        except BaseException:
            self._registry.rollback(mark)
            raise
        finally:
            self._blobs = []

    def _fit(self, text, segments=None):
        """The frame's bytes, or a list of them and its segments; raises ValueError when
        it is over the size limit."""
        # The encoder escapes all non-ASCII, so characters count bytes.
        size = len(text) - 1 + (sum(map(len, segments)) if segments else 0)
        if size > self._max_frame:
            raise framing.frame_too_large("reply", size, self._max_frame)
        data = text.encode("ascii")
        return [data] + segments if segments else data

    def _to_json(self, obj):
        if self._c_encode is None:
            return self._encoder.encode(obj)
        return "".join(self._c_encode(obj, 0))

    def encode_err(self, rid, exc, traceback_text=None, ending=None):
        """The ``err`` reply frame for ``exc``, described by :func:`errors.describe`;
        messages and tracebacks are cut to fit a frame. ``ending`` (a dict) adds how the
        call ended: ``{"timeout": True}`` or ``{"cancelled": True}``."""
        limit = max(256, self._max_frame // 16)
        err = describe(exc, _cut, limit, traceback_text)
        if ending:
            err.update(ending)
        return self._encode({ID: rid, "err": err})

    def encode_dropped(self, fn_ids):
        """The ``fndrop`` event for the Java functions ``fn_ids`` (strings) that Python
        dropped; formatted inline: it goes out with the reply of most calls that pass one."""
        return (FUNCTIONS_DROPPED % ",".join(map(_encode_str, fn_ids))).encode("ascii")

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


def _shape_text(shape):
    """The JSON numbers of an array's shape, kept per shape: a model returns a few, again
    and again."""
    text = _SHAPE_TEXTS.get(shape)
    if text is None:
        text = ",".join(map(str, shape))
        if len(_SHAPE_TEXTS) < 256:
            _SHAPE_TEXTS[shape] = text
    return text


def _describe_class(cls):
    """A class's public methods, and the JSON text that follows the id in its refs."""
    methods = public_methods(cls)
    tail = ',"cls":%s,"module":%s,"methods":[%s]}' % (
        _encode_str(cls.__name__), _encode_str(str(cls.__module__)),
        ",".join(map(_encode_str, methods)))
    return methods, tail


def _decimal_text(value):
    if not value.is_finite():
        raise ValueError("Decimal(%r) cannot cross to Java: a BigDecimal has no NaN or infinity"
                         % str(value))
    if abs(value.as_tuple().exponent) > _MAX_SCALE:
        raise ValueError("Decimal %s cannot cross to Java: its exponent is out of a BigDecimal's "
                         "range" % value)
    return str(value)


def _check_keys(value):
    for key in value:
        if not key.isascii() and re.search(_SURROGATE, key):
            raise ValueError("dict key %a holds a lone surrogate, which is not Unicode text: "
                             "Java cannot read it as a map key" % (key,))


def _check_nan_keys(keys, kind):
    """Fails for more than one NaN key: distinct in Python (NaN is not NaN), one in Java."""
    nans = 0
    for key in keys:
        if key != key and isinstance(key, float):
            nans += 1
            if nans > 1:
                raise ValueError("this %s holds %d or more NaN keys: Python keeps them apart, but they "
                                 "are one key in Java, so it cannot cross without losing values"
                                 % (kind, nans))


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
