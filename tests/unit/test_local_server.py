"""make run's access log: request lines without their query strings."""
import pytest

from devstack.local_server import without_query


@pytest.mark.parametrize("line, logged", [
    ("GET /leads?q=Huber&page_size=10 HTTP/1.1", "GET /leads HTTP/1.1"),
    ("GET /leads/01ARZ3NDEKTSV4RRFFQ69G5FAV HTTP/1.1", "GET /leads/01ARZ3NDEKTSV4RRFFQ69G5FAV HTTP/1.1"),
    ("GET /leads?q=Anna Huber HTTP/1.1", "GET /leads HTTP/1.1"),          # an unencoded space
    ("GET /leads?q=Anna Huber", "GET /leads"),                            # no version at all
    ("GET /leads?q=HTTP/1.1", "GET /leads"),
    ("", ""),                                                              # a request line over 64 KiB
])
def test_the_access_log_shows_a_request_line_without_its_query_string(line, logged):
    assert without_query(line) == logged
