"""chalice local as make run serves it: unknown routes answer problem+json 404 like every other error."""
from http.server import BaseHTTPRequestHandler

from chalice.local import (
    ChaliceRequestHandler, CustomLocalChalice, LocalChalice, LocalDevServer, LocalGateway, RouteMatcher,
)

from chalicelib.api.problems import problem


class LeadflowGateway(LocalGateway):
    """Chalice's stand-in for API Gateway, except for requests that match no route.

    There chalice answers 403 {"message": "Missing Authentication Token"}, or to a signed request a
    complaint about its Authorization header, before the app (and its problem+json middleware) is
    called. Here they answer 404 problem+json, whatever their method and whether signed or not.
    chalice.test.Client uses this gateway too (tests/conftest.py)."""

    def __init__(self, app_object, config) -> None:
        super().__init__(app_object, config)
        self._routes = RouteMatcher(list(app_object.routes))

    def handle_request(self, method: str, path: str, headers: dict, body: bytes | None) -> dict:
        try:
            self._routes.match_route(path)
        except ValueError:
            return problem(404, "Not found", "no such route").to_dict()
        return super().handle_request(method, path, headers, body)


class LeadflowRequestHandler(ChaliceRequestHandler):
    """chalice local's request handler, with LeadflowGateway."""

    def __init__(self, request, client_address, server, app_object, config) -> None:
        # ChaliceRequestHandler.__init__ makes its own LocalGateway; the base class handles the request.
        self.local_gateway = LeadflowGateway(app_object, config)
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)


def create_server(app, config, host: str, port: int) -> LocalDevServer:
    """chalice.local.create_local_server, serving with LeadflowRequestHandler."""
    # As create_local_server does: the app keeps current_request per thread.
    CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
    app.__class__ = CustomLocalChalice
    return LocalDevServer(app, config, host, port, handler_cls=LeadflowRequestHandler)
