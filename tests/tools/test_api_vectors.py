"""Every development reference vector, posted to the JSON API as a client would, gives the expected answer."""

import json

import pytest

from tests.tools.vectors import VECTORS, mismatches

pytestmark = pytest.mark.django_db


def post(client, tool, request):
    body = request if isinstance(request, str) else json.dumps(request, ensure_ascii=False)
    return client.post(f"/api/tools/{tool}/", data=body, content_type="application/json")


@pytest.mark.parametrize("vector", VECTORS, ids=[vector["id"] for vector in VECTORS])
def test_reference_vector(client, vector):
    response = post(client, vector["tool"], vector["request"])
    expect = vector["expect"]
    assert response.status_code == expect["status"], response.content.decode()[:500]
    body = response.json()
    if expect["status"] == 400:
        errors = body["errors"]
        assert errors and all(isinstance(messages, list) and messages for messages in errors.values())
        for field in expect["error_fields"]:
            assert field in errors, f"expected an error under {field!r}, got {errors}"
        return
    problems = mismatches(expect["body"], body, vector["tolerance"])
    for period, row in expect.get("schedule_rows", {}).items():
        problems += mismatches(
            row, body["schedule"][int(period) - 1], vector["tolerance"], f"schedule[{period}]"
        )
    assert not problems, "\n".join(problems[:20])


def test_the_vector_set_is_complete():
    assert len(VECTORS) == 54
    assert {vector["tool"] for vector in VECTORS} == {"loan-schedule", "apr", "payoff", "affordability"}
