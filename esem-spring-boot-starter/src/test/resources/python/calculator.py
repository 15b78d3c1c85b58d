"""A stateful class for the starter's tests."""


class Calculator:

    def __init__(self, start=0):
        self.value = start

    def add(self, amount):
        self.value += amount
        return self.value
