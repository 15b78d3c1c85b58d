# An untyped module, as a C extension is to the generator: its hints are in fastcalc.pyi.
def scale(values, factor):
    return [value * factor for value in values]


def clip(value, limit):
    return min(value, limit)
