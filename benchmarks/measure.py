"""Run one command and print its wall time, CPU time and peak RSS as JSON (see run.py).

A separate small process starts the command, so the peak RSS it reports is the command's own:
Linux keeps a process's peak across exec, so a command started straight from the (large) runner
would report at least the runner's size.

    python benchmarks/measure.py OUTPUT_FILE COMMAND [ARG ...]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main() -> None:
    output, command = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    with open(output, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    print(
        json.dumps(
            {
                "exit": os.waitstatus_to_exitcode(status),
                "wall_s": round(wall, 3),
                "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
                "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
