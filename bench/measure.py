#!/usr/bin/env python3
"""measure.py CMD... - runs CMD and prints "<seconds> <peak RSS in KiB>
<exit code>" for that child alone. Its stdout is read and thrown away
through a pipe, not sent to /dev/null: some tools (GNU grep) notice
/dev/null and stop early."""
import os
import subprocess
import sys
import time

start = time.monotonic()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)
while proc.stdout.read(1 << 20):
    pass
_, status, usage = os.wait4(proc.pid, 0)
elapsed = time.monotonic() - start
print("%.3f %d %d" % (elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)))
