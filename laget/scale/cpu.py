"""CPU time of a process tree from /proc (Linux), for CPU milliseconds per request.

A tree's time is the user and system time of every live process in it, plus what each has
collected from children that ended (cutime, cstime): a server's workers restarted by
max_requests, or PostgreSQL backends that served one connection and exited, still count once
their parent has reaped them. Taken before and after a run, the difference is the run's CPU.
"""

import os
from pathlib import Path

PROC = Path("/proc")
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, ticks of CPU with reaped children) of a process, or None when gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    fields = text.rsplit(")", 1)[1].split()
    ppid = int(fields[1])
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return ppid, utime + stime + cutime + cstime


def tree_seconds(root: int) -> float | None:
    """CPU seconds of `root` and all its descendants, or None when there is no such process."""
    stats = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            stats[int(entry.name)] = stat
    if root not in stats:
        return None
    children: dict[int, list[int]] = {}
    for pid, (ppid, _ticks) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += stats[pid][1]
        todo.extend(children.get(pid, []))
    return total / TICK


def parent_of(pid: int) -> int | None:
    stat = _stat(pid)
    return stat[0] if stat else None
