"""Prints at import: the inspection must not mind."""
import sys

print("hello from chatty")
sys.stdout.flush()
print("to stderr", file=sys.stderr)


def greet(name: str) -> str:
    return "hello " + name
