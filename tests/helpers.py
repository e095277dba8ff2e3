"""Small explicit helpers the tests share: finding demo pages and reading HTML."""

import time
from html.parser import HTMLParser

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from wagtail.models import Locale

from content.management.commands.load_demo_content import DEMO_PASSWORD
from content.models import ArticlePage, HomePage, TopicIndexPage

__all__ = ["DEMO_PASSWORD"]


def home(language="zh-hans"):
    return HomePage.objects.get(locale=Locale.objects.get(language_code=language), depth=2)


def topic(slug="borrowing-basics", language="zh-hans"):
    return TopicIndexPage.objects.get(locale__language_code=language, slug=slug)


def article(slug="true-cost-of-borrowing", language="zh-hans"):
    return ArticlePage.objects.get(locale__language_code=language, slug=slug)


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html, name, **attrs):
    """Start tags named `name` whose attributes include `attrs`, as attribute dicts."""
    parser = _TagCollector()
    parser.feed(html)
    return [
        found
        for tag, found in parser.tags
        if tag == name and all(found.get(key) == value for key, value in attrs.items())
    ]


def make_user(email="reader@example.com", password="a-long-unusual-passphrase", verified=True, **fields):
    user = get_user_model().objects.create_user(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def demo_user(email):
    return get_user_model().objects.get(email=email)


def make_quiz(kind="knowledge", questions=None, bands=None, slug="test-quiz", language="zh-hans"):
    """A published quiz under the demo quiz index. `questions`: (text, [(choice, correct, points)]) pairs;
    `bands`: (low, high, title) triples. The defaults: three questions, the second with two right answers."""
    from quizzes.models import Choice, Question, QuizIndexPage, QuizPage, ResultBand

    if questions is None:
        questions = [
            ("两个选项里哪个对？", [("对的", True, 0), ("错的", False, 0), ("也错", False, 0)]),
            ("选出所有对的", [("对一", True, 0), ("对二", True, 0), ("错", False, 0)]),
            ("第三题", [("错", False, 0), ("对", True, 0)]),
        ]
    if bands is None:
        bands = [(0, 1, "从这里开始"), (2, 2, "差一点"), (3, 3, "全对")]
    index = QuizIndexPage.objects.get(locale__language_code=language, slug="quizzes")
    quiz = QuizPage(title=f"Quiz {slug}", slug=slug, kind=kind, intro="<p>介绍</p>")
    quiz.questions = [
        Question(
            sort_order=n,
            text=text,
            explanation=f"解释{n + 1}",
            choices=[
                Choice(sort_order=m, text=label, is_correct=correct, points=points)
                for m, (label, correct, points) in enumerate(choices)
            ],
        )
        for n, (text, choices) in enumerate(questions)
    ]
    quiz.bands = [
        ResultBand(sort_order=n, min_score=low, max_score=high, title=title, message=f"{title}的建议")
        for n, (low, high, title) in enumerate(bands)
    ]
    index.add_child(instance=quiz)
    quiz.save_revision().publish()
    return QuizPage.objects.get(pk=quiz.pk)


def activate_totp(user):
    """Gives `user` an authenticator app (allauth's own TOTP API); returns the secret, for `totp_code`."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret):
    """The code an authenticator app shows now for `secret` (allauth's own TOTP maths)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD < 1:
        time.sleep(1)  # the code must still be valid when the post arrives
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def team_login(client, user):
    """Logs a negotiation team member into `client` the way the team's admin pages require: signed in, with an
    authenticator app, and this session verified with it. Use it instead of `client.force_login(user)` for
    anyone who opens `/admin/negotiation_requests/...` or `/admin/negotiation/...` (portal/negotiation/mfa.py
    sends a session without TOTP to set it up or re-authenticate).

    It gives the user a TOTP authenticator if they have none (allauth's API), then records "password" and
    "mfa" in the session with allauth's own `record_authentication`, exactly as allauth's 2FA log-in step
    does; so any number of clients and users can log in within one TOTP period (a real code works only once).
    tests/negotiation/test_mfa.py walks the real log-in with a code. Returns the client."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        activate_totp(user)
        authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    record_authentication(request, user, "password")
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()
    return client
