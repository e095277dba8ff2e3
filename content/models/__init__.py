"""Page types of the site, one family per module, re-exported for Django's app registry."""

from content.snippets import RateWarning

from .articles import ArticlePage, ArticlePageTag, ArticleRelatedPage
from .home import HomePage
from .policy import (
    AnswerFeedback,
    PolicyAnswerPage,
    PolicyAnswerPageTag,
    PolicyCategory,
    PolicyIndexPage,
    PolicyRelatedAnswer,
)
from .tools import ToolIndexPage, ToolPage
from .topics import TopicIndexPage

__all__ = [
    "AnswerFeedback",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleRelatedPage",
    "HomePage",
    "PolicyAnswerPage",
    "PolicyAnswerPageTag",
    "PolicyCategory",
    "PolicyIndexPage",
    "PolicyRelatedAnswer",
    "RateWarning",
    "ToolIndexPage",
    "ToolPage",
    "TopicIndexPage",
]
