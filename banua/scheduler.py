"""The schedule of periodic jobs (deploy/crontab) and when each one is due.

One file is the schedule for every way Banua runs (systemd, the Procfile, the CI stack),
so nothing depends on the host's cron and the jobs are where the code is reviewed.
"""

import re
import shlex
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

FIELD_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))


@dataclass(frozen=True)
class Job:
    fields: tuple[frozenset[int], ...]
    argv: tuple[str, ...]
    line: str

    @property
    def command(self) -> str:
        return self.argv[0]

    def due(self, when: datetime) -> bool:
        weekday = (when.weekday() + 1) % 7  # cron: 0 = Sunday
        values = (when.minute, when.hour, when.day, when.month, weekday)
        return all(v in allowed for v, allowed in zip(values, self.fields, strict=True))


def _field(text: str, low: int, high: int) -> frozenset[int]:
    values: set[int] = set()
    for part in text.split(","):
        match = re.fullmatch(r"(\*|\d+(?:-\d+)?)(?:/(\d+))?", part)
        if not match:
            raise ValueError(f"unsupported cron field {text!r}")
        span, step = match.group(1), int(match.group(2) or 1)
        if span == "*":
            start, end = low, high
        elif "-" in span:
            start, end = (int(x) for x in span.split("-"))
        else:
            start = end = int(span)
        if not (low <= start <= end <= high) or step < 1:
            raise ValueError(f"cron field {text!r} out of range {low}-{high}")
        values.update(range(start, end + 1, step))
    return frozenset(values)


def schedule_parse(text: str) -> list[Job]:
    jobs = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        body, _hash, _comment = line.partition("#")
        parts = body.split(None, 5)
        if len(parts) < 6:
            raise ValueError(f"cron line needs five fields and a command: {line!r}")
        fields = tuple(
            _field(part, low, high)
            for part, (low, high) in zip(parts[:5], FIELD_RANGES, strict=True)
        )
        jobs.append(
            Job(
                fields=fields,
                argv=tuple(shlex.split(parts[5])),
                line=line,
            )
        )
    return jobs


def schedule_load(path: Path | None = None) -> list[Job]:
    path = path or Path(__file__).resolve().parent.parent / "deploy" / "crontab"
    return schedule_parse(path.read_text())
