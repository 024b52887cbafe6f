"""make run: moto (DynamoDB, S3) in this process, tables, bucket, demo tenant, chalice local."""
import json
import os
import signal
import sys
import threading
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))          # started as a script (make run): the repository's packages first
from chalicelib.config import demo_tenants_file  # noqa: E402
CREDENTIALS = Path(os.environ.get("LEADFLOW_CREDENTIALS_FILE", ROOT / ".leadflow" / "demo-credentials.json"))
# The other demo tenants' credentials, by tenant then role (devstack/call.py reads them for --tenant).
OTHER_TENANTS = demo_tenants_file(CREDENTIALS)


def configure_environment(moto_port: int) -> None:
    endpoint = f"http://127.0.0.1:{moto_port}"
    os.environ.update({
        "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": os.environ.get("LEADFLOW_REGION", "eu-central-1"),
        "LEADFLOW_DYNAMODB_ENDPOINT": endpoint, "LEADFLOW_S3_ENDPOINT": endpoint, "LEADFLOW_SQS_ENDPOINT": endpoint,
        "LEADFLOW_KMS_ENDPOINT": endpoint,
        "LEADFLOW_AUTH_MODE": "local-sigv4",
    })
    # Escalation notifications (services/notify.py): a JSON line each, where the SNS topic is when deployed.
    os.environ.setdefault("LEADFLOW_OUTBOX", str(ROOT / ".leadflow" / "outbox.jsonl"))
    os.environ.pop("AWS_PROFILE", None)
    os.environ.pop("AWS_SESSION_TOKEN", None)


def fresh_outbox(path: Path) -> None:
    """Empty the notifications of an earlier run: the data is seeded anew, so they name leads
    that exist no more."""
    if path.exists():
        path.write_text("")


def main() -> int:
    host = os.environ.get("LEADFLOW_HOST", "127.0.0.1")
    port = int(os.environ.get("LEADFLOW_PORT", "8000"))
    moto_port = int(os.environ.get("LEADFLOW_MOTO_PORT", "4566"))
    configure_environment(moto_port)

    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from devstack import moto_speedups
    moto_speedups.install()
    from moto.server import ThreadedMotoServer
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=moto_port, verbose=False)
    moto.start()

    import boto3
    from chalicelib.config import get_settings
    from chalicelib.store.models import create_tables
    from devstack.seed import seed_demo

    create_tables()
    settings = get_settings()
    s3 = boto3.client("s3", endpoint_url=settings.s3_endpoint, region_name=settings.region)
    s3.create_bucket(Bucket=settings.bucket, CreateBucketConfiguration={"LocationConstraint": settings.region})
    # As deployed (deploy/template.py): an import reads the version it was made of, whatever comes later.
    s3.put_bucket_versioning(Bucket=settings.bucket, VersioningConfiguration={"Status": "Enabled"})
    bridge = start_import_bridge(settings)
    previous = json.loads(CREDENTIALS.read_text()) if CREDENTIALS.exists() else {}
    keys = {role: (c["access_key_id"], c["secret_access_key"]) for role, c in previous.items()}
    credentials = seed_demo(keys)
    CREDENTIALS.parent.mkdir(exist_ok=True)
    CREDENTIALS.write_text(json.dumps(credentials, indent=2))
    CREDENTIALS.chmod(0o600)
    os.environ["LEADFLOW_CREDENTIALS_FILE"] = str(CREDENTIALS)     # the workspace's local sign-in lists them
    from devstack.webhooks import seed_integrations
    seed_integrations("demo-autohaus", credentials["admin"], f"http://{host}:{port}")
    # The importer and the second dealer (forwarding): bin/lf --tenant demo-importeur ... signs as them.
    from devstack.seed import seed_importer
    earlier = json.loads(OTHER_TENANTS.read_text()) if OTHER_TENANTS.exists() else {}
    others = seed_importer({tenant: {role: (c["access_key_id"], c["secret_access_key"]) for role, c in roles.items()}
                            for tenant, roles in earlier.items()})
    OTHER_TENANTS.write_text(json.dumps(others, indent=2))
    OTHER_TENANTS.chmod(0o600)
    # The demo's overdue leads escalate now, before anyone reads them; then the bridge's timer goes on.
    fresh_outbox(Path(os.environ["LEADFLOW_OUTBOX"]))
    from chalicelib.services.escalation import escalate_overdue
    try:
        escalate_overdue()
    except Exception as exc:                       # the stack still starts; say what went wrong
        print(f"escalation sweep: {type(exc).__name__}: {exc}", flush=True)

    from chalice.cli.factory import CLIFactory
    from chalice.local import ThreadedHTTPServer
    from devstack.local_server import create_server
    # chalice local lets IAMAuthorizer routes through, warning that every request is authorized.
    # Untrue here: leadflow verifies SigV4 itself (LEADFLOW_AUTH_MODE=local-sigv4); the banner says so.
    warnings.filterwarnings("ignore", message="IAMAuthorizer is not a supported in local mode",
                            category=UserWarning, module="chalice.local")
    # socketserver's listen backlog of 5 resets connections when 20 senders post at once.
    ThreadedHTTPServer.request_queue_size = 128
    os.chdir(ROOT)
    factory = CLIFactory(str(ROOT))
    config = factory.create_config_obj(chalice_stage_name="local")
    server = create_server(config.chalice_app, config, host, port)
    _print_banner(host, port, moto_port, credentials)

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    try:
        server.server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        bridge.set()
        server.server.server_close()
        moto.stop()
        print("leadflow stopped.")
    return 0


LAMBDA_TIMEOUT_SECONDS = 900     # the import functions' lambda_timeout in .chalice/config.json


def start_import_bridge(settings) -> threading.Event:
    """What AWS does with the bucket's S3 notification and the continue queue: moto sends the
    notification to a queue, this thread hands each message to the same handler the Lambda runs,
    with the Lambda's time limit. A message whose handler fails stays on its queue and comes
    back, as SQS redelivers. Returns the event that stops the thread."""
    import time

    import boto3
    from chalicelib.services.escalation import escalate_overdue
    from chalicelib.services.import_events import handle_continuations, handle_s3_event, sweep_stalled_imports

    s3 = boto3.client("s3", endpoint_url=settings.s3_endpoint, region_name=settings.region)
    sqs = boto3.client("sqs", endpoint_url=settings.sqs_endpoint, region_name=settings.region)
    queue_url = sqs.create_queue(QueueName=settings.import_queue,
                                 Attributes={"VisibilityTimeout": str(LAMBDA_TIMEOUT_SECONDS)})["QueueUrl"]
    continue_url = sqs.create_queue(QueueName=settings.continue_queue,
                                    Attributes={"VisibilityTimeout": str(LAMBDA_TIMEOUT_SECONDS)})["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.put_bucket_notification_configuration(Bucket=settings.bucket, NotificationConfiguration={
        "QueueConfigurations": [{"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"],
                                 "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "incoming/"}]}}}]})
    stop = threading.Event()

    def s3_event(body: str, time_left) -> list:
        event = json.loads(body)
        return handle_s3_event(event, time_left=time_left) if event.get("Records") else []   # skip s3:TestEvent

    def continuation(body: str, time_left) -> list:
        return handle_continuations([body], time_left=time_left)

    def poll():
        swept = escalated = time.monotonic()
        while not stop.is_set():
            if time.monotonic() - swept > 300:             # the 15-minute schedule of the deployed sweep
                swept = time.monotonic()
                sweep_stalled_imports()
            if time.monotonic() - escalated > 60:          # the deployed escalation runs every 15 minutes
                escalated = time.monotonic()
                try:
                    report = escalate_overdue()
                    if report.steps:
                        print(f"escalation: {report.steps} steps taken on {report.overdue} overdue leads "
                              f"(notifications in {os.environ['LEADFLOW_OUTBOX']})", flush=True)
                except Exception as exc:                   # keep the bridge alive; say what went wrong
                    print(f"escalation sweep: {type(exc).__name__}: {exc}", flush=True)
            for url, handle in ((queue_url, s3_event), (continue_url, continuation)):
                try:
                    # One message at a time, as the deployed function gets them (batch size 1): a file
                    # that fails goes back to the queue alone, and the files after it are imported now.
                    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, WaitTimeSeconds=1)
                    for message in messages.get("Messages", []):
                        deadline = time.monotonic() + LAMBDA_TIMEOUT_SECONDS
                        for result in handle(message["Body"], lambda: deadline - time.monotonic()):
                            print(f"import: {json.dumps(result, ensure_ascii=False)}", flush=True)
                        sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                except Exception as exc:                   # keep the bridge alive; say what went wrong
                    print(f"import bridge: {type(exc).__name__}: {exc}", flush=True)
                    stop.wait(1)
    threading.Thread(target=poll, name="import-bridge", daemon=True).start()
    return stop


def client_commands(port: int, moto_port: int) -> tuple[str, str]:
    """bin/lf and make import as another terminal must call them to reach this stack: bin/lf reads
    LEADFLOW_PORT (and LEADFLOW_CREDENTIALS_FILE), make import LEADFLOW_MOTO_PORT, each with make
    run's defaults, so a stack on other ports or credentials is named in the commands shown."""
    lf = []
    if port != 8000:
        lf.append(f"LEADFLOW_PORT={port}")
    if CREDENTIALS != ROOT / ".leadflow" / "demo-credentials.json":
        lf.append(f"LEADFLOW_CREDENTIALS_FILE={CREDENTIALS}")
    drop = [f"LEADFLOW_MOTO_PORT={moto_port}"] if moto_port != 4566 else []
    return " ".join([*lf, "bin/lf"]), " ".join([*drop, "make import"])


def _print_banner(host, port, moto_port, credentials) -> None:
    from chalicelib.api.routing import ENDPOINTS
    manager = credentials["sales_manager"]
    lf, make_import = client_commands(port, moto_port)
    # The API's unsigned routes; the workspace's files (/, /workspace...) are public, its calls signed.
    *others, last = sorted({e.path for e in ENDPOINTS if not e.auth and e.path != "/" and not e.path.startswith("/workspace")})
    unsigned = f"{', '.join(others)} and {last}"
    print(f"""
leadflow is running (tenant demo-autohaus: 54 demo leads, 3 of them to review (needs_review=true), a customer master of 97)
  Workspace    http://{host}:{port}/workspace   (open it in a browser; sign in as any demo user)
  API          http://{host}:{port}
  DynamoDB/S3  http://127.0.0.1:{moto_port}  (moto, in this process; state is lost on exit)
  Credentials  {CREDENTIALS}  (one per role: {', '.join(credentials)})
  Importer     demo-importeur (Auto Import Austria GmbH) forwards leads asking for dealer contact to demo-autohaus
               (postal codes 1*) and demo-autohaus-graz (8*); its roles: {OTHER_TENANTS}
  Outbox       {os.environ.get("LEADFLOW_OUTBOX")}  (escalation notifications; the sweep runs every minute)
  SigV4        every route but {unsigned} needs a signature; leadflow verifies it against these credentials

Try, in another terminal:
  curl -s http://{host}:{port}/health
  {lf} --as sales_manager GET /leads qualification=hot page_size=10
  {lf} --as sales_rep GET /leads assignee=me sort=due
  curl -s --aws-sigv4 "aws:amz:{manager['region']}:execute-api" \\
       --user "{manager['access_key_id']}:{manager['secret_access_key']}" http://{host}:{port}/me
  {make_import} FILE=tests/fixtures/imports/vienna-autoshow-2017.cp1252.csv   (then: {lf} GET /imports)
  bin/webhook adf tests/fixtures/webhooks/adf-lead.xml --again   (senders: json, form, google, adf)
  {lf} --as demo-importeur:sales_manager GET /leads status=forwarded   (another tenant: TENANT:ROLE)
  python3 -m http.server 8081 --bind 127.0.0.1 -d .leadflow/form   (then open http://127.0.0.1:8081/contact-form.html)

Ctrl-C stops everything.
""", flush=True)


if __name__ == "__main__":
    sys.exit(main())
