"""A function whose every run leaves a line in a file: for tests of calls that must never run."""


def mark(path):
    with open(path, "a") as out:
        out.write("ran\n")
    return True
