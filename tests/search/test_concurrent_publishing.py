"""Two gunicorn workers publish pages at the same time for a minute while borrowers search: nothing is lost.

Real processes, the real index folder, the real database: moderators publish draft FAQ answers through the
Wagtail admin's bulk action, one page per request, from two clients whose requests the two workers share.
Meanwhile a third client searches. Afterwards every published answer is found through the search API.
"""

import os
import re
import threading
import time
from urllib.parse import quote

import pytest
import requests
from django.urls import reverse
from wagtail.models import Locale

from content.models import PolicyAnswerPage, PolicyCategory, PolicyIndexPage
from tests.helpers import DEMO_PASSWORD
from tests.servers import gunicorn as start_gunicorn

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLISH_SECONDS = float(os.environ.get("CONCURRENT_PUBLISH_SECONDS", "60"))
DRAFTS = 500
TIMINGS = []
ALPHABET = "bcdfghjkmnpqrstvwxz"


def marker(number):
    """A word no other page contains (consonants only, so English stemming leaves it whole)."""
    letters = ""
    for _ in range(4):
        number, digit = divmod(number, len(ALPHABET))
        letters += ALPHABET[digit]
    return f"zq{letters}"


@pytest.fixture
def gunicorn(tmp_path):
    # The check at the end asks the API once per published page, all from 127.0.0.1. Each worker's own
    # local-memory cache is not shared, so the page tree cache stays off here, as production runs it without
    # Redis.
    with start_gunicorn(
        tmp_path / "gunicorn.log", SEARCH_API_REQUESTS_PER_MINUTE="1000000", PAGE_TREE_CACHE_ENABLED="0"
    ) as base_url:
        yield base_url


def draft_answers():
    locale = Locale.objects.get(language_code="zh-hans")
    index = PolicyIndexPage.objects.get(locale=locale)
    category = PolicyCategory.objects.get(locale=locale, slug="negotiation")
    drafts = []
    for number in range(DRAFTS):
        page = PolicyAnswerPage(
            title=f"并发发布检查 {marker(number)}",
            slug=f"concurrent-{number}",
            short_answer=f"第 {number} 条检查用的回答。",
            body=[("paragraph", f"<p>检查 {marker(number)}</p>")],
            category=category,
            last_reviewed="2026-11-29",
            live=False,
        )
        index.add_child(instance=page)
        page.save_revision()
        drafts.append(page.pk)
    return drafts


def logged_in_session(base_url):
    session = requests.Session()
    login_url = f"{base_url}{reverse('account_login')}"
    form = session.get(login_url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = session.post(
        login_url,
        data={"login": "moderator@example.com", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": login_url},
        timeout=30,
    )
    assert response.ok and "sessionid" in session.cookies, response.text[:500]
    return session


def publisher(base_url, queue, published, failures, deadline):
    session = logged_in_session(base_url)
    action_url = f"{base_url}{reverse('wagtail_bulk_action', args=('wagtailcore', 'page', 'publish'))}"
    while time.monotonic() < deadline:
        try:
            page_id = queue.pop()
        except IndexError:
            return
        url = f"{action_url}?id={page_id}&next=/admin/"
        confirm = session.get(url, timeout=60)
        if confirm.status_code != 200:
            failures.append((page_id, "confirm", confirm.status_code, confirm.text[:300]))
            continue
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.text)
        started = time.monotonic()
        response = session.post(
            url,
            data={"csrfmiddlewaretoken": token and token.group(1)},
            headers={"Referer": url},
            timeout=60,
            allow_redirects=False,
        )
        TIMINGS.append(time.monotonic() - started)
        if response.status_code == 302 and response.headers["Location"] == "/admin/":
            published.append(page_id)
        else:
            failures.append((page_id, "publish", response.status_code, response.text[:300]))


def searcher(base_url, statuses, deadline):
    session = requests.Session()
    number = 0
    while time.monotonic() < deadline:
        number += 1
        response = session.get(
            f"{base_url}/api/search/?q={quote('并发发布检查 ' + marker(number % DRAFTS))}&limit=5", timeout=60
        )
        statuses.append(response.status_code)


def test_two_workers_publishing_for_a_minute_lose_nothing(gunicorn):
    drafts = draft_answers()
    queue, published, failures, statuses = list(reversed(drafts)), [], [], []
    deadline = time.monotonic() + PUBLISH_SECONDS
    threads = [
        threading.Thread(target=publisher, args=(gunicorn, queue, published, failures, deadline))
        for _ in range(2)
    ]
    threads.append(threading.Thread(target=searcher, args=(gunicorn, statuses, deadline)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print("publish seconds: median", sorted(TIMINGS)[len(TIMINGS) // 2], "max", max(TIMINGS), len(TIMINGS))
    assert not failures, failures[:5]
    assert len(published) >= 20, "too few pages were published to prove anything"
    assert statuses and set(statuses) == {200}
    live_ids = set(PolicyAnswerPage.objects.filter(pk__in=published, live=True).values_list("pk", flat=True))
    assert live_ids == set(published)

    session = requests.Session()
    missing = []
    for page_id in published:
        word = marker(drafts.index(page_id))
        response = session.get(
            f"{gunicorn}/api/search/", params={"q": word, "type": "faq", "limit": 10}, timeout=60
        )
        titles = [result["title"] for result in response.json()["results"]]
        if f"并发发布检查 {word}" not in titles:
            missing.append(word)
    assert not missing, f"{len(missing)} of {len(published)} published pages not found: {missing[:10]}"
    # Drafts that were never published stay out of borrowers' results.
    unpublished = [number for number, page_id in enumerate(drafts) if page_id not in set(published)]
    if unpublished:
        word = marker(unpublished[0])
        response = session.get(f"{gunicorn}/api/search/", params={"q": word, "type": "faq"}, timeout=60)
        assert f"并发发布检查 {word}" not in [result["title"] for result in response.json()["results"]]
