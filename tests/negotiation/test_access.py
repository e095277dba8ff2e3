"""Nobody but the borrower and the negotiation team reaches a request: every request, file, message, offer,
check-in and export URL (found by walking the URL configuration, so a URL added later is walked too) answers
another borrower, an editor and a signed-out visitor with a 404, by GET and by POST, and changes nothing."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from portal.negotiation.models import CheckIn, Offer
from tests.helpers import demo_user, make_user, team_login
from tests.negotiation.test_evidence import PAYSLIP, post, private_files, upload  # noqa: F401 - a fixture
from tests.negotiation.test_offers import in_review, offer_url, plan  # noqa: F401 - a fixture
from tests.negotiation.test_requests import submitted  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def named_patterns(resolver=None, namespace=""):
    """(full URL name, converter names) of every named pattern, namespaces included."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", tuple(getattr(entry.pattern, "converters", {}))


def personal_urls(made, evidence, offer, check_in):
    """Every URL of a request's data: the borrower's pages and the team's, each with real ids."""

    def pk_for(name):
        if "evidence" in name and name != "negotiation_evidence_add":
            return evidence.pk
        if "offer_accept" in name or "offer_decline" in name:
            return offer.pk
        return made.pk

    urls = []
    for name, converters in named_patterns():
        if not (name.startswith(("negotiation_", "negotiation_requests:")) or name == "account_data_export"):
            continue
        values = {"reference": made.reference, "pk": pk_for(name), "check_in": check_in.pk}
        unknown = set(converters) - set(values)
        assert not unknown, f"{name} takes {unknown}: teach this test which object it points at"
        urls.append(reverse(name, kwargs={key: values[key] for key in converters}))
    return sorted(set(urls))


@pytest.fixture
def case(client, submitted, in_review):  # noqa: F811 - fixtures
    """A request with a file, a message each way, an open offer and a check-in; `client` is its owner."""
    assert post(client, submitted, upload("payslip.pdf", PAYSLIP)).status_code == 302
    client.post(f"/accounts/me/requests/{submitted.reference}/messages/", {"body": "工资单已上传"})
    team = team_login(Client(), demo_user("negotiator@example.com"))
    assert team.post(offer_url(submitted), {**plan(), "make": "1"}).status_code == 302
    check_in = CheckIn.objects.create(request=submitted, due_on=timezone.localdate())
    return submitted, submitted.evidence.get(), submitted.offers.get(), check_in


def counts(made):
    made.refresh_from_db()
    return (
        made.status, made.assignee_id, made.events.count(), made.messages.count(), made.notes.count(),
        made.evidence.count(), list(made.offers.values_list("status", flat=True)),
        list(made.check_ins.values_list("done_at", flat=True)), made.consent_withdrawn_at,
    )  # fmt: skip


def visitor(who):
    other = Client()
    if who == "another borrower":
        other.force_login(make_user(email="someone-else@example.com"))
    elif who in ("editor", "moderator"):
        other.force_login(demo_user(f"{who}@example.com"))
    return other


def test_the_walk_covers_every_kind_of_url(case):
    urls = personal_urls(*case)
    made = case[0]
    for expected in (
        f"/accounts/me/requests/{made.reference}/",
        f"/accounts/me/requests/{made.reference}/evidence/{case[1].pk}/",
        f"/accounts/me/requests/{made.reference}/offers/{case[2].pk}/accept/",
        f"/accounts/me/requests/{made.reference}/consent/withdraw/",
        "/accounts/me/data/",
        "/admin/negotiation_requests/",
        f"/admin/negotiation_requests/inspect/{made.pk}/",
        f"/admin/negotiation/evidence/{case[1].pk}/",
        f"/admin/negotiation/check-in/{made.pk}/{case[3].pk}/done/",
    ):
        assert expected in urls
    assert len(urls) >= 20


@pytest.mark.parametrize("who", ["signed-out visitor", "another borrower", "editor", "moderator"])
def test_everyone_else_gets_a_404_everywhere_and_changes_nothing(case, who):
    made = case[0]
    before = counts(made)
    other = visitor(who)
    for url in personal_urls(*case):
        if url == "/accounts/me/data/" and who != "signed-out visitor":
            continue  # their own export, checked below
        for method in (other.get, other.post):
            response = method(url)
            assert response.status_code == 404, (
                f"{who} {method.__name__.upper()} {url}: {response.status_code}"
            )
    assert counts(made) == before


def test_another_borrowers_export_holds_nothing_of_this_request(case):
    made = case[0]
    response = visitor("another borrower").post("/accounts/me/data/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert response.status_code == 200 and archive.namelist() == ["data.json"]
    assert made.reference.encode() not in everything and "工资单".encode() not in everything


def test_the_owner_and_the_team_do_reach_it(case, client):
    made, evidence, offer, check_in = case
    assert client.get(f"/accounts/me/requests/{made.reference}/").status_code == 200
    assert client.get(f"/accounts/me/requests/{made.reference}/evidence/{evidence.pk}/").status_code == 200
    team = team_login(Client(), demo_user("negotiator@example.com"))
    assert team.get(f"/admin/negotiation_requests/inspect/{made.pk}/").status_code == 200
    assert team.get(f"/admin/negotiation/evidence/{evidence.pk}/").status_code == 200
    assert offer.status == Offer.OPEN
