"""A module whose import fails: it needs a package that is not installed."""
import esem_sample_package_that_is_not_installed  # noqa: F401


def never_reached():
    return None
