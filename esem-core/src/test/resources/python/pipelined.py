"""Classes that PipelinedConstructTest constructs without waiting for the worker."""

import time


class Account:
    """An account of a known tier; its constructor refuses any other tier."""

    TIERS = ("regular", "gold")

    def __init__(self, tier, balance=0):
        if tier not in self.TIERS:
            raise ValueError("unknown tier: %s" % tier)
        self.tier = tier
        self.balance = balance

    def deposit(self, amount):
        self.balance += amount
        return self.balance

    def me(self):
        return self

    def deposit_bytes(self, data):
        self.balance += len(data)
        return self.balance


class Holder:
    """Holds whatever it was given: a Python object, or a Java function."""

    def __init__(self, held):
        self.held = held

    def call_held(self, value):
        return self.held(value)


def balance_of(account):
    return account.balance


def echo(value):
    return value


class Sleepy:
    """Sleeps in its constructor (a constructor that takes too long)."""

    def __init__(self, seconds):
        time.sleep(seconds)

    def awake(self):
        return True
