#!/usr/bin/python3
"""PID 1 of a test-bed namespace.

up.sh starts it as `unshare --pid --fork ... reaper.py <tag>`. The tag (tb-h1, tb-switch)
only lets down.sh recognise the process by its command line before signalling it.
As PID 1 it must reap every orphan (daemons double-fork, qemu too). On SIGTERM it exits,
and the kernel then kills whatever is left in the pid namespace: down.sh's safety net.
"""
import os
import signal
import time


def leave(*_):
    os._exit(0)


signal.signal(signal.SIGTERM, leave)
signal.signal(signal.SIGINT, leave)
signal.signal(signal.SIGHUP, signal.SIG_IGN)
while True:
    try:
        os.wait()
    except ChildProcessError:  # nothing to reap yet
        time.sleep(0.5)
