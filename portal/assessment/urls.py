"""URLs of the self-assessment wizard (inside the language prefix). Every page holds someone's finances, so
none may be kept by a browser or a shared cache."""

from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

urlpatterns = [
    path("", never_cache(views.start), name="assessment_start"),
    path("resume/", never_cache(views.resume), name="assessment_resume"),
    path("step/<slug:slug>/", never_cache(views.step), name="assessment_step"),
    path("review/", never_cache(views.review), name="assessment_review"),
    path("results/", never_cache(views.results), name="assessment_results"),
    path("letter/", never_cache(views.letter), name="assessment_letter"),
    path("letter/pdf/", never_cache(views.letter_pdf), name="assessment_letter_pdf"),
    path("submit/", never_cache(views.submit), name="assessment_submit"),
    path("submitted/<str:reference>/", never_cache(views.submitted), name="assessment_submitted"),
]
