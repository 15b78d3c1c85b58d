def area(width, height=1.0, *, rounded=False):
    return width * height


class Circle:
    def __init__(self, radius):
        self.radius = radius

    def scaled(self, factor):
        return Circle(self.radius * factor)
