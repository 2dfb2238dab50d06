"""Search: a per-address limit with a Vietnamese 429 page, and arbitrary Unicode queries
that never raise (property tests), through the query parser and the real page."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news.search_query import find_directive_reference, parse_query

pytestmark = pytest.mark.django_db

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@override_settings(SEARCH_RATE_LIMIT=3)
def test_too_many_searches_from_one_address_get_a_vietnamese_429(client):
    for _ in range(3):
        assert client.get("/tim-kiem/", {"q": "tre em"}, REMOTE_ADDR="10.2.0.1").status_code == 200

    limited = client.get("/tim-kiem/", {"q": "tre em"}, REMOTE_ADDR="10.2.0.1")
    other_address = client.get("/tim-kiem/", {"q": "tre em"}, REMOTE_ADDR="10.2.0.2")

    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert "Bạn tìm kiếm quá nhanh" in limited.content.decode()
    assert other_address.status_code == 200


@given(ANY_TEXT)
@settings(max_examples=300, deadline=None)
def test_any_unicode_query_parses_without_error(text):
    query = parse_query(text)
    assert isinstance(query.is_searchable, bool)
    if query.is_searchable:
        assert "\x00" not in query.tsquery()
    find_directive_reference(text)


@given(ANY_TEXT)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_unicode_query_gets_a_page_not_an_error(client, text):
    response = client.get("/tim-kiem/", {"q": text})
    assert response.status_code == 200
