"""Requests that match no route, or a route with another method, answer problem+json like every error."""
import pytest

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("role", ["sales_manager", None], ids=["signed", "unsigned"])
def test_an_unknown_route_answers_problem_json_404(api, method, role):
    r = api(role).request(method, "/no/such/route")
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.json["status"] == 404 and r.json["detail"] == "no such route"


def test_a_signed_request_to_an_unknown_route_is_not_told_about_its_signature(api):
    r = api("admin").get("/leads/some-id/nothing-here", params={"q": "Huber"})
    assert r.status_code == 404 and "signature" not in r.body.decode().lower()


@pytest.mark.parametrize("role", ["sales_manager", None], ids=["signed", "unsigned"])
def test_a_known_route_with_another_method_answers_problem_json_405(api, role):
    r = api(role).request("DELETE", "/health")
    assert r.status_code == 405
    assert r.headers["Content-Type"] == "application/problem+json"
    assert r.json["status"] == 405 and set(r.headers["Allow"].split(", ")) == {"GET", "HEAD"}
