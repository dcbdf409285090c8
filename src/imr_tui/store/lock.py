"""One writer at a time, across processes.

On POSIX this is `fcntl.flock` on the store's `.lock` file, which is what the filelock library
does there too; we call it directly because importing filelock costs about 45 ms (it pulls in
asyncio), a third of the budget of `imr-tui checkin`. Elsewhere we use filelock itself.
The lock is released by the kernel when the process dies, so a crash never leaves it stuck.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any


class LockTimeout(Exception):
    pass


class StoreLock:
    """A re-entrant (per thread) inter-process lock on one file."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None
        self._depth = 0
        self._owner: int | None = None
        self._thread_lock = threading.RLock()
        self._fallback: Any = None

    @property
    def depth(self) -> int:
        """How many times the calling thread holds the lock now (1: the outermost hold)."""
        return self._depth

    def acquire(self, timeout: float) -> None:
        if not self._thread_lock.acquire(timeout=max(timeout, 0.001)):
            raise LockTimeout(str(self.path))
        if self._depth:
            self._depth += 1
            return
        try:
            self._acquire_file(timeout)
        except BaseException:
            self._thread_lock.release()
            raise
        self._depth = 1

    def _acquire_file(self, timeout: float) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            from filelock import FileLock, Timeout

            self._fallback = self._fallback or FileLock(self.path, mode=0o600)
            try:
                self._fallback.acquire(timeout=timeout)
            except Timeout:
                raise LockTimeout(str(self.path)) from None
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + timeout
        delay = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._fd = fd
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(str(self.path)) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
            except BaseException:
                os.close(fd)
                raise

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            if self._fd is not None:
                import fcntl

                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
                self._fd = None
            elif self._fallback is not None:  # pragma: no cover - Windows
                self._fallback.release()
        self._thread_lock.release()
