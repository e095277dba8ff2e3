"""On PostgreSQL, with real concurrent transactions: of 20 simultaneous claims of one request exactly one
wins, and 20 simultaneous submissions of one draft make exactly one request. (SQLite serialises writers, so
these run on PostgreSQL only, which CI provides.)"""

import threading

import pytest
from django.db import connection, connections

from portal.assessment import submission
from portal.assessment.models import Assessment
from portal.negotiation import workflow
from portal.negotiation.models import NegotiationRequest
from tests.assessment.test_calculation import answers
from tests.helpers import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
]
RACERS = 20


def race(work):
    """Runs `work(i)` in RACERS threads released at once; returns their outcomes."""
    barrier, outcomes = threading.Barrier(RACERS), [None] * RACERS

    def run(i):
        try:
            barrier.wait()
            outcomes[i] = work(i)
        except Exception as error:  # noqa: BLE001 - every outcome is counted below
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def draft_of(user):
    return Assessment.objects.create(user=user, answers=answers())


def test_twenty_simultaneous_submissions_make_one_request():
    user = make_user(email="racer@example.com")
    draft = draft_of(user)
    outcomes = race(lambda i: submission.submit(draft, user, "consent"))
    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
    assert sum(1 for _, created in outcomes if created) == 1
    assert NegotiationRequest.objects.filter(assessment=draft).count() == 1
    assert len({made.pk for made, _ in outcomes}) == 1


def test_twenty_simultaneous_claims_leave_one_holder():
    borrower = make_user(email="borrower-race@example.com")
    made, _ = submission.submit(draft_of(borrower), borrower, "consent")
    workers = [make_user(email=f"worker{i}@example.com") for i in range(RACERS)]
    outcomes = race(lambda i: workflow.claim(made, workers[i]))
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, workflow.NotAllowed)]
    assert len(winners) == 1 and len(refused) == RACERS - 1, outcomes
    made.refresh_from_db()
    assert made.assignee == winners[0].actor
    assert made.events.filter(kind="claimed").count() == 1
