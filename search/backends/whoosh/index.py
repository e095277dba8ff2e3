"""The index on disk: folder layout, writers behind a cross-process lock, searchers that follow changes.

PATH/current      symlink to the live index folder (replaced atomically with os.replace)
PATH/index-*      index folders; the live one and the one before it are kept for readers still open
PATH/building-*   an index being rebuilt; renamed to index-* just before it is swapped in
PATH/write.lock   the fcntl lock every writer holds

Writes that arrive while a rebuild runs go to the live index and are also appended to the build's journal
(``building-*/journal.jsonl``); the rebuilder replays the journal under the write lock just before the swap,
so nothing published during ``update_index`` is lost. A build is alive while its rebuilder holds a shared
lock on ``building-*/alive``: the journal of a crashed rebuild is not written to.
"""

import collections
import contextlib
import fcntl
import json
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
from .schema import DIGEST_FIELD, build_schema, digest, document_id, make_document

# Per thread, {index root: pending writes} of an open batch(). Module-level because modelsearch makes a new
# backend (and store) object for every get_search_backend() call: the importer's and the signal handlers'.
_batches = threading.local()

# What a live searcher remembers (IndexStore.remembered), in pools with their own budgets, so that large
# values cannot push small ones out: a ranking is a list of up to max_hits (score, document) pairs of about
# 110 bytes each, counted in hits (near 20 MB a worker); a whole answer of the search API is counted as one.
REMEMBERED = {"rankings": 200_000, "answers": 5_000}
_stores = {}
_stores_lock = threading.Lock()

STALE_BUILD_SECONDS = 24 * 3600
MERGE_AT_SEGMENTS = 12
JOURNAL = "journal.jsonl"
ALIVE = "alive"


def merge_when_many(writer, segments):
    """Merge policy of small incremental writes: leave segments alone until there are many. Merging on every
    commit (Whoosh's default) made each page publish cost half a second."""
    if len(segments) < MERGE_AT_SEGMENTS:
        return NO_MERGE(writer, segments)
    return MERGE_SMALL(writer, segments)


@contextlib.contextmanager
def _writer(folder, mergetype):
    """A writer on the index in ``folder``: committed with ``mergetype`` at the end of the block, cancelled if
    the block raises."""
    ix = whoosh_index.open_dir(str(folder))
    try:
        with ix.writer() as writer:
            writer.mergetype = mergetype
            yield writer
    finally:
        ix.close()


def _build_is_alive(folder):
    """True while a rebuilder holds its shared lock on the folder's ``alive`` file."""
    try:
        fd = os.open(folder / ALIVE, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


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
        self._forget_all()

    @classmethod
    def shared(cls, root, lock_timeout=60.0, weighting=None, weighting_key=None):
        """The process's one store for ``root``: modelsearch makes a backend object per
        ``get_search_backend()`` call, and a store per backend reopened the index (and forgot what its
        searcher had read) on every search."""
        given = (str(root), lock_timeout, weighting_key)
        store = _stores.get(given)  # the folder as configured: resolving it costs more than a search here
        if store is not None:
            return store
        key = (str(Path(root).resolve()), lock_timeout, weighting_key)
        with _stores_lock:
            store = _stores.get(key)
            if store is None:
                store = _stores[key] = cls(root, lock_timeout, weighting)
            _stores[given] = store
            return store

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
                child.name.startswith("building-")
                and now - child.stat().st_mtime > STALE_BUILD_SECONDS
                and not _build_is_alive(child)
            )
            if old_index or abandoned_build:
                shutil.rmtree(child, ignore_errors=True)

    def new_build(self):
        """A fresh, empty index folder for a rebuild, and a writer into it."""
        folder = self._new_folder("building-")
        ix = whoosh_index.create_in(str(folder), build_schema())
        return folder, ix

    def publish(self, building, journal=False):
        """Renames a finished build to index-* and makes it the live index; with ``journal``, first applies
        the writes other processes made while it was being built."""
        with write_lock(self.lock_path, self.lock_timeout):
            if journal:
                self._replay_journal(building)
            folder = building.with_name("index-" + building.name.removeprefix("building-"))
            os.rename(building, folder)
            self._point_current_at(folder)

    def reset(self):
        folder, ix = self.new_build()
        ix.close()
        self.publish(folder)

    # ---- the journal of a build in progress ----

    def _live_builds(self):
        if not self.root.exists():
            return []
        return [
            child
            for child in self.root.iterdir()
            if child.name.startswith("building-") and (child / JOURNAL).exists() and _build_is_alive(child)
        ]

    def _journal(self, docs, deletes):
        """Appends the writes to every live build's journal; the caller holds the write lock."""
        builds = self._live_builds()
        if not builds:
            return
        lines = "".join(
            [json.dumps({"update": doc}, ensure_ascii=False) + "\n" for doc in docs]
            + [json.dumps({"delete": doc_id}) + "\n" for doc_id in deletes]
        )
        for folder in builds:
            with (folder / JOURNAL).open("a", encoding="utf-8") as journal:
                journal.write(lines)

    def _replay_journal(self, building):
        path = building / JOURNAL
        if not path.exists():
            return
        ops = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        if ops:
            with _writer(building, NO_MERGE) as writer:
                for op in ops:
                    if "update" in op:
                        writer.update_document(**op["update"])
                    else:
                        writer.delete_by_term("id", op["delete"])
        path.unlink()

    # ---- writing and reading ----

    @contextlib.contextmanager
    def batch(self):
        """Collects this thread's writes inside the block and commits them once at its end (the last write of
        a document wins): a bulk import costs one commit instead of one per saved page."""
        batches = _batches.__dict__.setdefault("open", {})
        key = str(self.root.resolve())
        if key in batches:  # nested: the outermost block commits
            yield
            return
        batches[key] = {}
        try:
            yield
        finally:
            pending = batches.pop(key)
            docs = [op for op in pending.values() if isinstance(op, dict)]
            deletes = [doc_id for doc_id, op in pending.items() if op is None]
            if docs or deletes:
                self._commit(docs, deletes)

    def write(self, docs=(), deletes=()):
        """Adds or replaces ``docs`` and deletes the documents with the ids ``deletes``, committed under the
        write lock (one writer at a time across processes), or at the end of this thread's ``batch()``."""
        pending = _batches.__dict__.get("open", {}).get(str(self.root.resolve()))
        if pending is not None:
            for doc in docs:
                pending[doc["id"]] = doc
            for doc_id in deletes:
                pending[doc_id] = None
            return
        self._commit(list(docs), list(deletes))

    def _commit(self, docs, deletes):
        self.ensure()
        with write_lock(self.lock_path, self.lock_timeout):
            searcher = self.searcher()
            has_digest = DIGEST_FIELD in searcher.schema
            if has_digest:
                docs = [{**doc, DIGEST_FIELD: doc.get(DIGEST_FIELD) or digest(doc)} for doc in docs]
            self._journal(docs, deletes)
            if has_digest:
                docs = self._changed(searcher, docs)
            if not docs and not deletes:
                return
            with _writer(self.current.resolve(), merge_when_many) as writer:
                for doc in docs:
                    writer.update_document(**doc)
                for doc_id in deletes:
                    writer.delete_by_term("id", doc_id)

    @staticmethod
    def _changed(searcher, docs):
        """The documents whose content differs from what the live index (``searcher``) holds for their id."""
        changed = []
        for doc in docs:
            stored = searcher.document(id=doc["id"])
            if stored is None or stored.get(DIGEST_FIELD) != doc[DIGEST_FIELD]:
                changed.append(doc)
        return changed

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
                self._forget_all()
            self._searcher, self._searcher_target = searcher, target
            return searcher

    def _forget_all(self):
        self._pools = {pool: [collections.OrderedDict(), 0] for pool in REMEMBERED}

    def remembered(self, searcher, key, compute, size=None, pool="rankings"):
        """``compute()``'s value for ``key`` on this searcher, computed once while the searcher is the live
        one: when the index changes (a commit here or in another process, a swap), ``searcher()`` opens a
        new searcher and everything remembered is forgotten, so a remembered ranking is never staler than
        a fresh one would be. ``size`` is what the value counts against its pool's budget in REMEMBERED
        (its length by default); the least recently used values go first."""
        with self._searcher_lock:
            values = self._pools[pool][0]
            if searcher is self._searcher and key in values:
                values.move_to_end(key)
                return values[key][0]
        value = compute()
        size = max(len(value) if size is None else size, 1)
        with self._searcher_lock:
            entry = self._pools[pool]
            values, budget = entry[0], REMEMBERED[pool]
            if searcher is self._searcher and key not in values and size <= budget:
                values[key] = (value, size)
                entry[1] += size
                while entry[1] > budget:
                    _key, (_value, forgotten) = values.popitem(last=False)
                    entry[1] -= forgotten
        return value


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
                self.writer.add_document(**doc, **{DIGEST_FIELD: digest(doc)})
            return
        self.store.write(docs=docs)

    def delete_item(self, item):
        self.store.write(deletes=[document_id(item)])


class WhooshRebuilder:
    """Builds a complete new index in its own folder and swaps it in when done: searches keep using the old
    index meanwhile and never see a half-built one, and writes made meanwhile are replayed into it."""

    def __init__(self, index):
        self.index = index

    def start(self):
        backend = self.index.backend
        store = backend.store
        self.folder, self.ix = store.new_build()
        # Held (shared) until the swap: writers journal into this build only while it is held.
        self._alive = os.open(self.folder / ALIVE, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self._alive, fcntl.LOCK_SH)
        # Created under the write lock, so a write is either already in the live index the build is read
        # after, or journalled.
        with write_lock(store.lock_path, store.lock_timeout):
            (self.folder / JOURNAL).touch()
        options = backend.options
        writer_args = {"limitmb": options.writer_limitmb}
        if options.writer_procs > 1:
            writer_args.update(procs=options.writer_procs, multisegment=True)
        self.writer = self.ix.writer(**writer_args)
        return WhooshIndex(backend, writer=self.writer)

    def finish(self):
        try:
            self.writer.commit()
            self.ix.close()
            self.index.backend.store.publish(self.folder, journal=True)
        finally:
            os.close(self._alive)
