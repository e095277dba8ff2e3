import pytest
from content.models import PolicyAnswerPage
from search import service
pytestmark = pytest.mark.django_db
def test_debug():
    answer = PolicyAnswerPage.objects.live().filter(locale__language_code="en").select_related("category").first()
    word = answer.title.split()[-1].strip("?.,")
    pages = service.scope(answer.locale, answer.category)
    print("FACET", service.search(word, pages).facet("content_type_id"), service.count_by_type(word, pages))
    print("RES", list(service.search(word, pages)[:10]))
    assert 0
