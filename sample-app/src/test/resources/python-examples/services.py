"""A coroutine that stands for a call to a slow service, and says when it ran."""
import asyncio
import time

__all__ = ["call_service"]


# tag::call-service[]
async def call_service(seconds):
    """Awaits ``seconds`` (a network call, say); returns when it started and when it
    ended, read from the worker's own monotonic clock."""
    started = time.monotonic()
    await asyncio.sleep(seconds)
    return {"started": started, "ended": time.monotonic()}
# end::call-service[]
