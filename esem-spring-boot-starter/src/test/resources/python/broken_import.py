"""A module whose import fails: for the preload failure tests."""

import module_that_does_not_exist  # noqa: F401
