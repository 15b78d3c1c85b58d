"""Jobs run by workers: every construct of a complete generated interface."""
import asyncio
import enum
from collections.abc import Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Literal, overload

LIMIT: int = 8


class Priority(enum.Enum):
    LOW = "low"
    HIGH = "high"


@dataclass
class Job:
    job_id: int
    priority: Priority


class Worker:
    """Runs jobs."""

    def __init__(self, name: str, threads: int = 2):
        self.name = name
        self.threads = threads
        self.done = []

    @property
    def busy(self) -> bool:
        return bool(self.done)

    def run(self, job: Job, *steps: str, **settings: int) -> tuple[int, str]:
        fields = job if isinstance(job, dict) else vars(job)
        self.done.append(fields["job_id"])
        return fields["job_id"], "/".join(steps) + "".join(";%s=%d" % item for item in sorted(settings.items()))

    def on_done(self, callback: Callable[[int], None]) -> None:
        for job_id in self.done:
            callback(job_id)


def crunch(values: list[float]) -> list[float]:
    """Doubles a batch of values."""
    return [2 * value for value in values]


def submit(name: str, *tags: str, **options: str) -> str:
    return name + "".join("#" + tag for tag in tags) + "".join(" %s=%s" % item for item in sorted(options.items()))


def schedule(when: Literal["now", "later"], accept: Callable[[str], bool]) -> bool:
    return accept(when)


def bump(priority: Priority) -> Priority:
    name = priority.name if isinstance(priority, Priority) else priority
    return Priority.HIGH if name == "LOW" else Priority.LOW


def split(pair: tuple[str, int]) -> tuple[int, str]:
    return pair[1], pair[0]


def describe(value: int | str) -> str:
    return type(value).__name__


def counts(table: Mapping[str, int]) -> int:
    return sum(table.values())


def digest(data: bytes) -> int:
    return len(data)


def eventually(value: int) -> Awaitable[int]:
    async def wait():
        await asyncio.sleep(0)
        return value + 1
    return wait()


def accumulate() -> Generator[int, int, None]:
    total = 0
    while True:
        total += yield total


@overload
def parse(text: str) -> int: ...


@overload
def parse(text: str, base: int) -> int: ...


def parse(text, base=10):
    return int(text, base)
