"""The one private folder where the doelgroepregister keeps files while it works on them.

An extract (plaintext BSNs) is copied here to be parsed, and a bulk-check list is written here
to be read; nothing else lives in ``DOELGROEPREGISTER_WORK_DIR`` (mode 0700). Every user of it
removes its own folder when done; a worker that is killed cannot, so the import sweep removes an
import's folder when it takes the import over, and anything older than
``DOELGROEPREGISTER_WORK_MAX_AGE`` (longer than any import may run).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


def work_root() -> Path:
    root = Path(settings.DOELGROEPREGISTER_WORK_DIR)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def import_workdir_discard(*, import_id: int) -> None:
    """Remove what an earlier (perhaps killed) run of this import left behind."""
    shutil.rmtree(work_root() / f"import-{import_id}", ignore_errors=True)


@contextmanager
def import_workdir(*, import_id: int) -> Iterator[Path]:
    """A fresh folder for one run of an import, removed afterwards whatever happens."""
    import_workdir_discard(import_id=import_id)
    path = work_root() / f"import-{import_id}"
    path.mkdir(mode=0o700)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def bulk_workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(dir=work_root(), prefix="bulk-") as path:
        yield Path(path)


def work_files_purge(*, older_than_seconds: int) -> int:
    """Remove entries of the work folder not touched for ``older_than_seconds``; how many."""
    cutoff = time.time() - older_than_seconds
    removed = 0
    for entry in work_root().iterdir():
        try:
            if _newest_change(entry) >= cutoff:
                continue
        except FileNotFoundError:  # removed meanwhile by its owner
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed += 1
    return removed


def _newest_change(entry: Path) -> float:
    times = [entry.lstat().st_mtime]
    if entry.is_dir() and not entry.is_symlink():
        times += [p.lstat().st_mtime for p in entry.rglob("*")]
    return max(times)
