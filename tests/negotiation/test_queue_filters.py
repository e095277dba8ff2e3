"""The team's queue: each filter narrows the list as a case worker expects, rows whose first reply is late
stand out, the list stays sorted by when a reply is due; a team member assigns a request to another
(recorded, for the team only), never to someone outside the team; the inspect page sums the request up. On
PostgreSQL, an assignment racing claims still leaves one holder."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.negotiation import workflow
from portal.negotiation.models import Creditor, NegotiationRequest, RequestEvent
from tests.helpers import demo_user, make_user, tags, team_login
from tests.negotiation.test_concurrency import RACERS, race
from tests.negotiation.test_requests import submitted  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

QUEUE = "/admin/negotiation_requests/"
EXAMPLES = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FILTERS = ["status", "risk_band", "days_overdue", "lender", "assignee", "unclaimed", "reply_overdue"]
TEXT = st.one_of(
    st.sampled_from(
        ["", "1", "-1", "0", "true", "false", "none", "1-30", "over-90", "jiebei", "99999999999999999"]
    ),
    st.text(max_size=20),
)


def make_request(borrower=None, due_in_hours=10, lenders=(), **fields):
    """A request made directly (no wizard): due `due_in_hours` from now (negative: already late)."""
    borrower = borrower or make_user(email=f"borrower{NegotiationRequest.objects.count()}@example.com")
    made = NegotiationRequest.objects.create(
        borrower=borrower, snapshot={}, consent_text="x", consented_at=timezone.now(),
        first_response_due=timezone.now() + timedelta(hours=due_in_hours), **fields,
    )  # fmt: skip
    for lender in lenders:
        Creditor.objects.create(request=made, lender=lender, balance="1000.00")
    return made


def team_member(email):
    user = make_user(email=email)
    user.groups.add(Group.objects.get(name="Negotiation team"))
    return user


@pytest.fixture
def team():
    return team_login(Client(), demo_user("negotiator@example.com"))


def listed(client, query=""):
    """The display references the queue lists for this query string, in the order shown."""
    page = client.get(f"{QUEUE}?{query}")
    assert page.status_code == 200
    return re.findall(r"\b\d{3}-\d{3}-\d{4}\b", page.content.decode())


def test_risk_band_filter(team):
    behind = make_request(risk_band="behind")
    stretched = make_request(risk_band="stretched")
    assert listed(team, "risk_band=behind") == [behind.display_reference]
    assert set(listed(team, "risk_band=behind&risk_band=stretched")) == {
        behind.display_reference,
        stretched.display_reference,
    }


@pytest.mark.parametrize(
    "choice, inside, outside",
    [
        ("none", [0], [1, 30]),
        ("1-30", [1, 30], [0, 31]),
        ("31-90", [31, 90], [30, 91]),
        ("over-90", [91, 400], [90]),
    ],
)
def test_days_overdue_ranges(team, choice, inside, outside):
    made = {days: make_request(max_days_overdue=days) for days in inside + outside}
    shown = set(listed(team, f"days_overdue={choice}"))
    assert shown == {made[days].display_reference for days in inside}


def test_lender_filter_lists_a_request_once_however_many_debts_it_has_there(team):
    two_at_jiebei = make_request(lenders=["jiebei", "jiebei", "huabei"])
    huabei_only = make_request(lenders=["huabei"])
    assert listed(team, "lender=jiebei") == [two_at_jiebei.display_reference]
    assert sorted(listed(team, "lender=huabei")) == sorted(
        [two_at_jiebei.display_reference, huabei_only.display_reference]
    )


def test_assignee_filter_offers_only_the_team(team):
    worker = demo_user("negotiator@example.com")
    colleague = team_member("colleague@example.com")
    editor = demo_user("editor@example.com")
    mine = make_request(assignee=worker)
    theirs = make_request(assignee=colleague)
    make_request()
    page = team.get(QUEUE).content.decode()
    offered = {option["value"] for option in tags(page, "option") if option.get("value")}
    assert {str(worker.pk), str(colleague.pk)} <= offered and str(editor.pk) not in offered
    assert listed(team, f"assignee={colleague.pk}") == [theirs.display_reference]
    assert listed(team, f"assignee={worker.pk}") == [mine.display_reference]


def test_reply_overdue_filter_and_flag(team):
    late = make_request(due_in_hours=-2)
    answered_late = make_request(due_in_hours=-5, first_response_at=timezone.now())
    in_time = make_request(due_in_hours=5)
    assert listed(team, "reply_overdue=true") == [late.display_reference]
    assert set(listed(team, "reply_overdue=false")) == {
        answered_late.display_reference,
        in_time.display_reference,
    }
    # In the full list only the late row carries the red "overdue" tag.
    page = team.get(QUEUE).content.decode()
    rows = re.findall(r"<tr[^>]*>.*?</tr>", page, flags=re.S)
    flagged = [row for row in rows if "negotiation-overdue" in row]
    assert len(flagged) == 1 and late.display_reference in flagged[0] and "w-bg-critical-200" in flagged[0]


def test_the_queue_is_sorted_by_when_a_reply_is_due_and_shows_the_new_columns(team):
    later = make_request(due_in_hours=30, risk_band="at_risk", max_days_overdue=45, lenders=["weilidai"])
    sooner = make_request(due_in_hours=3)
    late = make_request(due_in_hours=-1)
    assert listed(team) == [late.display_reference, sooner.display_reference, later.display_reference]
    page = team.get(QUEUE).content.decode()
    row = next(
        row for row in re.findall(r"<tr[^>]*>.*?</tr>", page, flags=re.S) if later.display_reference in row
    )
    assert "微粒贷" in row and ">45<" in row.replace(" ", "").replace("\n", "")


def test_the_list_loads_lenders_and_holders_without_a_query_per_row(team, django_assert_max_num_queries):
    for _ in range(3):
        make_request(lenders=["jiebei", "huabei"], assignee=demo_user("negotiator@example.com"))
    team.get(QUEUE)
    with django_assert_max_num_queries(40) as few:
        team.get(QUEUE)
    for _ in range(12):
        make_request(lenders=["jiebei", "huabei"], assignee=demo_user("negotiator@example.com"))
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        team.get(QUEUE)


@EXAMPLES
@given(query=st.dictionaries(st.sampled_from(FILTERS), TEXT, max_size=5))
def test_any_filter_values_give_a_page(team, query):
    response = team.get(QUEUE, query)
    assert response.status_code == 200


def assign_url(made):
    return f"/admin/negotiation/assign/{made.pk}/"


def test_a_team_member_assigns_a_request_to_a_colleague(team):
    made = make_request()
    colleague = team_member("colleague@example.com")
    inspect = team.get(f"{QUEUE}inspect/{made.pk}/").content.decode()
    assert tags(inspect, "a", href=assign_url(made))
    form = team.get(assign_url(made)).content.decode()
    assert tags(form, "option", value=str(colleague.pk))
    done = team.post(assign_url(made), {"to": colleague.pk, "holder": ""}, REMOTE_ADDR="198.51.100.4")
    assert done.status_code == 302
    made.refresh_from_db()
    assert made.assignee == colleague
    event = made.events.get(kind=RequestEvent.ASSIGNED)
    assert event.internal and event.actor == demo_user("negotiator@example.com")
    assert event.address == "198.51.100.4" and str(colleague) in event.note
    # Claiming a request someone holds is still refused.
    with pytest.raises(workflow.NotAllowed):
        workflow.claim(made, demo_user("negotiator@example.com"))


def test_a_handover_from_the_holder_is_explicit_and_a_stale_page_changes_nothing(team):
    first, second = team_member("first@example.com"), team_member("second@example.com")
    made = make_request(assignee=first)
    # The page was shown when nobody held it; meanwhile `first` took it on: nothing happens.
    stale = team.post(assign_url(made), {"to": second.pk, "holder": ""})
    assert stale.status_code == 200 and tags(stale.content.decode(), "p", role="alert")
    hidden = tags(stale.content.decode(), "input", type="hidden", value=str(first.pk))
    assert [field for field in hidden if field.get("name") == "holder"]  # the fresh form knows the holder now
    made.refresh_from_db()
    assert made.assignee == first and not made.events.filter(kind="assigned").exists()
    # Seen as held by `first`, handing it to `second` is a handover.
    assert team.post(assign_url(made), {"to": second.pk, "holder": first.pk}).status_code == 302
    made.refresh_from_db()
    assert made.assignee == second and made.events.get(kind="assigned").note.startswith(str(first))


def test_nobody_outside_the_team_is_assigned_or_assigns(team):
    made = make_request()
    editor = demo_user("editor@example.com")
    refused = team.post(assign_url(made), {"to": editor.pk, "holder": ""})
    assert refused.status_code == 200 and "error" in refused.content.decode()
    with pytest.raises(workflow.NotAllowed):
        workflow.assign(made, editor, demo_user("negotiator@example.com"))
    outsider = Client()
    outsider.force_login(editor)
    assert outsider.post(assign_url(made), {"to": editor.pk}).status_code == 404
    assert outsider.get(assign_url(made)).status_code == 404
    made.refresh_from_db()
    assert made.assignee is None and not made.events.exists()


@EXAMPLES
@given(to=TEXT, holder=TEXT)
def test_any_assign_post_gives_a_page_and_only_a_team_member_holds_it(team, to, holder):
    made = NegotiationRequest.objects.filter(
        borrower__email="hypothesis@example.com"
    ).first() or make_request(borrower=make_user(email="hypothesis@example.com"))
    response = team.post(assign_url(made), {"to": to, "holder": holder})
    assert response.status_code in (200, 302)
    made.refresh_from_db()
    assert made.assignee is None or made.assignee.has_perm("negotiation.change_negotiationrequest")


def test_the_inspect_page_sums_the_request_up(submitted):  # noqa: F811
    team = team_login(Client(), demo_user("negotiator@example.com"))
    NegotiationRequest.objects.filter(pk=submitted.pk).update(
        first_response_due=timezone.now() - timedelta(hours=1)
    )
    submitted.refresh_from_db()
    html = team.get(f"{QUEUE}inspect/{submitted.pk}/").content.decode()
    summary = html[html.index('class="negotiation-summary"') :]
    for creditor in submitted.creditors.all():
        assert str(creditor.balance) in summary
    assert submitted.get_risk_band_display() in summary
    assert "negotiation-overdue" in summary
    assert summary.count("<details") == len(submitted.letters) >= 1
    assert submitted.snapshot["figures"]["affordable"] in summary
    assert submitted.consent_text[:20] in summary


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
def test_an_assignment_racing_claims_leaves_one_holder():
    """One case worker assigns the request (as seen unheld) while the others claim it: exactly one wins."""
    made = make_request(borrower=make_user(email="race-borrower@example.com"))
    workers = [team_member(f"racer{i}@example.com") for i in range(RACERS)]
    assigner = demo_user("negotiator@example.com")

    def work(i):
        if i == 0:
            return workflow.assign(made, workers[0], assigner, seen_holder=None)
        return workflow.claim(made, workers[i])

    outcomes = race(work)
    winners = [o for o in outcomes if isinstance(o, RequestEvent)]
    refused = [o for o in outcomes if isinstance(o, workflow.NotAllowed)]
    assert len(winners) == 1 and len(refused) == RACERS - 1, outcomes
    made.refresh_from_db()
    assert made.events.filter(kind__in=["claimed", "assigned"]).count() == 1
    holder = workers[0] if winners[0].kind == "assigned" else winners[0].actor
    assert made.assignee == holder
