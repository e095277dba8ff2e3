"""The index stays complete and cheap: writes during a rebuild survive the swap, saves that change nothing
commit nothing, batched writes commit once, and a page of results reads only the hits it needs."""

import multiprocessing

import pytest
from modelsearch.backends import get_search_backend
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend as wagtail_backend
from whoosh import index as whoosh_index
from whoosh.query import Term

from content.models import PolicyAnswerPage
from search.backends.whoosh.index import IndexStore

WRITES_DURING_REBUILD = 30
BUILD_DOCS = 200


def doc(doc_id, text="标题"):
    return {"id": doc_id, "ct": "test.doc", "pk": doc_id, "t_title": f"{text} {doc_id}"}


def generation(store):
    """The number of commits made to the live index."""
    return whoosh_index.open_dir(str(store.current.resolve())).latest_generation()


def rebuild(path, started, writes_done):
    """A rebuild that keeps its writer open until the other process has written."""
    backend = get_search_backend("search.backends.whoosh", PATH=str(path))
    from search.backends.whoosh.index import WhooshRebuilder

    rebuilder = WhooshRebuilder(backend.get_index_for_model(Page))
    index = rebuilder.start()
    for number in range(BUILD_DOCS):
        index.writer.add_document(**doc(f"test.doc:built-{number}"))
    started.set()
    assert writes_done.wait(120)
    rebuilder.finish()


def publish(path, started, writes_done):
    store = IndexStore(path, lock_timeout=120)
    assert started.wait(120)
    for number in range(WRITES_DURING_REBUILD):
        store.write(docs=[doc(f"test.doc:published-{number}")])
    store.write(deletes=["test.doc:old-0"])
    writes_done.set()


@pytest.mark.django_db
def test_writes_made_while_a_rebuild_runs_are_in_the_index_it_swaps_in(tmp_path):
    store = IndexStore(tmp_path)
    store.write(docs=[doc("test.doc:old-0"), doc("test.doc:old-1")])
    context = multiprocessing.get_context("fork")
    started, writes_done = context.Event(), context.Event()
    processes = [
        context.Process(target=rebuild, args=(tmp_path, started, writes_done)),
        context.Process(target=publish, args=(tmp_path, started, writes_done)),
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(180)
        assert process.exitcode == 0

    searcher = IndexStore(tmp_path).searcher()
    missing = [
        n for n in range(WRITES_DURING_REBUILD) if searcher.document(id=f"test.doc:published-{n}") is None
    ]
    assert not missing
    assert searcher.document(id="test.doc:built-0") is not None
    # Deleted while the rebuild ran, so gone from the new index too.
    assert searcher.document(id="test.doc:old-0") is None
    assert searcher.doc_count() == BUILD_DOCS + WRITES_DURING_REBUILD


def test_the_journal_of_a_crashed_rebuild_is_not_written_to(tmp_path):
    store = IndexStore(tmp_path)
    folder, ix = store.new_build()
    ix.close()
    (folder / "journal.jsonl").touch()  # no rebuilder holds its "alive" lock
    store.write(docs=[doc("test.doc:a")])
    assert (folder / "journal.jsonl").read_text() == ""
    assert store.searcher().document(id="test.doc:a") is not None


def test_saving_an_unchanged_document_commits_nothing(tmp_path):
    store = IndexStore(tmp_path)
    store.write(docs=[doc("test.doc:a")])
    before = generation(store)
    store.write(docs=[doc("test.doc:a")])
    assert generation(store) == before
    store.write(docs=[doc("test.doc:a", text="新标题")])
    assert generation(store) == before + 1
    assert [hit["id"] for hit in store.searcher().search(Term("t_title", "新"))] == ["test.doc:a"]


def test_a_batch_commits_once_at_its_end_and_the_last_write_wins(tmp_path):
    store = IndexStore(tmp_path)
    store.write(docs=[doc("test.doc:gone")])
    before = generation(store)
    with store.batch():
        for number in range(20):
            store.write(docs=[doc(f"test.doc:{number}")])
        store.write(deletes=["test.doc:gone", "test.doc:3"])
        store.write(docs=[doc("test.doc:3")])
        assert store.searcher().doc_count() == 1  # nothing committed yet
    searcher = store.searcher()
    assert generation(store) == before + 1
    assert searcher.doc_count() == 20
    assert searcher.document(id="test.doc:gone") is None


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["还款", "信用卡 逾期", "征信"])
def test_a_page_of_filtered_results_matches_the_full_ranking(query):
    answers = PolicyAnswerPage.objects.live().filter(locale=Locale.objects.get(language_code="zh-hans"))
    allowed = set(answers.values_list("pk", flat=True))
    # Every hit, filtered afterwards: what each slice must be a window of.
    backend = wagtail_backend()
    ranking = backend.ranking(answers.search(query).query_compiler)
    hits = zip(ranking.pks(0, len(ranking)), ranking.scores(0, len(ranking)), strict=True)
    kept = [(int(pk), score) for pk, score in hits if int(pk) in allowed]
    assert kept, "the query should find some answers"
    # The relevance floor is a share of the best result the filters let through.
    cutoff = kept[0][1] * backend.options.relative_score_floor
    expected = [pk for pk, score in kept if score >= cutoff]
    for start, stop in [(0, 1), (0, 5), (2, 7), (0, 100)]:
        assert [page.pk for page in answers.search(query)[start:stop]] == expected[start:stop]
        assert answers.search(query)[start:stop].count() == len(expected[start:stop])
    assert answers.search(query).count() == len(expected)


@pytest.mark.django_db
def test_an_imported_batch_of_answers_is_searchable_once_the_import_returns():
    from content.faq_import import import_faq

    lines = [
        f'{{"id": "batch-{n}", "question": "批量导入检查 zqbatch{n} 怎么办", "answer": "检查用的回答。", '
        f'"category": "negotiation", "tags": [], "lang": "zh-hans"}}'
        for n in range(5)
    ]
    stats = import_faq(lines)
    assert stats.created == 5
    for n in range(5):
        titles = [page.title for page in PolicyAnswerPage.objects.live().search(f"zqbatch{n}")]
        assert titles == [f"批量导入检查 zqbatch{n} 怎么办"]


@pytest.mark.django_db
def test_a_question_asked_again_is_not_searched_again_until_the_index_changes(monkeypatch):
    from search.backends.whoosh.backend import WhooshSearchBackend

    searched = []
    real_rank = WhooshSearchBackend._rank
    monkeypatch.setattr(
        WhooshSearchBackend, "_rank", lambda self, *args: searched.append(1) or real_rank(self, *args)
    )
    answers = PolicyAnswerPage.objects.live()
    first = [page.pk for page in answers.search("协商还款")[:10]]
    again = [page.pk for page in answers.search("协商还款")[:10]]
    assert first and again == first
    assert len(searched) == 1
    # A filter narrows the remembered ranking; it is not a different question.
    zh = answers.filter(locale=Locale.objects.get(language_code="zh-hans"))
    assert [page.pk for page in zh.search("协商还款")[:10]]
    assert len(searched) == 1
    answers.search("征信")[:10].count()
    assert len(searched) == 2

    # Another process (here: another store on the same folder) takes the best answer out of the index: the
    # next ask sees the change, although nothing in this process wrote.
    other = IndexStore(wagtail_backend().store.root)
    other.write(deletes=[f"wagtailcore.page:{first[0]}"])
    assert first[0] not in [page.pk for page in answers.search("协商还款")[:10]]
    assert len(searched) == 3
