"""Quotes, lines and a counter for the starter's ahead-of-time tests."""

__all__ = ["quote", "lines", "grouped", "counter", "Counter"]


def quote(request):
    lines = [{"label": request["sku"], "amount": 2.5}] * request["quantity"]
    return {"sku": request["sku"], "total": 2.5 * request["quantity"], "lines": lines}


def lines(count):
    for i in range(count):
        yield {"label": f"line {i}", "amount": float(i)}


def grouped(requests, progress):
    tallies = {}
    for done, request in enumerate(requests, 1):
        tallies.setdefault(request["sku"], []).append({"sku": request["sku"], "count": request["quantity"]})
        progress(done)
    return tallies


class Counter:

    def __init__(self, start=0):
        self.value = start
        self.additions = 0

    def add(self, amount):
        self.value += amount
        self.additions += 1
        return self.value

    def snapshot(self):
        return {"value": self.value, "additions": self.additions}


def counter(start):
    return Counter(start)
