"""A tenant and its first admin on a deployed stack: the one mapping the API cannot make itself
(POST /principals needs an admin).

    python -m deploy.bootstrap --stack leadflow --region eu-central-1 \\
        --tenant autohaus-huber --name "Autohaus Huber" --country AT --subdivision 9 \\
        --admin arn:aws:iam::123456789012:role/LeadflowAdmin [--user admin]

Runs with the operator's AWS credentials (DynamoDB PutItem/GetItem on the stack's tenants and
principals tables). Every later user, role and integration is mapped by that admin through the
API (POST /principals). Running it again changes nothing but the tenant's name and country.
"""
import argparse
import os
import sys

from chalicelib.domain.principals import canonical_principal

KINDS = ("dealer", "importer")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack", required=True, help="the CloudFormation stack name (tables are <stack>-<name>)")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"))
    parser.add_argument("--tenant", required=True, help="the tenant id: lower-case letters, digits and dashes")
    parser.add_argument("--name", required=True)
    parser.add_argument("--kind", choices=KINDS, default="dealer")
    parser.add_argument("--country", default="AT", choices=("AT", "DE", "CH"))
    parser.add_argument("--subdivision", help="Bundesland or canton code for public holidays, e.g. 9 (Vienna), BY, ZH")
    parser.add_argument("--admin", required=True, help="the IAM user or role ARN of the first admin")
    parser.add_argument("--user", default="admin", help="the leadflow user id the admin principal stands for")
    args = parser.parse_args(argv)
    principal = canonical_principal(args.admin)
    if principal is None:
        parser.error(f"--admin: {args.admin!r} is not an IAM user or role ARN (arn:aws:iam::ACCOUNT:role/NAME)")
    if not args.region:
        parser.error("--region: say which region the stack is in")
    os.environ.update({"LEADFLOW_TABLE_PREFIX": f"{args.stack}-", "LEADFLOW_REGION": args.region})
    bootstrap(args.tenant, name=args.name, kind=args.kind, country=args.country, subdivision=args.subdivision,
              principal=principal, user=args.user)
    print(f"tenant {args.tenant}: {principal} is admin user {args.user!r}; map everyone else with POST /principals")
    return 0


def bootstrap(tenant: str, *, name: str, kind: str, country: str, subdivision: str | None, principal: str,
              user: str) -> None:
    from chalicelib.store import directory
    account = principal.split(":")[4]
    settings = directory.get_tenant_settings(tenant)
    data = dict(settings.data) if settings else {}
    accounts = sorted({*data.get("aws_accounts", []), account})
    directory.put_tenant_settings(tenant, {**data, "name": name, "country": country, "subdivision": subdivision,
                                           "kind": kind, "aws_accounts": accounts})
    if directory.get_user(tenant, user) is None:
        directory.put_user(tenant, user, {"name": user, "role": "admin"})
    directory.put_principal(principal, tenant=tenant, user=user, role="admin")


if __name__ == "__main__":
    sys.exit(main())
