"""``python -m esem_worker --worker-id 1 ...``: the same as the Java side's bootstrap."""

from .main import main

main()
