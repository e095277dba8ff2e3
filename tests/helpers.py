"""Small explicit helpers the tests share: finding demo pages and reading HTML."""

from html.parser import HTMLParser

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
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
