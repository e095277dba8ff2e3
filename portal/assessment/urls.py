"""URLs of the self-assessment wizard (inside the language prefix)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.start, name="assessment_start"),
    path("resume/", views.resume, name="assessment_resume"),
    path("step/<slug:slug>/", views.step, name="assessment_step"),
    path("review/", views.review, name="assessment_review"),
    path("results/", views.results, name="assessment_results"),
    path("letter/", views.letter, name="assessment_letter"),
    path("letter/pdf/", views.letter_pdf, name="assessment_letter_pdf"),
    path("submit/", views.submit, name="assessment_submit"),
    path("submitted/<str:reference>/", views.submitted, name="assessment_submitted"),
]
