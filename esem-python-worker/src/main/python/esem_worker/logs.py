"""Python ``logging`` records as ``log`` events on the protocol channel."""

import logging
import sys

__all__ = ["ProtocolLogHandler", "parse_level"]

# SLF4J spellings, so the Java side can pass its own level names through.
_ALIASES = {"TRACE": logging.DEBUG, "WARN": logging.WARNING, "FATAL": logging.CRITICAL,
            "OFF": logging.CRITICAL + 10}


def parse_level(name):
    """A logging level from a name (``INFO``, ``WARN``...) or a number."""
    text = str(name).strip().upper()
    if text.isdigit():
        return int(text)
    if text in _ALIASES:
        return _ALIASES[text]
    level = logging.getLevelName(text)
    if not isinstance(level, int):
        raise ValueError("unknown log level %r" % (name,))
    return level


class ProtocolLogHandler(logging.Handler):
    """Sends each record as ``{"ev": "log", "level", "logger", "msg"}`` at once.

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
            # The default formatter appends the exception traceback and stack info.
            event = {"ev": "log", "level": record.levelname, "logger": record.name,
                     "msg": self.format(record)}
            self._writer.send(self._codec.encode_event(event))
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)
