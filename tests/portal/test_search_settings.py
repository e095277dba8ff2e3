"""SEARCH_URL switches search to an OpenSearch/Elasticsearch cluster with a Chinese analyzer."""

import json

import pytest

from tests.portal.test_settings import run_django

PRINT_SEARCH = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps(settings.WAGTAILSEARCH_BACKENDS["default"], default=str))
"""


def search_settings(tmp_path, **env):
    result = run_django(PRINT_SEARCH, "portal.settings.dev", env, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_search_url_the_portal_uses_its_own_index_on_disk(tmp_path):
    backend = search_settings(tmp_path)
    assert backend["BACKEND"] == "search.backends.whoosh"
    assert backend["PATH"].startswith(str(tmp_path / "var"))


@pytest.mark.parametrize(
    ("url", "module", "address"),
    [
        (
            "https://u:p@search.internal:9200",
            "modelsearch.backends.opensearch3",
            "https://u:p@search.internal:9200",
        ),
        ("opensearch2+http://10.0.0.5:9200", "modelsearch.backends.opensearch2", "http://10.0.0.5:9200"),
        (
            "elasticsearch8+https://es.internal/prefix",
            "modelsearch.backends.elasticsearch8",
            "https://es.internal/prefix",
        ),
    ],
)
def test_search_url_builds_a_cluster_backend_with_a_chinese_analyzer(tmp_path, url, module, address):
    backend = search_settings(tmp_path, SEARCH_URL=url)
    assert backend["BACKEND"] == module
    assert backend["URLS"] == [address]
    assert backend["ATOMIC_REBUILD"] is True
    analysis = backend["INDEX_SETTINGS"]["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "smartcn_tokenizer"
    filters = {name: analysis["filter"][name] for name in default["filter"] if name in analysis["filter"]}
    assert {"type": "icu_transform", "id": "Traditional-Simplified"} in filters.values()
    assert analysis["char_filter"][default["char_filter"][0]]["name"] == "nfkc_cf"


@pytest.mark.parametrize("url", ["solr://search.internal:8983", "opensearch+ftp://x", "https://"])
def test_a_wrong_search_url_stops_the_start_with_a_clear_message(tmp_path, url):
    result = run_django(PRINT_SEARCH, "portal.settings.dev", {"SEARCH_URL": url}, tmp_path)
    assert result.returncode != 0
    assert "SEARCH_URL" in result.stderr
