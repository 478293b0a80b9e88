"""The desk file on disk: where it may be opened, and how a reader opens it without harm.

SQLite in WAL mode keeps the latest changes in `desk.db-wal` and an index of them in
`desk.db-shm` beside the database while it is open. Three rules follow (issue #10):

- **Network file systems are refused.** WAL needs shared memory between every process that
  opens the file, which NFS, SMB/CIFS and the like do not give: two checkers there can corrupt
  the desk. The file system is the type of the mount the file's folder is on (`/proc/mounts`).
- **A reader never creates files beside the desk.** Someone who may not write the desk (or its
  folder) opens it read-only. If the owner has it open now (`-wal` and `-shm` both exist),
  SQLite (3.22+) reads it in place, read-only, creating nothing. Otherwise SQLite would create
  `-wal`/`-shm` owned by the reader, which lock the owner out ("attempt to write a readonly
  database"), or fail in a read-only folder; so the reader works on a private snapshot: the
  database (and a `-wal` left by a crash) copied into a temporary folder, the copy checked
  to be consistent (the originals' size, time and inode the same before and after the copy,
  and no `-wal` appeared meanwhile, else copied again). The snapshot is what the file held
  when it was opened; it is deleted when the store is closed.
- Reading `user_version` and the header never writes (see `core.store`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from factcheck_tui.core.records.errors import DatabaseError

# File system types (as /proc/mounts names them) where SQLite's WAL is unsafe.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "fuse.sshfs",
        "sshfs",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.cephfs",
        "davfs",
        "fuse.davfs2",
        "fuse.rclone",
    }
)
MOUNTS = Path("/proc/mounts")
SNAPSHOT_ATTEMPTS = 3
# Header bytes 18 and 19 (file format write/read version) are 2 in WAL mode.
_WAL_HEADER_OFFSET = 18


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    for code in ("\\040", "\\011", "\\012", "\\134"):
        field = field.replace(code, chr(int(code[1:], 8)))
    return field


def filesystem_type(path: Path, mounts: str | None = None) -> str:
    """The type of the file system `path` is on: the longest mount point containing it.
    `mounts` is the text of /proc/mounts (read when not given); "" when unknown."""
    if mounts is None:
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
    target = os.path.realpath(path)
    best, kind = -1, ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape_mount(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > best:
            best, kind = len(point), fields[2]
    return kind


def refuse_network_filesystem(path: Path, mounts: str | None = None) -> None:
    """DatabaseError when the desk's folder is on a network file system."""
    folder = path.parent if not path.is_dir() else path
    kind = filesystem_type(folder, mounts)
    if kind in NETWORK_FILESYSTEMS:
        raise DatabaseError(
            f"{path} is on a network file system ({kind}), where SQLite's WAL is unsafe: "
            "run factcheck on the machine that holds the file (over SSH many checkers share "
            "one desk safely)"
        )


def in_wal_mode(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            handle.seek(_WAL_HEADER_OFFSET)
            versions = handle.read(2)
    except OSError:
        return False
    return versions == b"\x02\x02"


def companions(path: Path) -> tuple[Path, Path]:
    """The desk's `-wal` and `-shm` files."""
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def reader_reads_in_place(path: Path) -> bool:
    """Whether a reader who may not write can open the file itself without creating
    anything beside it: a rollback-journal file, or a WAL file whose owner has it open."""
    if not in_wal_mode(path):
        return True
    wal, shm = companions(path)
    return wal.exists() and shm.exists()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A private copy of a desk for a reader; `remove()` deletes it."""

    path: Path
    folder: Path

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def take_snapshot(path: Path) -> Snapshot:
    """Copy the desk (and a `-wal` a crash left) into a private temporary folder, retrying
    while the owner changes it during the copy; DatabaseError if it will not hold still."""
    wal, _ = companions(path)
    for _attempt in range(SNAPSHOT_ATTEMPTS):
        before = (_stamp(path), _stamp(wal))
        folder = Path(tempfile.mkdtemp(prefix="factcheck-reader-"))
        copy = folder / path.name
        try:
            shutil.copyfile(path, copy)
            if before[1] is not None:
                shutil.copyfile(wal, Path(f"{copy}-wal"))
        except FileNotFoundError:
            shutil.rmtree(folder, ignore_errors=True)
            continue
        except OSError as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise DatabaseError(f"cannot read {path}: {error.strerror or error}") from None
        if (_stamp(path), _stamp(wal)) == before:
            return Snapshot(copy, folder)
        shutil.rmtree(folder, ignore_errors=True)
    raise DatabaseError(f"{path} kept changing while it was read; try again")
