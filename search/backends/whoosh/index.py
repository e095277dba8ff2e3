"""The index on disk: folder layout, writers behind a cross-process lock, searchers that follow changes.

PATH/current      symlink to the live index folder (replaced atomically with os.replace)
PATH/index-*      index folders; the live one and the one before it are kept for readers still open
PATH/building-*   an index being rebuilt; renamed to index-* just before it is swapped in
PATH/write.lock   the fcntl lock every writer holds
"""

import os
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path

from modelsearch.backends.base import BaseIndex
from modelsearch.index import class_is_indexed
from whoosh import index as whoosh_index
from whoosh.writing import MERGE_SMALL, NO_MERGE

from .locking import write_lock
from .schema import build_schema, document_id, make_document

STALE_BUILD_SECONDS = 24 * 3600
MERGE_AT_SEGMENTS = 12


def merge_when_many(writer, segments):
    """Merge policy of small incremental writes: leave segments alone until there are many. Merging on every
    commit (Whoosh's default) made each page publish cost half a second."""
    if len(segments) < MERGE_AT_SEGMENTS:
        return NO_MERGE(writer, segments)
    return MERGE_SMALL(writer, segments)


class IndexStore:
    """One index folder tree shared by every process that points PATH at it."""

    def __init__(self, root, lock_timeout=60.0, weighting=None):
        self.root = Path(root)
        self.weighting = weighting
        self.current = self.root / "current"
        self.lock_path = self.root / "write.lock"
        self.lock_timeout = lock_timeout
        self._searcher = None
        self._searcher_target = None
        self._searcher_lock = threading.Lock()

    # ---- layout ----

    def _new_folder(self, prefix):
        self.root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.root))

    def ensure(self):
        if not self.current.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            with write_lock(self.lock_path, self.lock_timeout):
                if not self.current.exists():
                    folder = self._new_folder("index-")
                    whoosh_index.create_in(str(folder), build_schema())
                    self._point_current_at(folder)

    def _point_current_at(self, folder):
        """Swaps the live index; the caller holds the write lock."""
        previous = os.readlink(self.current) if self.current.is_symlink() else None
        link = self.root / f".current-{uuid.uuid4().hex}"
        os.symlink(folder.name, link)
        os.replace(link, self.current)
        self._clean_up(keep={folder.name, previous})

    def _clean_up(self, keep):
        now = time.time()
        for child in self.root.iterdir():
            old_index = child.name.startswith("index-") and child.name not in keep
            abandoned_build = (
                child.name.startswith("building-") and now - child.stat().st_mtime > STALE_BUILD_SECONDS
            )
            if old_index or abandoned_build:
                shutil.rmtree(child, ignore_errors=True)

    def new_build(self):
        """A fresh, empty index folder for a rebuild, and a writer into it."""
        folder = self._new_folder("building-")
        ix = whoosh_index.create_in(str(folder), build_schema())
        return folder, ix

    def publish(self, building):
        """Renames a finished build to index-* and makes it the live index."""
        with write_lock(self.lock_path, self.lock_timeout):
            folder = building.with_name("index-" + building.name.removeprefix("building-"))
            os.rename(building, folder)
            self._point_current_at(folder)

    def reset(self):
        folder, ix = self.new_build()
        ix.close()
        self.publish(folder)

    # ---- writing and reading ----

    def write(self, change):
        """Runs ``change(writer)`` and commits under the write lock: one writer at a time across processes."""
        self.ensure()
        with write_lock(self.lock_path, self.lock_timeout):
            ix = whoosh_index.open_dir(str(self.current.resolve()))
            try:
                writer = ix.writer()
                try:
                    change(writer)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit(mergetype=merge_when_many)
            finally:
                ix.close()

    def _searcher_options(self):
        return {"weighting": self.weighting} if self.weighting is not None else {}

    def searcher(self):
        """A searcher on the live index, reopened when another process swapped it or committed to it."""
        self.ensure()
        with self._searcher_lock:
            target = os.readlink(self.current)
            searcher = self._searcher
            if searcher is None or target != self._searcher_target or not searcher.up_to_date():
                # A new searcher rather than refresh(): refresh() closes the old reader, which another thread
                # may still be reading; the old one is closed when the last reference goes.
                ix = whoosh_index.open_dir(str(self.root / target))
                searcher = ix.searcher(**self._searcher_options())
            self._searcher, self._searcher_target = searcher, target
            return searcher


class WhooshIndex(BaseIndex):
    """Adds and deletes documents; during a rebuild it writes into the new folder's single writer."""

    def __init__(self, backend, writer=None):
        super().__init__(backend)
        self.store = backend.store
        self.writer = writer

    def get_key(self):
        return str(self.store.root)

    def __str__(self):
        return str(self.store.root)

    def reset(self):
        self.store.reset()

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        with_pinyin = self.backend.options.pinyin
        docs = [make_document(item, with_pinyin) for item in items]
        if not docs:
            return
        if self.writer is not None:
            for doc in docs:
                self.writer.add_document(**doc)
            return

        def change(writer):
            for doc in docs:
                writer.update_document(**doc)

        self.store.write(change)

    def delete_item(self, item):
        doc_id = document_id(item)
        self.store.write(lambda writer: writer.delete_by_term("id", doc_id))


class WhooshRebuilder:
    """Builds a complete new index in its own folder and swaps it in when done: searches keep using the old
    index meanwhile and never see a half-built one."""

    def __init__(self, index):
        self.index = index

    def start(self):
        backend = self.index.backend
        self.folder, self.ix = backend.store.new_build()
        self.writer = self.ix.writer(limitmb=backend.options.writer_limitmb)
        return WhooshIndex(backend, writer=self.writer)

    def finish(self):
        self.writer.commit()
        self.ix.close()
        self.index.backend.store.publish(self.folder)
