"""Small-array calls, as a model that serves one request at a time sees them."""


def head(x):
    """A 1x16 float32 array in, a 1x4 float32 array out."""
    return x[:, :4] * 2


def add(a, b):
    return a + b
