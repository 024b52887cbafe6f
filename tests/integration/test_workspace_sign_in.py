"""The workspace's Cognito sign-in module (chalicelib/web/js/auth/cognito.js), run in headless Chromium
against moto's Cognito: the calls it makes, the challenge it answers, the credentials it returns.

moto issues credentials whatever the Logins say, so the test also checks what the module sent:
the same requests reach real Cognito deployed.
"""
import base64
import json
import os
import re
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
import pytest

from tests.conftest import ROOT
from tests.e2e.browser import chromium_path

MODULE = ROOT / "chalicelib" / "web" / "js" / "auth" / "cognito.js"
REGION = "eu-central-1"
EMAIL, TEMPORARY, CHOSEN = "jane.huber@autohaus-huber.at", "Temp-Passw0rd-1", "Chosen-Passw0rd-2"

# A made-up origin, never resolved: Playwright serves its two files. *.localhost is a secure context,
# which Chromium requires before a page may call the loopback address space (moto) at all.
ORIGIN = "http://workspace.localhost"
FILES = {"/index.html": ("text/html", '<!DOCTYPE html><title>sign-in</title><link rel="icon" href="data:,">'),
         "/js/auth/cognito.js": ("text/javascript", MODULE)}

# Loads the module in the page; the calls it makes (and their replies) are recorded by wrapping fetch first.
LOAD = """async () => {
  window.calls = [];
  const realFetch = window.fetch;
  window.fetch = async (url, init) => {
    const response = await realFetch(url, init);
    const reply = await response.clone().json().catch(() => null);
    window.calls.push({ url, target: init.headers["X-Amz-Target"], type: init.headers["Content-Type"],
                        body: JSON.parse(init.body), reply });
    return response;
  };
  window.cognito = await import("/js/auth/cognito.js");
}"""
# Runs one scenario: {result|error, calls}.
SCENARIO = """async ({ action, config, args }) => {
  const { signIn, refresh } = window.cognito;
  try {
    const result = await (action === "signIn" ? signIn(config, ...args) : refresh(config, ...args));
    return { result, calls: window.calls };
  } catch (err) {
    return { error: { code: err.code, message: err.message, status: err.status }, calls: window.calls };
  }
}"""


@pytest.fixture(scope="module")
def cognito():
    """A moto server with a user pool, its client, an identity pool and a person invited by an admin."""
    from moto.server import ThreadedMotoServer
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    url = f"http://127.0.0.1:{port}"
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION)
    idp = session.client("cognito-idp", endpoint_url=url)
    pool = idp.create_user_pool(PoolName="leadflow-people", UsernameAttributes=["email"])["UserPool"]["Id"]
    client = idp.create_user_pool_client(UserPoolId=pool, ClientName="leadflow-workspace", GenerateSecret=False,
                                         ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                                                            "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    identity_pool = session.client("cognito-identity", endpoint_url=url).create_identity_pool(
        IdentityPoolName="leadflow-people", AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[{"ProviderName": f"cognito-idp.{REGION}.amazonaws.com/{pool}", "ClientId": client}],
    )["IdentityPoolId"]
    idp.admin_create_user(UserPoolId=pool, Username=EMAIL, TemporaryPassword=TEMPORARY,
                          UserAttributes=[{"Name": "email", "Value": EMAIL}])
    yield {"region": REGION, "userPoolId": pool, "clientId": client, "identityPoolId": identity_pool,
           "endpoints": {"idp": url + "/", "identity": url + "/"}}
    server.stop()


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium on a thread of its own: the Sync API allows one Playwright per thread, and the
    e2e tests' session browser may already hold the main one. Yields run_on_it(fn, *args) -> fn(browser, *args)."""
    from playwright.sync_api import sync_playwright
    executable = chromium_path()
    thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")

    def launch():
        playwright = sync_playwright().start()
        # As root (CI containers) Chromium refuses to start without --no-sandbox.
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        return playwright, playwright.chromium.launch(executable_path=executable, args=args)
    playwright, browser = thread.submit(launch).result()
    yield lambda fn, *args: thread.submit(fn, browser, *args).result(timeout=120)
    thread.submit(lambda: (browser.close(), playwright.stop())).result()
    thread.shutdown()


def serve_file(route):
    path = route.request.url.removeprefix(ORIGIN).split("?")[0]
    if path == "/":
        path = "/index.html"
    if path not in FILES:
        return route.fulfill(status=404, body="not found")
    content_type, body = FILES[path]
    route.fulfill(status=200, content_type=content_type, body=body if isinstance(body, str) else body.read_text())


def in_page(browser, action: str, config: dict, args: tuple) -> dict:
    # Local network access: the permission a person would grant; deployed, Cognito is not on the local network.
    context = browser.new_context(permissions=["local-network-access"])
    try:
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.route(ORIGIN + "/**", serve_file)
        page.goto(ORIGIN + "/")
        page.evaluate(LOAD)
        # With any route installed Playwright answers CORS preflights itself: the module's calls must
        # meet the real server's CORS, so routing ends once the page and the module are loaded.
        page.unroute_all()
        return page.evaluate(SCENARIO, {"action": action, "config": config, "args": list(args)})
    finally:
        context.close()


@pytest.fixture
def run(chromium):
    """run("signIn", config, email, password[, answers]) or run("refresh", config, token) in a fresh page."""
    return lambda action, config, *args: chromium(in_page, action, config, args)


def claims(jwt: str) -> dict:
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_a_person_signs_in_sets_a_new_password_gets_credentials_and_refreshes_them(cognito, run):
    first = run("signIn", cognito, EMAIL, TEMPORARY)
    assert first["error"]["code"] == "NEW_PASSWORD_REQUIRED"            # the sign-in screen asks for one
    assert [c["target"] for c in first["calls"]] == ["AWSCognitoIdentityProviderService.InitiateAuth"]

    signed_in = run("signIn", cognito, EMAIL, TEMPORARY, {"newPassword": CHOSEN})
    credentials = signed_in["result"]
    assert set(credentials) == {"accessKeyId", "secretAccessKey", "sessionToken", "expiration", "refreshToken",
                                "username"}
    assert credentials["username"] == EMAIL and credentials["refreshToken"]
    assert credentials["accessKeyId"] and credentials["secretAccessKey"] and credentials["sessionToken"]
    assert credentials["expiration"] > 1_700_000_000_000                 # milliseconds since the epoch
    calls = signed_in["calls"]
    assert [c["target"].split(".")[1] for c in calls] == [
        "InitiateAuth", "RespondToAuthChallenge", "GetId", "GetCredentialsForIdentity"]
    assert {c["type"] for c in calls} == {"application/x-amz-json-1.1"}
    initiate, respond, get_id, get_credentials = (c["body"] for c in calls)
    assert initiate == {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": cognito["clientId"],
                        "AuthParameters": {"USERNAME": EMAIL, "PASSWORD": TEMPORARY}}
    assert respond["ChallengeName"] == "NEW_PASSWORD_REQUIRED" and respond["ChallengeResponses"]["NEW_PASSWORD"] == CHOSEN
    assert respond["Session"]
    provider = f"cognito-idp.{REGION}.amazonaws.com/{cognito['userPoolId']}"
    assert get_id["IdentityPoolId"] == cognito["identityPoolId"] and list(get_id["Logins"]) == [provider]
    assert get_credentials["Logins"] == get_id["Logins"] and get_credentials["IdentityId"]

    again = run("signIn", cognito, EMAIL, CHOSEN)["result"]              # no challenge any more
    assert again["username"] == EMAIL

    renewed = run("refresh", cognito, credentials["refreshToken"])
    # The new ID token's e-mail claim (moto writes the pool's user name there; Cognito the address).
    id_token = renewed["calls"][0]["reply"]["AuthenticationResult"]["IdToken"]
    assert renewed["result"]["accessKeyId"] and renewed["result"]["username"] == claims(id_token)["email"]
    assert renewed["result"]["refreshToken"] == credentials["refreshToken"]
    assert renewed["calls"][0]["body"] == {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": cognito["clientId"],
                                           "AuthParameters": {"REFRESH_TOKEN": credentials["refreshToken"]}}


def test_a_wrong_password_is_an_error_with_cognitos_code(cognito, run):
    failed = run("signIn", cognito, EMAIL, "not-the-password")
    assert failed["error"]["code"] == "NotAuthorizedException" and failed["error"]["status"] == 400
    assert "result" not in failed


def test_a_service_that_refuses_the_pages_origin_is_a_network_error(cognito, run):
    """The browser really asks the server (CORS preflight) before each call: so the calls above passed moto's."""
    seen = []

    class NoCors(BaseHTTPRequestHandler):       # answers no OPTIONS: the preflight fails
        def do_POST(self):
            seen.append("POST")
            self.send_response(200)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.end_headers()
            self.wfile.write(b"{}")

        def send_error(self, code, message=None, explain=None):
            seen.append(self.command)
            super().send_error(code, message, explain)

        def log_message(self, *args):
            pass

    with ThreadingHTTPServer(("127.0.0.1", 0), NoCors) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        elsewhere = f"http://127.0.0.1:{server.server_address[1]}/"
        failed = run("signIn", {**cognito, "endpoints": {"idp": elsewhere, "identity": elsewhere}}, EMAIL, CHOSEN)
        server.shutdown()
    assert failed["error"]["code"] == "NetworkError" and "result" not in failed
    assert seen == ["OPTIONS"]                                          # asked, refused, never sent


def test_without_endpoints_the_module_calls_the_regions_cognito_services():
    text = MODULE.read_text()
    assert "https://cognito-idp.${config.region}.amazonaws.com/" in text
    assert "https://cognito-identity.${config.region}.amazonaws.com/" in text
    assert not re.search(r"^\s*import\b", text, re.M)                   # no dependencies, no build
