"""bin/lf and bin/webhook: a call that cannot be made is one line on stderr, never a traceback."""
import io
import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from devstack import call, webhooks
from tests.conftest import ROOT

CREDENTIALS = {"sales_manager": {"access_key_id": "AKIDEXAMPLE", "secret_access_key": "secret",
                                 "region": "eu-central-1"}}


@pytest.fixture
def credentials(tmp_path, monkeypatch):
    path = tmp_path / "demo-credentials.json"
    path.write_text(json.dumps(CREDENTIALS))
    monkeypatch.setattr(call, "CREDENTIALS", path)
    return path


@pytest.fixture
def stopped_stack():
    """The URL of a port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def _serving(status_of, body_of, content_type: str):
    """A loopback server answering each request with status_of(path) and body_of(path); its URL."""
    class Answer(BaseHTTPRequestHandler):
        def do_any(self):
            self.rfile.read(int(self.headers.get("content-length") or 0))
            body = json.dumps(body_of(self.path)).encode()
            self.send_response(status_of(self.path))
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        do_GET = do_POST = do_any

        def log_message(self, *args):
            pass
    server = HTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def stack_stub():
    """A server that answers every request 200 with a JSON body."""
    yield from _serving(lambda path: 200, lambda path: {"items": [{"n": n} for n in range(100)]}, "application/json")


@pytest.fixture
def refusing_stack():
    """A server that answers every request with the status its path ends in (/webhooks/401) and a problem body."""
    status = lambda path: int(path.rsplit("/", 1)[1])        # noqa: E731
    yield from _serving(status, lambda path: {"title": "refused", "status": status(path)}, "application/problem+json")


@pytest.fixture
def integrations(tmp_path, monkeypatch):
    def write(url: str):
        path = tmp_path / "demo-webhooks.json"
        path.write_text(json.dumps({"form": {"id": "t1.x", "format": "html_form", "secret": None, "url": url}}))
        monkeypatch.setattr(webhooks, "WEBHOOKS_FILE", path)
        return path
    return write


class ClosedPipe(io.StringIO):
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# ------------------------------------------------------------------ bin/lf


def test_bin_lf_names_an_unknown_role_and_the_roles_there_are(credentials, capsys):
    assert call.main(["--as", "ceo", "GET", "/me"]) == 2
    err = one_line(capsys.readouterr().err)
    assert err.startswith("bin/lf: no demo role 'ceo'") and "sales_manager" in err


def test_bin_lf_without_a_credentials_file_says_make_run_writes_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(call, "CREDENTIALS", tmp_path / "missing.json")
    assert call.main(["GET", "/me"]) == 2
    assert "make run" in one_line(capsys.readouterr().err)


def test_bin_lf_with_an_unreadable_credentials_file_says_so(credentials, capsys):
    credentials.write_text("{not json")
    assert call.main(["GET", "/me"]) == 2
    assert f"cannot read {credentials}" in one_line(capsys.readouterr().err)


def test_bin_lf_against_a_stopped_stack_says_nothing_answers(credentials, stopped_stack, capsys):
    assert call.main(["--url", stopped_stack, "GET", "/me"]) == 2
    err = one_line(capsys.readouterr().err)
    assert f"no answer from {stopped_stack}" in err and "Connection refused" in err


def test_bin_lf_stops_quietly_when_its_reader_has_gone(credentials, stack_stub, monkeypatch, capsys):
    with monkeypatch.context() as patched:
        patched.setattr(sys, "stdout", ClosedPipe())
        assert call.main(["--url", stack_stub, "GET", "/leads"]) == 141
    assert capsys.readouterr().err == "HTTP 200\n"


def test_bin_lf_prints_the_answer_and_exits_0(credentials, stack_stub, capsys):
    assert call.main(["--url", stack_stub, "GET", "/leads"]) == 0
    out, err = capsys.readouterr()
    assert err == "HTTP 200\n" and json.loads(out)["items"][0] == {"n": 0}


def test_bin_lf_calls_the_port_make_run_was_started_on(credentials, stack_stub, monkeypatch, capsys):
    port = stack_stub.rsplit(":", 1)[1]
    monkeypatch.setenv("LEADFLOW_PORT", port)          # as `LEADFLOW_PORT=... make run` serves
    assert call.main(["GET", "/leads"]) == 0
    assert capsys.readouterr().err == "HTTP 200\n"
    monkeypatch.delenv("LEADFLOW_PORT")
    assert call.default_url() == "http://127.0.0.1:8000"


# ------------------------------------------------------------------ bin/webhook


def test_bin_webhook_without_an_integrations_file_says_make_run_writes_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(webhooks, "WEBHOOKS_FILE", tmp_path / "missing.json")
    assert webhooks.main(["form", "nachname=Huber"]) == 2
    assert "make run" in one_line(capsys.readouterr().err)


def test_bin_webhook_names_a_sender_the_file_does_not_have(integrations, stack_stub, capsys):
    integrations(stack_stub)
    assert webhooks.main(["adf", "<adf/>"]) == 2
    assert one_line(capsys.readouterr().err).startswith("bin/webhook: no adf integration")


def test_bin_webhook_against_a_stopped_stack_says_nothing_answers(integrations, stopped_stack, capsys):
    integrations(stopped_stack + "/webhooks/t1.x")
    assert webhooks.main(["form", "nachname=Huber"]) == 2
    assert "Connection refused" in one_line(capsys.readouterr().err)


def test_bin_webhook_takes_a_body_longer_than_a_file_name_as_the_body(integrations, stack_stub, capsys):
    integrations(stack_stub + "/webhooks/t1.x")
    assert webhooks.main(["form", "remark=" + "x" * 300]) == 0
    assert capsys.readouterr().out.startswith("200 ")


@pytest.mark.parametrize("status", [401, 422, 503])
def test_bin_webhook_exits_1_and_prints_the_answer_when_the_api_refuses_the_delivery(integrations, refusing_stack,
                                                                                     status, capsys):
    integrations(f"{refusing_stack}/webhooks/{status}")
    assert webhooks.main(["form", "nachname=Huber"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{status} ") and '"refused"' in out


def test_bin_webhook_sent_twice_exits_1_when_either_answer_is_a_refusal(integrations, refusing_stack, capsys):
    integrations(f"{refusing_stack}/webhooks/401")
    assert webhooks.main(["form", "nachname=Huber", "--again"]) == 1
    assert capsys.readouterr().out.count("401 ") == 2


def test_bin_webhook_stops_quietly_when_its_reader_has_gone(integrations, stack_stub, monkeypatch, capsys):
    integrations(stack_stub + "/webhooks/t1.x")
    with monkeypatch.context() as patched:
        patched.setattr(sys, "stdout", ClosedPipe())
        assert webhooks.main(["form", "nachname=Huber"]) == 141
    assert capsys.readouterr().err == ""


# ------------------------------------------------------------------ both, as the shell runs them


@pytest.mark.parametrize("module, args", [("devstack.call", ["GET", "/leads"]),
                                          ("devstack.webhooks", ["form", "nachname=Huber"])])
def test_a_client_whose_pipe_is_closed_exits_141_without_a_traceback(credentials, integrations, stack_stub,
                                                                      module, args):
    hooks = integrations(stack_stub + "/webhooks/t1.x")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}    # buffered, as in a shell
    env.update(LEADFLOW_CREDENTIALS_FILE=str(credentials), LEADFLOW_WEBHOOKS_FILE=str(hooks))
    url = ["--url", stack_stub] if module == "devstack.call" else []
    reader, writer = os.pipe()
    os.close(reader)                    # as `| head -1` does once it has its line
    try:
        done = subprocess.run([sys.executable, "-m", module, *url, *args], cwd=ROOT, env=env, stdout=writer,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(writer)
    assert done.returncode == 141 and "Traceback" not in done.stderr and "Exception" not in done.stderr, done.stderr


def test_another_demo_tenants_role_is_picked_by_tenant_and_role(tmp_path, monkeypatch, credentials):
    others = tmp_path / "demo-tenants.json"
    importer = {"access_key_id": "AKIDIMPORTER", "secret_access_key": "s", "region": "eu-central-1"}
    others.write_text(json.dumps({"demo-importeur": {"admin": importer}}))
    monkeypatch.setattr(call, "OTHER_TENANTS", others)
    assert call.load_credentials("admin", "demo-importeur") == importer
    assert call.load_credentials("demo-importeur:admin") == importer
    assert call.load_credentials("sales_manager") == CREDENTIALS["sales_manager"]      # as before
    with pytest.raises(call.CallError, match="no demo role 'auditor' of demo-importeur"):
        call.load_credentials("auditor", "demo-importeur")
    with pytest.raises(call.CallError, match="no demo tenant 'nobody'"):
        call.load_credentials("nobody:admin")


def test_the_sample_form_is_written_where_serving_it_serves_no_credentials(tmp_path, monkeypatch):
    monkeypatch.setattr(webhooks, "WEBHOOKS_FILE", tmp_path / "demo-webhooks.json")
    (tmp_path / "demo-credentials.json").write_text("{}")
    path = webhooks.write_contact_form("http://127.0.0.1:8000/webhooks/t1.form")
    assert path.parent != tmp_path and [p.name for p in path.parent.iterdir()] == ["contact-form.html"]
    assert 'action="http://127.0.0.1:8000/webhooks/t1.form"' in path.read_text()
