"""The workspace's files, served by the app itself: what is reachable, how, and what sign-in says."""
import json

import pytest


@pytest.fixture
def browser_get(chalice_client):
    """An unsigned GET as a browser sends it (the answers are not all JSON)."""
    def get(path: str, headers: dict | None = None):
        response = chalice_client.http.request("GET", path, headers={"host": "localhost", **(headers or {})})
        response.headers = {k.lower(): v for k, v in response.headers.items()}
        response.json = json.loads(response.body) if response.headers.get("content-type", "").endswith("json") else None
        return response
    return get


def test_the_workspace_page_is_served_with_a_policy_that_allows_only_its_import_map(browser_get):
    r = browser_get("/workspace")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.body.decode()
    assert '<base href="/workspace/">' in page and '<script type="importmap">' in page
    policy = r.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


def test_the_api_root_sends_a_person_to_the_workspace(browser_get):
    r = browser_get("/")
    assert r.status_code == 302 and r.headers["location"] == "/workspace"       # relative to the stage


@pytest.mark.parametrize("path,media", [
    ("/workspace/js/main.js", "text/javascript"), ("/workspace/app.css", "text/css"),
    ("/workspace/js/screens/convert.js", "text/javascript"), ("/workspace/js/screens/privacy.js", "text/javascript"),
    ("/workspace/js/screens/lead-privacy.js", "text/javascript"), ("/workspace/vendor/preact/preact.mjs", "text/javascript"),
    ("/workspace/vendor/preact/LICENSE", "text/plain")])
def test_every_module_and_licence_is_served_with_its_type(browser_get, path, media):
    r = browser_get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert r.headers["x-content-type-options"] == "nosniff"


def test_an_unchanged_file_answers_304_to_its_etag(browser_get):
    first = browser_get("/workspace/js/api.js")
    again = browser_get("/workspace/js/api.js", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and not again.body


@pytest.mark.parametrize("path", [
    "/workspace/..%2F..%2Fapp.py", "/workspace/js/..%2F..%2Fapi%2Fworkspace.py", "/workspace/nothing.js",
    "/workspace/vendor/preact/package.json", "/workspace/js/%2E%2E/%2E%2E/config.py"])
def test_nothing_outside_the_workspace_files_is_reachable(browser_get, path):
    r = browser_get(path)
    assert r.status_code == 404 and r.json["title"] == "Not found"


def test_local_sign_in_lists_the_demo_principals_from_the_credentials_file(browser_get, tmp_path, monkeypatch):
    creds = {"sales_rep": {"access_key_id": "AKIAEXAMPLE0000001", "secret_access_key": "s3cret", "user": "l.huber",
                           "tenant": "demo-autohaus", "role": "sales_rep", "region": "eu-central-1"},
             "integration": {"access_key_id": "AKIAEXAMPLE0000002", "secret_access_key": "other", "user": "web"}}
    (tmp_path / "demo.json").write_text(json.dumps(creds))
    monkeypatch.setenv("LEADFLOW_CREDENTIALS_FILE", str(tmp_path / "demo.json"))
    config = browser_get("/workspace/config.json").json
    assert config["auth"] == "local"
    assert [p["role"] for p in config["principals"]] == ["sales_rep"]          # machines do not sign in here
    assert config["principals"][0]["access_key_id"] == "AKIAEXAMPLE0000001"


def test_the_demo_keys_go_only_to_a_page_loaded_from_this_machine(browser_get, tmp_path, monkeypatch):
    (tmp_path / "demo.json").write_text(json.dumps({"sales_rep": {"access_key_id": "AKIAEXAMPLE0000001",
                                                                  "secret_access_key": "a", "user": "rep"}}))
    monkeypatch.setenv("LEADFLOW_CREDENTIALS_FILE", str(tmp_path / "demo.json"))
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        assert len(browser_get("/workspace/config.json", {"host": host}).json["principals"]) == 1, host
    for host in ("evil.example:8000", "127.0.0.1.evil.example", ""):
        assert browser_get("/workspace/config.json", {"host": host}).json["principals"] == [], host


def test_local_sign_in_also_lists_the_demo_importer_and_its_dealers_people(browser_get, tmp_path, monkeypatch):
    (tmp_path / "demo.json").write_text(json.dumps({"admin": {"access_key_id": "AKIAEXAMPLE0000001",
                                                              "secret_access_key": "a", "user": "admin", "tenant": "demo-autohaus"}}))
    (tmp_path / "demo-tenants.json").write_text(json.dumps({"demo-importeur": {
        "admin": {"access_key_id": "AKIAEXAMPLE0000003", "secret_access_key": "b", "user": "admin", "tenant": "demo-importeur"},
        "integration": {"access_key_id": "AKIAEXAMPLE0000004", "secret_access_key": "c", "user": "web"}}}))
    monkeypatch.setenv("LEADFLOW_CREDENTIALS_FILE", str(tmp_path / "demo.json"))
    people = browser_get("/workspace/config.json").json["principals"]
    assert [(p.get("key"), p["role"], p["tenant"]) for p in people] == [
        ("admin", "admin", "demo-autohaus"), ("demo-importeur:admin", "admin", "demo-importeur")]



def tenants_file_of_make_run(monkeypatch, credentials=None):
    """Where devstack/run.py, started with these credentials, writes the other demo tenants'."""
    import importlib.util

    from tests.conftest import ROOT
    if credentials:
        monkeypatch.setenv("LEADFLOW_CREDENTIALS_FILE", str(credentials))
    else:
        monkeypatch.delenv("LEADFLOW_CREDENTIALS_FILE", raising=False)
    spec = importlib.util.spec_from_file_location("make_run_copy", ROOT / "devstack" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.OTHER_TENANTS


def test_two_stacks_whose_credentials_share_a_folder_each_list_their_own_importers_people(browser_get, tmp_path,
                                                                                          monkeypatch):
    """Both wrote the folder's demo-tenants.json: the stack started first then offered the other
    stack's importer keys, and signing in as the importer was refused ("unknown access key")."""
    stacks = (("b3", "AKIAEXAMPLE0000013"), ("h3", "AKIAEXAMPLE0000023"))
    for stack, key in stacks:
        (tmp_path / f"{stack}-creds.json").write_text(json.dumps({"admin": {
            "access_key_id": "AKIAEXAMPLE0000001", "secret_access_key": "a", "user": "admin", "tenant": "demo-autohaus"}}))
        tenants_file_of_make_run(monkeypatch, tmp_path / f"{stack}-creds.json").write_text(json.dumps({"demo-importeur": {
            "admin": {"access_key_id": key, "secret_access_key": "b", "user": "admin", "tenant": "demo-importeur"}}}))
    for stack, key in stacks:
        monkeypatch.setenv("LEADFLOW_CREDENTIALS_FILE", str(tmp_path / f"{stack}-creds.json"))
        people = browser_get("/workspace/config.json").json["principals"]
        assert [p["access_key_id"] for p in people if p["tenant"] == "demo-importeur"] == [key], stack
    assert tenants_file_of_make_run(monkeypatch).name == "demo-tenants.json"          # the default, as documented

def test_deployed_the_config_names_the_cognito_pools_and_never_a_key(aws, tmp_path, monkeypatch):
    from chalice.test import Client

    from app import app
    from tests.conftest import ROOT
    (tmp_path / "demo.json").write_text(json.dumps({"admin": {"access_key_id": "AKIAEXAMPLE0000001",
                                                              "secret_access_key": "s3cret"}}))
    monkeypatch.setenv("LEADFLOW_CREDENTIALS_FILE", str(tmp_path / "demo.json"))
    monkeypatch.setenv("LEADFLOW_COGNITO_USER_POOL_ID", "eu-central-1_AbC123")
    monkeypatch.setenv("LEADFLOW_COGNITO_CLIENT_ID", "client123")
    monkeypatch.setenv("LEADFLOW_COGNITO_IDENTITY_POOL_ID", "eu-central-1:1111-2222")
    with Client(app, stage_name="dev", project_dir=str(ROOT)) as client:          # the deployed stage: IAM auth
        r = client.http.get("/workspace/config.json", headers={"host": "localhost"})
    assert json.loads(r.body) == {"auth": "cognito", "region": "eu-central-1", "userPoolId": "eu-central-1_AbC123",
                                  "clientId": "client123", "identityPoolId": "eu-central-1:1111-2222"}
    assert b"s3cret" not in r.body and b"AKIA" not in r.body
