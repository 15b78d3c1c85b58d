import array


def area(width, height=1.0, *, rounded=False):
    return width * height


class Circle:
    def __init__(self, radius):
        self.radius = radius

    def scaled(self, factor):
        return Circle(self.radius * factor)


def pack(values: array.array) -> bytes:
    """A hint without a Java type: check warns of it."""
    return values.tobytes()
