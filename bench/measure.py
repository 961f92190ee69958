#!/usr/bin/env python3
"""measure.py CMD... - runs CMD (stdout to /dev/null) and prints
"<seconds> <peak RSS in KiB> <exit code>" for that child alone."""
import os
import subprocess
import sys
import time

start = time.monotonic()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
elapsed = time.monotonic() - start
print("%.3f %d %d" % (elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)))
