"""Quiz pages with their questions, choices and result bands; attempts and answers."""

from .attempts import Answer, Attempt
from .pages import BandReading, Choice, Question, QuizIndexPage, QuizPage, ResultBand

__all__ = [
    "Answer",
    "Attempt",
    "BandReading",
    "Choice",
    "Question",
    "QuizIndexPage",
    "QuizPage",
    "ResultBand",
]
