"""Atomic file replacement: readers see the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile


def write_atomically(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file in the same directory, fsync, rename.

    An existing file keeps its permission bits. On any error the temp file is removed, the
    original is untouched, and the ``OSError`` propagates.

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> target = os.path.join(folder, "a.txt")
    >>> write_atomically(target, b"new\\n")
    >>> open(target, "rb").read()
    b'new\\n'
    """
    with AtomicWriter(path) as writer:
        writer.write(data)


class AtomicWriter:
    """A replacement for ``path`` written piece by piece, put in place on a clean exit
    (unless :meth:`discard` was called): readers see the old file or the new one.

    >>> import os, tempfile
    >>> target = os.path.join(tempfile.mkdtemp(), "a.txt")
    >>> with AtomicWriter(target) as writer:
    ...     writer.write(b"one ")
    ...     writer.write(b"two")
    >>> open(target, "rb").read()
    b'one two'
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.directory = os.path.dirname(os.path.abspath(path))
        try:
            self.mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            self.mode = None
        if self.mode is not None and not (self.mode & stat.S_IWUSR and os.access(path, os.W_OK)):
            raise PermissionError(errno.EACCES, "file is read-only", path)
        self.discarded = False

    def __enter__(self) -> AtomicWriter:
        descriptor, self.temporary = tempfile.mkstemp(dir=self.directory, prefix=".restore-",
                                                      suffix=".tmp")
        self.handle = os.fdopen(descriptor, "wb")
        return self

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def discard(self) -> None:
        """Leave the original as it is when the block ends."""
        self.discarded = True

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        try:
            if kind is not None or self.discarded:
                self.handle.close()
                os.unlink(self.temporary)
                return
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            if self.mode is not None:
                os.chmod(self.temporary, self.mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self.temporary, 0o666 & ~umask)
            os.replace(self.temporary, self.path)
        except BaseException:
            self.handle.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.temporary)
            raise
        with contextlib.suppress(OSError):
            directory_fd = os.open(self.directory, os.O_RDONLY)
            try:
                os.fsync(directory_fd)
            finally:
                os.close(directory_fd)
