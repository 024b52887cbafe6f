"""The one log line per request names the route and the caller, never a query value."""
import logging

from chalicelib.api.routing import log


def test_the_request_log_line_names_the_route_but_no_query_value(api, caplog):
    caplog.set_level(logging.INFO, logger=log.name)
    assert api().get("/leads", params={"q": "Zyxwvut 0664 1234567", "page_size": 10}).status_code == 200
    lines = [log.registered_formatter.format(r) for r in caplog.records if r.name == log.name]
    assert any('"route":"GET /leads"' in line for line in lines), lines
    assert not any("Zyxwvut" in line or "1234567" in line for line in lines), lines
