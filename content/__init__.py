"""Wagtail content: the home page, topics, articles and their StreamField blocks."""
