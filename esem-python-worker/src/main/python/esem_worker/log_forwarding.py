"""Python ``logging`` forwarded to Java, set up when ``logging`` is first imported.

Most workers serve calls without ever logging, and ``logging`` (with ``traceback``, which
it imports) is a large part of what a worker would import at start. So the worker does
not import it: an import hook, first on ``sys.meta_path``, sets the root logger's level
and the :class:`~esem_worker.logs.ProtocolLogHandler` up as soon as the ``logging``
module has run, inside that import, whoever imports it (user code at its import or in a
call, a library, a thread). No code can reach a logger before then, so no record is
missed. A warning shown before then imports ``logging`` (which sets forwarding up) and
becomes one WARNING record on ``py.warnings``, as ``logging.captureWarnings`` makes it.
"""

import sys
import warnings

__all__ = ["LogForwarding", "parse_level"]

# The standard levels by name, as logging.getLevelName gives them before any custom level
# is added, with the SLF4J spellings (so the Java side can pass its own level names
# through): a level is checked at start, without importing logging.
_LEVELS = {"CRITICAL": 50, "FATAL": 50, "ERROR": 40, "WARNING": 30, "WARN": 30, "INFO": 20,
           "DEBUG": 10, "NOTSET": 0, "TRACE": 10, "OFF": 60}


def parse_level(name):
    """A logging level from a name (``INFO``, ``WARN``...) or a number."""
    text = str(name).strip().upper()
    if text.isdigit():
        return int(text)
    level = _LEVELS.get(text)
    if level is None:
        raise ValueError("unknown log level %r" % (name,))
    return level


class LogForwarding:
    """Sends the records of the root logger at ``level`` and above to Java, through
    ``writer``, from the moment ``logging`` is imported (see the module doc)."""

    def __init__(self, level, writer, codec):
        self._level = level
        self._writer = writer
        self._codec = codec
        self._on_stderr = False
        self._shown_before = None  # warnings.showwarning before the worker's own
        self.handler = None  # the ProtocolLogHandler, once logging is imported

    def install(self):
        """Sets forwarding up now if ``logging`` is imported already, else at its import."""
        logging = sys.modules.get("logging")
        if logging is not None:
            self._set_up(logging)
            return
        sys.meta_path.insert(0, _LoggingImportHook(self._set_up))
        self._shown_before = warnings.showwarning
        warnings.showwarning = self._show_first_warning

    def to_stderr(self):
        """From now on records go to stderr (in a forked child, which has no channel).
        No lock: a lock another thread held at the fork would stay held in the child."""
        self._on_stderr = True
        if self.handler is not None:
            self.handler.to_stderr()

    def _set_up(self, logging):
        """Runs once, at start or inside the import of ``logging`` (its module lock held)."""
        from .logs import ProtocolLogHandler  # imports logging: imported already here
        sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _LoggingImportHook)]
        if warnings.showwarning == self._show_first_warning:
            warnings.showwarning = self._shown_before  # what captureWarnings keeps to restore
        handler = ProtocolLogHandler(self._writer, self._codec)
        if self._on_stderr:
            handler.to_stderr()
        root = logging.getLogger()
        root.setLevel(self._level)
        root.addHandler(handler)
        logging.captureWarnings(True)
        self.handler = handler

    def _show_first_warning(self, message, category, filename, lineno, file=None, line=None):
        import logging  # noqa: F401  (its import sets forwarding up: logging's showwarning)
        if warnings.showwarning == self._show_first_warning:
            # logging was imported past the hook: never call this again
            warnings.showwarning = self._shown_before
        warnings.showwarning(message, category, filename, lineno, file, line)


class _LoggingImportHook:
    """Finds ``logging`` with the finders behind it, and runs ``then(module)`` once the
    module has run, before its import returns to anyone."""

    def __init__(self, then):
        self._then = then

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        for finder in sys.meta_path:
            if finder is not self and hasattr(finder, "find_spec"):
                spec = finder.find_spec(name, path, target)
                if spec is not None:
                    break
        else:
            return None
        spec.loader = _ThenLoader(spec.loader, self._then)
        return spec


class _ThenLoader:
    """A loader that runs ``then(module)`` after the module it loads, and gives the module
    its own loader back first (``__loader__``, ``__spec__.loader``: what ``linecache`` and
    ``inspect`` read)."""

    def __init__(self, loader, then):
        self._loader = loader
        self._then = then

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        module.__spec__.loader = module.__loader__ = self._loader
        self._loader.exec_module(module)
        self._then(module)
