"""Python ``logging`` records as ``log`` events on the protocol channel.

A record's message travels alone; its exception, if it has one, as ``exc`` (described
as in an error reply, frames and causes included), and the trace of the call being
served as ``trace`` and ``span`` (see ``tracing``). Warnings are logged records too
(``logging.captureWarnings``): one WARNING record on ``py.warnings`` per warning shown.
The worker imports this module once ``logging`` is imported (see ``log_forwarding``).
"""

import logging
import sys

from . import tracing
from .errors import describe

__all__ = ["ProtocolLogHandler"]

# Room for each text of a logged exception (the Java side's frame limit is far larger).
_EXC_TEXT_LIMIT = 16384


def _cut(text, limit):
    return text if len(text) <= limit else text[:limit] + "... [%d characters cut]" % (len(text) - limit)


class ProtocolLogHandler(logging.Handler):
    """Sends each record as ``{"ev": "log", "level", "logger", "msg"}`` at once, with
    ``exc``, ``trace`` and ``span`` when it has them.

    Records may come from any thread; the writer serializes the frames.
    """

    def __init__(self, writer, codec, level=logging.NOTSET):
        super().__init__(level)
        self._writer = writer
        self._codec = codec

    def to_stderr(self):
        """From now on writes records to stderr (in a forked child, which has no channel)."""
        self._writer = None

    def emit(self, record):
        try:
            if self._writer is None:
                sys.stderr.write("%s %s: %s\n" % (record.levelname, record.name,
                                                   self.format(record)))
                return
            message = record.getMessage()
            if record.stack_info:
                message += "\n" + record.stack_info
            event = {"ev": "log", "level": record.levelname, "logger": record.name,
                     "msg": message}
            exc_info = record.exc_info
            if exc_info and exc_info[1] is not None:
                event["exc"] = describe(exc_info[1], _cut, _EXC_TEXT_LIMIT)
            trace = tracing.current()
            if trace is not None:
                event["trace"], event["span"] = trace
            self._writer.send(self._codec.encode_event(event))
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)
