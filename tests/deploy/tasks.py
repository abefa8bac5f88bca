"""A task for the worker tests: it leaves a trace in a file before and after its work."""

import time
from pathlib import Path

from django_tasks import task


@task()
def trace_task(*, path: str, seconds: float = 0.0) -> str:
    """Appends "start", waits, appends "done": safe to run twice, like every task."""
    trace = Path(path)
    with trace.open("a") as out:
        out.write("start\n")
    time.sleep(seconds)
    with trace.open("a") as out:
        out.write("done\n")
    return "ok"


@task()
def failing_task() -> None:
    raise RuntimeError("the mail server said no")
