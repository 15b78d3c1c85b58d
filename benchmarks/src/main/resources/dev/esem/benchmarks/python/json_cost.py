"""Python's own json.loads + json.dumps cost of the benchmark payloads, timed in Python.

A line server: each request line names a payload ("int_list" or "string_1mib") and a
count; the reply line is the median seconds of that many loads+dumps of it.
"""
import json
import statistics
import sys
import time

from bench import text_of_size

PAYLOADS = {
    "int_list": json.dumps(list(range(100_000)), separators=(",", ":")),
    "string_1mib": json.dumps(text_of_size(1 << 20)),
}


def cost(text, count):
    loads = json.loads
    dumps = json.dumps
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        dumps(loads(text), separators=(",", ":"))
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


for line in sys.stdin:
    name, count = line.split()
    print(cost(PAYLOADS[name], int(count)), flush=True)
