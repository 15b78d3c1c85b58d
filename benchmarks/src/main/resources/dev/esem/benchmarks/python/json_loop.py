"""Bare JSON floor: decodes a request line, calls add, encodes the reply, flushes."""
import json
import sys


def add(a, b):
    return a + b


readline = sys.stdin.buffer.readline
write = sys.stdout.buffer.write
flush = sys.stdout.buffer.flush
loads = json.loads
dumps = json.dumps
while True:
    line = readline()
    if not line:
        break
    request = loads(line)
    write((dumps({"id": request["id"], "ok": add(*request["args"])}) + "\n").encode())
    flush()
