# Untyped, as a C extension is to the generator: the hints are in native.pyi.
def norm(values):
    return sum(value * value for value in values) ** 0.5
