package dev.esem.internal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The wire format between the Java side and a worker, in one place: every member name,
 * op, event, tag and fixed byte window that crosses the pipes (docs/protocol.md describes
 * them; the worker's side is {@code framing.py}). The layout of the shared-memory file's
 * header is the one thing kept apart, with the only code that reads and writes it,
 * {@code SharedSegments}.
 * <p>
 * A frame is one line of UTF-8 JSON ending in a newline. Its first member says what it
 * is: {@link #ID} (a request or its reply), {@link #CALLBACK} (Python calling a Java
 * function) or {@link #EVENT}. The header follows in a fixed order, each member only
 * when it applies, so that it can be read and written at fixed places without a JSON
 * parser:
 *
 * <pre>
 * {"id":7,"$b":[8000000,-5],"tp":"00-…-01","to":2000,"dl":1767000000000,"op":"call",…}\n
 * &lt;8,000,000 bytes of segment 0&gt;
 * </pre>
 *
 * {@link #SEGMENTS} lists the lengths of the binary segments written raw after the
 * newline (a negative length: the segment is in the shared file instead);
 * {@link #TRACEPARENT}, {@link #TIMEOUT} and {@link #DEADLINE} go on requests only.
 * {@link FrameHeader} reads and writes the header; the body's members and the tags of
 * values that JSON cannot express are below.
 */
public final class Wire {

	// the header, in its order

	/** A request's number, which its reply repeats. */
	public static final String ID = "id";

	/** A callback request's number (worker to Java), in the place of the id. */
	public static final String CALLBACK = "cb";

	/** An event's name (worker to Java), in the place of the id. */
	public static final String EVENT = "ev";

	/** The lengths of the binary segments that follow the frame. */
	public static final String SEGMENTS = "$b";

	/** The W3C traceparent of the call's span. */
	public static final String TRACEPARENT = "tp";

	/** The call's timeout in milliseconds, counted from when the worker reads it. */
	public static final String TIMEOUT = "to";

	/** The call's deadline, in milliseconds since the epoch: a request read later is skipped. */
	public static final String DEADLINE = "dl";

	/** {@code {"id":}: a frame that starts so is a request or a reply. */
	static final byte[] ID_START = ascii("{\"" + ID + "\":");

	/** {@code {"cb":}: a callback request, whose number takes the place of the id (same length). */
	static final byte[] CALLBACK_START = ascii("{\"" + CALLBACK + "\":");

	/** {@code ,"$b":[}: what follows the id of a frame with binary segments. */
	static final byte[] SEGMENTS_START = ascii(",\"" + SEGMENTS + "\":[");

	static final byte[] TIMEOUT_MEMBER = ascii(",\"" + TIMEOUT + "\":");

	static final byte[] DEADLINE_MEMBER = ascii(",\"" + DEADLINE + "\":");

	// requests

	public static final String OP = "op";

	public static final String OP_LOAD = "load";

	public static final String OP_CALL = "call";

	public static final String OP_CONSTRUCT = "construct";

	public static final String OP_INVOKE = "invoke";

	public static final String OP_GETATTR = "getattr";

	public static final String OP_BATCH = "batch";

	public static final String OP_RELEASE = "release";

	public static final String OP_PING = "ping";

	public static final String OP_ITER = "iter";

	public static final String OP_NEXT = "next";

	public static final String OP_CLOSE = "close";

	/** The answer to a callback request. */
	public static final String OP_CALLBACK_RETURN = "cbret";

	public static final String OP_CANCEL = "cancel";

	/** A module spec: an importable name or a file's path. */
	public static final String MODULE = "mod";

	/** A function's or method's name; in a {@link #TAG_FUNCTION} tag, the Java function. */
	public static final String FUNCTION = "fn";

	public static final String CLASS = "cls";

	public static final String ARGS = "args";

	public static final String KWARGS = "kw";

	/** The form the result is to come back in ({@link ResultForm}); absent for a plain value. */
	public static final String RESULT_FORM = "as";

	/** The ref id of the object a request addresses. */
	public static final String REF = "ref";

	/** An attribute's name; a column's name in a table. */
	public static final String NAME = "name";

	/** The ref ids that a release drops one hold of each. */
	public static final String REFS = "refs";

	/** The most items a stream batch holds. */
	public static final String MAX = "max";

	/** The id of the call that a cancel request cancels. */
	public static final String CANCELLED_CALL = "call";

	/** {@code true} on requests that want no reply. */
	public static final String NO_REPLY = "noreply";

	/**
	 * On a {@code construct} that wants no reply: the ref id that the Java side named for
	 * the new object ({@code py_obj_j<n>_<token>}), under which the worker registers it.
	 */
	public static final String NEW_REF = "new";

	/**
	 * Named constructs written into a call's frame, as its last member, rather than as
	 * frames of their own: the worker runs them before the call.
	 */
	public static final String AHEAD = "ahead";

	public static final String FORM_HANDLE = "ref";

	public static final String FORM_STREAM = "stream";

	public static final String FORM_LIST = "list";

	public static final String FORM_MAP = "map";

	// replies (and the answers to callback requests)

	public static final String OK = "ok";

	public static final String ERR = "err";

	/** {@code ,"ok":}: what follows the id of a reply with a value. */
	static final byte[] OK_MEMBER = ascii(",\"" + OK + "\":");

	/** A load's module name and exports; an export's name, kind, doc, signature and methods. */
	public static final String LOADED_NAME = "name";

	public static final String LOADED_EXPORTS = "exports";

	public static final String EXPORT_NAME = "name";

	public static final String EXPORT_KIND = "kind";

	public static final String EXPORT_DOC = "doc";

	public static final String EXPORT_SIGNATURE = "signature";

	public static final String EXPORT_METHODS = "methods";

	/** A ping's count of live instances in the worker's registry. */
	public static final String PING_REGISTRY = "registry";

	/** A stream batch's items (or a batch call's results), and whether the stream ended. */
	public static final String ITEMS = "items";

	public static final String DONE = "done";

	/** A batch call's failed items: {@code [index, type, message, traceback]} each. */
	public static final String BATCH_ERRORS = "errors";

	// an error: the exception class, its MRO, str(exc), the traceback, its cause

	public static final String ERROR_TYPE = "type";

	public static final String ERROR_TYPES = "types";

	public static final String ERROR_MESSAGE = "message";

	public static final String ERROR_TRACEBACK = "traceback";

	public static final String ERROR_CAUSE = "cause";

	/** The id of the Java exception that a link of the chain came from. */
	public static final String ERROR_JAVA = "java";

	/** {@code true} when the call was interrupted at its timeout. */
	public static final String ERROR_TIMEOUT = "timeout";

	/** {@code true} when the call was cancelled. */
	public static final String ERROR_CANCELLED = "cancelled";

	/** Which limit the frame broke: {@link #LIMIT_FRAME}. */
	public static final String ERROR_LIMIT = "limit";

	public static final String LIMIT_FRAME = "frame";

	// events

	public static final String EVENT_HELLO = "hello";

	public static final String EVENT_LOG = "log";

	/** Java functions that Python dropped its last reference to. */
	public static final String EVENT_FUNCTIONS_DROPPED = "fndrop";

	public static final String HELLO_PID = "pid";

	public static final String HELLO_PYTHON = "python";

	/** Whether the worker opened the shared file. */
	public static final String HELLO_SHARED_MEMORY = "shm";

	/** The capacity of the worker's request pipe in bytes, when it could tell. */
	public static final String HELLO_PIPE = "pipe";

	public static final String LOG_LEVEL = "level";

	public static final String LOG_LOGGER = "logger";

	public static final String LOG_MESSAGE = "msg";

	/** The record's exception, described as an error. */
	public static final String LOG_EXCEPTION = "exc";

	public static final String LOG_TRACE = "trace";

	public static final String LOG_SPAN = "span";

	public static final String DROPPED_IDS = "ids";

	// values: a value JSON cannot express is an object whose first key is the tag

	public static final String TAG = "$t";

	/** The tag's payload; for bulk values, the index of a binary segment. */
	public static final String TAG_VALUE = "v";

	public static final String TAG_BYTES = "bytes";

	public static final String TAG_SET = "set";

	public static final String TAG_DECIMAL = "dec";

	public static final String TAG_DATE = "date";

	public static final String TAG_TIME = "time";

	public static final String TAG_DATETIME = "dt";

	/** A dict with a key that is not a string, or with a {@link #TAG} key: its pairs. */
	public static final String TAG_DICT = "dict";

	public static final String TAG_UUID = "uuid";

	public static final String TAG_DURATION = "td";

	public static final String TAG_NDARRAY = "nd";

	/** A long string, in a segment as UTF-8. */
	public static final String TAG_STRING = "str";

	/** A list of numbers, in a segment. */
	public static final String TAG_NUMBERS = "nums";

	/** A table, columnar: a DataFrame (see {@link TableCodec}). */
	public static final String TAG_TABLE = "table";

	/** Records for a call parameter, columnar: a DataFrame or a list of dicts in Python. */
	public static final String TAG_ROWS = "rows";

	/** One column of a table: a pandas Series, a numpy array of strings or datetimes. */
	public static final String TAG_COLUMN = "col";

	/** A value that has no Java value; its payload says why. */
	public static final String TAG_FAIL = "fail";

	/** A registered Python object. */
	public static final String TAG_REF = "ref";

	/** {@code {"$t":"ref","v":}: the start of a ref value. */
	static final byte[] REF_START = ascii("{\"" + TAG + "\":\"" + TAG_REF + "\",\"" + TAG_VALUE + "\":");

	/** A Java function that Python holds as a callable. */
	public static final String TAG_FUNCTION = FUNCTION;

	/** An array's element type, numpy's name. */
	public static final String DTYPE = "dtype";

	public static final String SHAPE = "shape";

	/** {@code {"$t":"nd","v":0,"dtype":}: the start of an array in a reply's one segment. */
	static final byte[] ARRAY_START = ascii("{\"" + TAG + "\":\"" + TAG_NDARRAY + "\",\"" + TAG_VALUE + "\":0,\""
			+ DTYPE + "\":");

	static final byte[] SHAPE_MEMBER = ascii(",\"" + SHAPE + "\":[");

	/** A ref's class, module and public methods, sent by the worker. */
	public static final String REF_CLASS = CLASS;

	public static final String REF_MODULE = "module";

	public static final String REF_METHODS = "methods";

	static final byte[] REF_CLASS_MEMBER = ascii(",\"" + REF_CLASS + "\":");

	static final byte[] REF_MODULE_MEMBER = ascii(",\"" + REF_MODULE + "\":");

	static final byte[] REF_METHODS_MEMBER = ascii(",\"" + REF_METHODS + "\":[");

	// table columns: a name (in a table), a kind, the data in segments, a mask of missing values

	/** The rows of a table. */
	public static final String ROW_COUNT = "rows";

	public static final String COLUMN_KIND = "kind";

	public static final String COLUMN_DATA = "data";

	/** The byte offsets of a string column's strings in its data (rows + 1 int64). */
	public static final String COLUMN_OFFSETS = "offsets";

	/** One byte per row, 1 where the value is missing. */
	public static final String COLUMN_MASK = "mask";

	/** The unit of a datetime or timedelta column: s, ms, us or ns. */
	public static final String COLUMN_UNIT = "unit";

	/** The zone of a datetime column. */
	public static final String COLUMN_ZONE = "tz";

	/** The values of an {@link #KIND_OBJECTS} column, each as it would cross alone. */
	public static final String COLUMN_VALUES = TAG_VALUE;

	public static final String KIND_NDARRAY = "nd";

	public static final String KIND_STRINGS = "str";

	public static final String KIND_DATETIMES = "dt";

	public static final String KIND_DURATIONS = "td";

	public static final String KIND_OBJECTS = "obj";

	private Wire() {
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
