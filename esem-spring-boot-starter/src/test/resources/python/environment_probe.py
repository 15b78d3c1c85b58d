"""Reads the worker's environment and working directory."""

import os


def variable(name):
    return os.environ.get(name)


def cwd():
    return os.getcwd()
