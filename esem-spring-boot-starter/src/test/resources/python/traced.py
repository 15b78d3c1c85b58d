"""Calls whose log records should carry the trace of the Java span around them."""

import logging

log = logging.getLogger("traced")


def quote(amount):
    log.info("quoting %s", amount)
    return amount * 2


def fail(message):
    try:
        raise KeyError(message)
    except KeyError:
        log.exception("could not quote")
        raise ValueError(message)


class Quoter:

    def quote(self, amount):
        return amount * 3
