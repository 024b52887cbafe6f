"""chalice local as make run serves it: unknown routes and the HTTP server's own errors answer
problem+json like every other error; the access log leaves out query strings."""
import re
from http import HTTPStatus
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


# Errors http.server answers itself, before chalice sees the request: a request line over 64 KiB
# (414), a header line over 64 KiB or more than 100 headers (431), a malformed request line (400),
# a method it has no handler for (501), HTTP/2 or later (505). These limits are the local
# server's: deployed, API Gateway enforces its own and answers them in its own format.
_TITLES = {400: "Bad request", 414: "URI too long", 431: "Header fields too large",
           501: "Method not implemented", 505: "HTTP version not supported"}


class LeadflowRequestHandler(ChaliceRequestHandler):
    """chalice local's request handler, with LeadflowGateway and problem+json for http.server's errors."""

    def __init__(self, request, client_address, server, app_object, config) -> None:
        # ChaliceRequestHandler.__init__ makes its own LocalGateway; the base class handles the request.
        self.local_gateway = LeadflowGateway(app_object, config)
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)

    def log_request(self, code="-", size="-") -> None:
        # Search terms (q=) are names, phone numbers and e-mail addresses: no query string in the log.
        if isinstance(code, HTTPStatus):
            code = code.value
        self.log_message('"%s" %s %s', without_query(self.requestline), code, size)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """What http.server's send_error does, with a problem+json body instead of its HTML page."""
        status = HTTPStatus(code)
        title = _TITLES.get(status, status.phrase.capitalize())
        reply = problem(int(status), title, explain or message or status.description)
        body = reply.body.encode()
        # Not the message: it may quote the request line, query string included.
        self.log_error("code %d, %s", status, title)
        self.close_connection = True        # after a 414 the rest of the long line is still unread
        self.send_response(status)
        self.send_header("Connection", "close")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def without_query(request_line: str) -> str:
    """`GET /leads?q=Huber HTTP/1.1` -> `GET /leads HTTP/1.1`; a malformed line is cut at its `?`."""
    head, question_mark, rest = request_line.partition("?")
    if not question_mark:
        return request_line
    version = rest.rpartition(" ")[2]
    return f"{head} {version}" if re.fullmatch(r"HTTP/\d(\.\d)?", version) else head


def create_server(app, config, host: str, port: int) -> LocalDevServer:
    """chalice.local.create_local_server, serving with LeadflowRequestHandler."""
    # As create_local_server does: the app keeps current_request per thread.
    CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
    app.__class__ = CustomLocalChalice
    return LocalDevServer(app, config, host, port, handler_cls=LeadflowRequestHandler)
