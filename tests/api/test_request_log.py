"""The one log line per request names the route and the caller, never a query value."""
import json


def test_the_request_log_line_names_the_route_but_no_query_value(api, capfd):
    assert api().get("/leads", params={"q": "Zyxwvut 0664 1234567", "page_size": 10}).status_code == 200
    lines = capfd.readouterr().out.splitlines()
    requests = [json.loads(line) for line in lines if '"message":"request"' in line]
    assert [(r["method"], r["route"], r["status"], r["tenant"]) for r in requests][-1:] == [("GET", "/leads", 200, "t1")]
    assert not any("Zyxwvut" in line or "1234567" in line for line in lines), lines
