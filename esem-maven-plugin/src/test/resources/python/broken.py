"""Fails at import, as a module with a bug does."""
RATES = {"EUR": 1.0}


def rate(currency):
    return RATES[currency]


rate("USD")
