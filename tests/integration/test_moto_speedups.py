"""The benchmark/dev-stack speed-up of moto transactions keeps all-or-nothing semantics."""
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

SCRIPT = textwrap.dedent("""
    import os
    os.environ.update(AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x", AWS_DEFAULT_REGION="eu-central-1")
    from devstack import moto_speedups
    moto_speedups.install()
    import boto3
    from botocore.exceptions import ClientError
    from moto import mock_aws
    with mock_aws():
        db = boto3.client("dynamodb")
        db.create_table(TableName="t", KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                        BillingMode="PAY_PER_REQUEST")
        db.put_item(TableName="t", Item={"k": {"S": "old"}, "v": {"N": "1"}})
        db.put_item(TableName="t", Item={"k": {"S": "gone"}, "v": {"N": "1"}})
        db.put_item(TableName="t", Item={"k": {"S": "guard"}, "v": {"N": "1"}})
        try:
            db.transact_write_items(TransactItems=[
                {"Put": {"TableName": "t", "Item": {"k": {"S": "new"}, "v": {"N": "2"}}}},
                {"Put": {"TableName": "t", "Item": {"k": {"S": "old"}, "v": {"N": "2"}}}},
                {"Delete": {"TableName": "t", "Key": {"k": {"S": "gone"}}}},
                {"ConditionCheck": {"TableName": "t", "Key": {"k": {"S": "guard"}},
                                    "ConditionExpression": "attribute_not_exists(k)"}},
            ])
            raise SystemExit("the transaction should have been cancelled")
        except ClientError as exc:
            assert exc.response["Error"]["Code"] == "TransactionCanceledException", exc
        items = {i["k"]["S"]: i["v"]["N"] for i in db.scan(TableName="t")["Items"]}
        assert items == {"old": "1", "gone": "1", "guard": "1"}, items
        db.transact_write_items(TransactItems=[
            {"Put": {"TableName": "t", "Item": {"k": {"S": "new"}, "v": {"N": "2"}}}},
            {"Delete": {"TableName": "t", "Key": {"k": {"S": "gone"}}}}])
        items = {i["k"]["S"]: i["v"]["N"] for i in db.scan(TableName="t")["Items"]}
        assert items == {"old": "1", "new": "2", "guard": "1"}, items
    print("ok")
""")


def test_a_cancelled_transaction_changes_nothing_with_the_speedup():
    # In a subprocess: the speed-up patches moto process-wide, and the suite runs on plain moto.
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
