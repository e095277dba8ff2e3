"""Talking about a request: messages both ways with a mail to the other side (no money, no message text in
it), the team's first response stamped once, "ask for information" and the borrower's reply putting the
request back into review, internal notes the borrower never sees, the team's status actions, and nobody
else's hands on any of it."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from portal.negotiation.models import Creditor, Message, NegotiationRequest, Note, RequestEvent
from portal.negotiation.policy import team_members
from tests.helpers import DEMO_PASSWORD, activate_totp, demo_user, make_user, team_login, totp_code
from tests.negotiation.test_requests import submitted  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

R = NegotiationRequest
# Figures the wizard walk (tests/assessment/test_wizard.py) typed or produced: none may reach a mail.
WALK_FIGURES = ["15000", "7166.67", "4600.00", "2566.67", "2166.67", "5000.00"]


def page_of(made):
    return f"/accounts/me/requests/{made.reference}/"


def team_url(action, made):
    return f"/admin/negotiation/{action}/{made.pk}/"


def inspect_of(made):
    return f"/admin/negotiation_requests/inspect/{made.pk}/"


def log_in_with_totp(email):
    """A team member's session as the real journey makes it: the password, then a code from the authenticator
    app (the team's pages refuse a session without the second factor)."""
    secret = activate_totp(demo_user(email))
    team = Client()
    team.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    team.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    return team


@pytest.fixture
def case_worker():
    return team_login(Client(), demo_user("negotiator@example.com"))


def figures_of(made):
    figures = set(WALK_FIGURES)
    for creditor in Creditor.objects.filter(request=made):
        for amount in (creditor.balance, creditor.monthly_payment):
            if amount:
                figures |= {f"{amount:.2f}", f"{amount:,.2f}", str(int(amount))}
    return figures


def assert_private(sent, made, typed):
    """Nothing but the reference and the links: no message text, no figure of the borrower's finances."""
    text = sent.subject + "\n" + sent.body
    assert made.display_reference in sent.subject and made.display_reference in sent.body
    assert typed not in text
    rest = re.sub(r"https?://\S+", "", text).replace(made.display_reference, "")
    leaked = [figure for figure in figures_of(made) if len(figure) >= 3 and figure in rest]
    assert not leaked


def test_a_borrower_message_reaches_the_whole_team_while_nobody_holds_the_request(client, submitted):  # noqa: F811
    response = client.post(f"{page_of(submitted)}messages/", {"body": "我的工资下个月才发，能否延后？"})
    assert response.status_code == 302 and response["Location"].endswith("#messages")
    message = Message.objects.get()
    assert (message.body, message.from_team, message.author) == (
        "我的工资下个月才发，能否延后？",
        False,
        submitted.borrower,
    )
    event = submitted.events.last()
    assert (event.kind, event.actor, event.internal, event.note) == ("message", submitted.borrower, False, "")
    assert event.address == "127.0.0.1"
    team = sorted(member.email for member in team_members())
    assert "negotiator@example.com" in team
    assert sorted(address for sent in mail.outbox for address in sent.to) == team
    assert all(len(sent.to) == 1 for sent in mail.outbox)  # team members never see each other's addresses
    assert f"/admin/negotiation_requests/inspect/{submitted.pk}/" in mail.outbox[0].body
    assert_private(mail.outbox[0], submitted, "我的工资下个月才发")
    # The conversation shows on the borrower's page; a borrower's message is no first response.
    assert "我的工资下个月才发，能否延后？" in client.get(page_of(submitted)).content.decode()
    submitted.refresh_from_db()
    assert submitted.first_response_at is None and submitted.status == R.SUBMITTED


def test_the_holder_alone_is_told_once_someone_holds_the_request(client, submitted, case_worker):  # noqa: F811
    case_worker.post(f"/admin/negotiation/claim/{submitted.pk}/")
    client.post(f"{page_of(submitted)}messages/", {"body": "工资条已经上传"})
    assert [sent.to for sent in mail.outbox] == [["negotiator@example.com"]]


def test_a_team_reply_mails_the_borrower_and_is_the_first_response_once(client, submitted, case_worker):  # noqa: F811
    response = case_worker.post(
        team_url("message", submitted), {"body": "您好，我们已收到您的申请，月供 3200 元。"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"{inspect_of(submitted)}#messages")
    submitted.refresh_from_db()
    first = submitted.first_response_at
    assert first is not None
    (sent,) = mail.outbox
    assert sent.to == ["owner@example.com"]
    assert f"/accounts/me/requests/{submitted.reference}/" in sent.body
    assert f"/en/accounts/me/requests/{submitted.reference}/" in sent.body
    assert_private(sent, submitted, "我们已收到您的申请")
    assert "3200" not in sent.body
    case_worker.post(team_url("message", submitted), {"body": "还有一个问题。"})
    submitted.refresh_from_db()
    assert submitted.first_response_at == first and len(mail.outbox) == 2
    assert Message.objects.filter(from_team=True).count() == 2
    page = client.get(page_of(submitted)).content.decode()
    assert "还有一个问题。" in page and "messages__item--team" in page


def test_the_payslip_journey_ask_then_reply_puts_the_request_back_into_review(client, submitted):  # noqa: F811
    case_worker = log_in_with_totp("negotiator@example.com")
    assert case_worker.get(inspect_of(submitted)).status_code == 200
    case_worker.post(f"/admin/negotiation/claim/{submitted.pk}/")
    response = case_worker.post(team_url("ask", submitted), {"body": "请上传最近三个月的工资条。"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == R.INFO_REQUESTED and submitted.first_response_at is not None
    kinds = [(e.kind, e.to_status) for e in submitted.events.all()]
    assert kinds == [
        ("submitted", "submitted"),
        ("claimed", "submitted"),
        ("status", "in_review"),  # a submitted request goes through review to "information requested"
        ("status", "info_requested"),
        ("message", "info_requested"),
    ]
    assert [sent.to for sent in mail.outbox] == [["owner@example.com"]]
    # The borrower sees the question and answers it: back with the team, the borrower the actor.
    assert "请上传最近三个月的工资条。" in client.get(page_of(submitted)).content.decode()
    client.post(f"{page_of(submitted)}messages/", {"body": "已上传，请查收。"})
    submitted.refresh_from_db()
    assert submitted.status == R.IN_REVIEW
    back = submitted.events.filter(kind=RequestEvent.STATUS).last()
    assert (back.from_status, back.to_status, back.actor) == (
        "info_requested",
        "in_review",
        submitted.borrower,
    )
    assert mail.outbox[-1].to == ["negotiator@example.com"]
    english = client.get(f"/en{page_of(submitted)}").content.decode()
    for sentence in ("The team asked you for more information.", "You sent a message.", "back in review"):
        assert sentence in english
    team_page = case_worker.get(inspect_of(submitted)).content.decode()
    assert "已上传，请查收。" in team_page and "请上传最近三个月的工资条。" in team_page


def test_team_status_actions_are_a_first_response_and_end_the_talk(client, submitted, case_worker):  # noqa: F811
    case_worker.post(team_url("review", submitted))
    submitted.refresh_from_db()
    assert submitted.status == R.IN_REVIEW and submitted.first_response_at is not None
    first = submitted.first_response_at
    case_worker.post(team_url("close", submitted))
    submitted.refresh_from_db()
    assert submitted.status == R.CLOSED and submitted.first_response_at == first
    closed_event = submitted.events.last()
    assert (closed_event.from_status, closed_event.to_status) == ("in_review", "closed")
    refused = client.post(f"{page_of(submitted)}messages/", {"body": "我还有问题"})
    assert refused.status_code == 400 and "我还有问题" in refused.content.decode()
    assert (
        'action="/accounts/me/requests/' + submitted.reference + '/messages/"' not in refused.content.decode()
    )
    team_refused = case_worker.post(team_url("message", submitted), {"body": "补充说明"})
    assert team_refused.status_code == 400 and "补充说明" in team_refused.content.decode()
    question = case_worker.post(team_url("ask", submitted), {"body": "请补充材料"})
    assert question.status_code == 400 and "请补充材料" in question.content.decode()
    again = case_worker.post(team_url("review", submitted), follow=True)
    assert again.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == R.CLOSED and not Message.objects.exists() and not mail.outbox


def test_internal_notes_stay_with_the_team(client, submitted, case_worker):  # noqa: F811
    response = case_worker.post(team_url("note", submitted), {"body": "电话核实过收入，情况属实。"})
    assert response.status_code == 302 and response["Location"].endswith("#notes")
    note = Note.objects.get()
    assert note.author == demo_user("negotiator@example.com")
    event = submitted.events.last()
    assert (event.kind, event.internal, event.note) == ("note", True, "")
    assert "电话核实过收入" in case_worker.get(inspect_of(submitted)).content.decode()
    page = client.get(page_of(submitted)).content.decode()
    assert "电话核实过收入" not in page and page.count("<li><time") == 1  # only "submitted" on the timeline
    assert not mail.outbox


def test_the_team_timeline_shows_every_event_with_who_and_from_where(submitted, case_worker):  # noqa: F811
    case_worker.post(team_url("note", submitted), {"body": "内部备注"}, REMOTE_ADDR="198.51.100.7")
    html = case_worker.get(inspect_of(submitted)).content.decode()
    assert "198.51.100.7" in html and "203.0.113.9" in html  # the note's and the submission's addresses
    assert "negotiator" in html.lower() and "owner@example.com" in html


@pytest.mark.parametrize("body", ["", "   \n  ", "长" * 4001, "a\x00b"])
def test_an_empty_or_overlong_message_is_refused_and_kept(client, submitted, body):  # noqa: F811
    response = client.post(f"{page_of(submitted)}messages/", {"body": body})
    assert response.status_code == 400 and not Message.objects.exists() and not mail.outbox
    html = response.content.decode()
    assert 'id="message_body"' in html and 'aria-invalid="true"' in html
    if body.strip() and "\x00" not in body:
        assert body in html


def test_an_empty_question_changes_nothing(submitted, case_worker):  # noqa: F811
    response = case_worker.post(team_url("ask", submitted), {"body": " "})
    assert response.status_code == 400 and 'id="ask_body"' in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == R.SUBMITTED and submitted.first_response_at is None
    assert list(submitted.events.values_list("kind", flat=True)) == ["submitted"]


@pytest.mark.parametrize("who", ["another borrower", "editor", "moderator"])
def test_nobody_else_reads_or_writes(submitted, who):  # noqa: F811
    other = Client()
    if who == "another borrower":
        other.force_login(make_user(email="other@example.com"))
    else:
        other.force_login(demo_user(f"{who}@example.com"))
    assert other.post(f"{page_of(submitted)}messages/", {"body": "你好"}).status_code == 404
    for action in ("message", "ask", "note", "review", "close"):
        assert other.post(team_url(action, submitted), {"body": "你好"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == R.SUBMITTED and not Message.objects.exists() and not Note.objects.exists()
    assert not mail.outbox


@override_settings(NEGOTIATION_MESSAGES_PER_MINUTE=3)
def test_a_burst_of_messages_waits_a_minute_with_the_text_kept(client, submitted):  # noqa: F811
    for number in range(3):
        assert client.post(f"{page_of(submitted)}messages/", {"body": f"第{number}条"}).status_code == 302
    mails = len(mail.outbox)
    held = client.post(f"{page_of(submitted)}messages/", {"body": "第四条，请查收"})
    assert held.status_code == 429 and "第四条，请查收</textarea>" in held.content.decode()
    assert Message.objects.filter(request=submitted).count() == 3 and len(mail.outbox) == mails


def test_a_team_member_who_is_not_on_the_team_any_more_gets_404(submitted):  # noqa: F811
    """Staff without the team permission cannot act, even after passing TOTP."""
    staff = team_login(Client(), make_user(email="staff@example.com", is_staff=True))
    assert staff.post(team_url("message", submitted), {"body": "你好"}).status_code == 404


@override_settings(NEGOTIATION_MESSAGES_PER_MINUTE=10**9)  # 40 examples in a minute
@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=300))
def test_any_message_text_is_refused_clearly_or_shown_escaped(client, submitted, body):  # noqa: F811
    response = client.post(f"{page_of(submitted)}messages/", {"body": body})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        stored = Message.objects.filter(request=submitted).last().body
        html = client.get(page_of(submitted)).content.decode()
        for line in re.split(r"\r\n|\r|\n", stored):
            assert escape(line.strip()) in html


@examples(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(action=st.sampled_from(["message", "ask", "note"]), body=st.text(max_size=200))
def test_any_team_text_is_refused_clearly_or_saved(submitted, case_worker, action, body):  # noqa: F811
    response = case_worker.post(team_url(action, submitted), {"body": body})
    assert response.status_code in (302, 400)


def test_script_in_a_message_is_shown_as_text(client, submitted, case_worker):  # noqa: F811
    client.post(f"{page_of(submitted)}messages/", {"body": "<script>alert(1)</script>"})
    for html in (
        client.get(page_of(submitted)).content.decode(),
        case_worker.get(inspect_of(submitted)).content.decode(),
    ):
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_backend_the_mail_waits_for_the_worker(client, submitted, settings):  # noqa: F811
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    mail.outbox.clear()  # the submission's confirmation, sent before the backend changed
    client.post(f"{page_of(submitted)}messages/", {"body": "请尽快回复"})
    assert Message.objects.count() == 1 and not mail.outbox
    assert DBTaskResult.objects.get().task_path == "portal.negotiation.tasks.send_message_email"
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert len(mail.outbox) == len(team_members())
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_production_queues_tasks_in_the_database(tmp_path):
    from tests.portal.test_settings import PRODUCTION_ENV, run_django

    result = run_django(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.TASKS['default']['BACKEND'], 'django_tasks_db' in settings.INSTALLED_APPS)",
        "portal.settings.production",
        PRODUCTION_ENV,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["django_tasks_db.DatabaseBackend", "True"]
