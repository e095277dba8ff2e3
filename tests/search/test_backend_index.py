"""The index folder under load: concurrent writers lose nothing and a rebuild swaps in atomically."""

import multiprocessing
import os

import pytest
from modelsearch.query import MATCH_ALL
from whoosh import index as whoosh_index
from whoosh.query import Term

from search.backends.whoosh.index import IndexStore, WhooshRebuilder
from search.backends.whoosh.locking import WriteLockTimeout, write_lock

WRITERS = 4
DOCS_PER_WRITER = 25


def write_documents(path, writer_number):
    store = IndexStore(path, lock_timeout=120)
    for number in range(DOCS_PER_WRITER):
        doc_id = f"test.doc:{writer_number}-{number}"
        store.write(docs=[{"id": doc_id, "ct": "test.doc", "pk": doc_id, "t_title": f"标题 {doc_id}"}])


def test_concurrent_writer_processes_lose_no_document(tmp_path):
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=write_documents, args=(tmp_path, n)) for n in range(WRITERS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(180)
        assert process.exitcode == 0
    searcher = IndexStore(tmp_path).searcher()
    assert searcher.doc_count() == WRITERS * DOCS_PER_WRITER
    for n in range(WRITERS):
        for number in range(DOCS_PER_WRITER):
            assert searcher.document(id=f"test.doc:{n}-{number}") is not None


def test_the_write_lock_times_out_instead_of_failing_at_once(tmp_path):
    lock = tmp_path / "write.lock"
    with write_lock(lock, timeout=1):
        pid = os.fork()
        if pid == 0:  # a second process
            try:
                with write_lock(lock, timeout=0.2):
                    os._exit(1)
            except WriteLockTimeout:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


@pytest.mark.django_db
def test_a_rebuild_is_invisible_until_it_is_swapped_in(tmp_path):
    from modelsearch.backends import get_search_backend
    from wagtail.models import Page

    backend = get_search_backend("search.backends.whoosh", PATH=str(tmp_path))
    backend.add(Page.objects.get(depth=1))
    before = os.readlink(tmp_path / "current")

    rebuilder = WhooshRebuilder(backend.get_index_for_model(Page))
    index = rebuilder.start()
    index.add_items(Page, list(Page.objects.all()[:5]))
    # Readers still see the old index, with its single document, while the new one is being built.
    assert os.readlink(tmp_path / "current") == before
    assert backend.store.searcher().doc_count() == 1
    rebuilder.finish()

    after = os.readlink(tmp_path / "current")
    assert after != before
    assert backend.store.searcher().doc_count() == 5
    assert len(list(backend.search(MATCH_ALL, Page.objects.all()))) == 5
    # The index folder kept: the live one and the one before it (readers may still have it open).
    assert {p.name for p in tmp_path.iterdir() if p.name.startswith("index-")} == {before, after}
    assert whoosh_index.open_dir(str(tmp_path / after)).searcher().search(Term("ct", "wagtailcore.page"))
