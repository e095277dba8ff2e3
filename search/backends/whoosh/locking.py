"""A cross-process write lock (fcntl) for the index folder.

Whoosh allows one writer per index and fails with LockError when a second one asks. Gunicorn workers and a
task worker all index, so each writer first takes this lock, waiting (up to a timeout) for the others.
"""

import contextlib
import fcntl
import os
import threading
import time

_thread_locks = {}
_thread_locks_guard = threading.Lock()


class WriteLockTimeout(RuntimeError):
    pass


def _thread_lock(path):
    # fcntl locks belong to the process, so threads of one process also need a lock between them.
    with _thread_locks_guard:
        return _thread_locks.setdefault(path, threading.Lock())


@contextlib.contextmanager
def write_lock(path, timeout=60.0):
    """Holds an exclusive lock on the file ``path`` (created if missing) for the duration of the block."""
    thread_lock = _thread_lock(str(path))
    if not thread_lock.acquire(timeout=timeout):
        raise WriteLockTimeout(f"Timed out after {timeout}s waiting for the search index write lock")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + timeout
            delay = 0.005
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise WriteLockTimeout(
                            f"Timed out after {timeout}s waiting for the search index write lock"
                        ) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.1)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    finally:
        thread_lock.release()
