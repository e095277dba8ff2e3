"""Page types of the site, one family per module, re-exported for Django's app registry."""

from content.snippets import RateWarning

from .articles import ArticlePage, ArticlePageTag, ArticleRelatedPage
from .home import HomePage
from .tools import ToolIndexPage, ToolPage
from .topics import TopicIndexPage

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "ArticleRelatedPage",
    "HomePage",
    "RateWarning",
    "ToolIndexPage",
    "ToolPage",
    "TopicIndexPage",
]
