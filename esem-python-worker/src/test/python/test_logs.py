import json
import logging
import unittest

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker.codec import Codec
from esem_worker.log_forwarding import LogForwarding, parse_level
from esem_worker.logs import ProtocolLogHandler
from esem_worker.registry import Registry


class RecordingWriter:
    def __init__(self):
        self.frames = []

    def send(self, frame):
        self.frames.append(frame)


class LogsTest(unittest.TestCase):

    def test_parse_level(self):
        for name, level in (("INFO", logging.INFO), ("debug", logging.DEBUG),
                            ("WARN", logging.WARNING), ("TRACE", logging.DEBUG), ("15", 15)):
            self.assertEqual(parse_level(name), level)
        with self.assertRaises(ValueError):
            parse_level("LOUD")

    def test_parse_level_reads_every_standard_name_as_logging_does(self):
        # parse_level runs before logging is imported: its own table must not drift
        for name in ("CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "INFO", "DEBUG", "NOTSET"):
            self.assertEqual(parse_level(name), logging.getLevelName(name), name)
        self.assertEqual(parse_level("OFF"), logging.CRITICAL + 10)

    def test_forwarding_is_set_up_at_once_where_logging_is_imported_already(self):
        # as in a worker whose interpreter imports logging at its own start (a .pth file)
        root = logging.getLogger()
        level = root.level
        writer = RecordingWriter()
        forwarding = LogForwarding(logging.WARNING, writer, Codec(Registry(), 8, 1 << 20))
        forwarding.install()
        self.addCleanup(root.setLevel, level)
        self.addCleanup(root.removeHandler, forwarding.handler)
        self.addCleanup(logging.captureWarnings, False)
        logging.getLogger("esem.test.installed").info("below the level")
        logging.getLogger("esem.test.installed").warning("at the level")
        self.assertEqual([json.loads(frame)["msg"] for frame in writer.frames], ["at the level"])

    def test_records_become_log_events(self):
        writer = RecordingWriter()
        logger = logging.getLogger("esem.test.logs")
        logger.propagate = False
        handler = ProtocolLogHandler(writer, Codec(Registry(), 8, 1 << 20))
        logger.addHandler(handler)
        self.addCleanup(logger.removeHandler, handler)
        logger.warning("rate %d%%", 5)
        try:
            raise KeyError("k")
        except KeyError:
            logger.exception("lookup failed")
        self.assertEqual(writer.frames[0], b'{"ev":"log","level":"WARNING",'
                                           b'"logger":"esem.test.logs","msg":"rate 5%"}\n')
        self.assertIn(b'"msg":"lookup failed","exc":{"type":"KeyError"', writer.frames[1])
        self.assertIn(b"KeyError: 'k'", writer.frames[1])


if __name__ == "__main__":
    unittest.main()
