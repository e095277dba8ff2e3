"""Page types of the site, one family per module, re-exported for Django's app registry."""

from .articles import ArticlePage, ArticlePageTag, ArticleRelatedPage
from .home import HomePage
from .topics import TopicIndexPage

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "ArticleRelatedPage",
    "HomePage",
    "TopicIndexPage",
]
