"""Waits at import longer than the test lets the inspection take."""
import time

time.sleep(30)
