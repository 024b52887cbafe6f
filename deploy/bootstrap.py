"""A tenant and its first admin on a deployed stack: the one mapping the API cannot make itself
(POST /principals needs an admin).

    python -m deploy.bootstrap --stack leadflow --region eu-central-1 \\
        --tenant autohaus-huber --name "Autohaus Huber" --country AT --subdivision 9 \\
        --admin arn:aws:iam::123456789012:role/LeadflowAdmin [--user admin]

or, for an admin who is a person signing in to the workspace:

        --admin-email jane.huber@autohaus-huber.at --user-pool-id eu-central-1_AbCdEf123 \\
        [--aws-account 123456789012]

which creates the person in the stack's user pool (Cognito e-mails them a temporary password
they change at their first sign-in), puts them in its `admin` group and maps their subject.

Runs with the operator's AWS credentials (DynamoDB PutItem/GetItem on the stack's tenants and
principals tables; with --admin-email also cognito-idp AdminCreateUser, AdminGetUser and
AdminAddUserToGroup on the user pool). Every later user, role and integration is mapped by that
admin through the API (POST /principals); --aws-account (and an IAM admin's own account) says
whose IAM principals that admin may map. Running it again changes nothing but the tenant's name
and country (and adds accounts).
"""
import argparse
import os
import sys

from chalicelib.domain.principals import aws_account, canonical_principal, cognito_principal

KINDS = ("dealer", "importer")
ADMIN_GROUP = "admin"              # the user pool group of leadflow's admin role (deploy/template.py)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack", required=True, help="the CloudFormation stack name (tables are <stack>-<name>)")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"))
    parser.add_argument("--tenant", required=True, help="the tenant id: lower-case letters, digits and dashes")
    parser.add_argument("--name", required=True)
    parser.add_argument("--kind", choices=KINDS, default="dealer")
    parser.add_argument("--country", default="AT", choices=("AT", "DE", "CH"))
    parser.add_argument("--subdivision", help="Bundesland or canton code for public holidays, e.g. 9 (Vienna), BY, ZH")
    admin = parser.add_mutually_exclusive_group(required=True)
    admin.add_argument("--admin", help="the IAM user or role ARN of the first admin")
    admin.add_argument("--admin-email", help="the first admin is a person: their e-mail address in the user pool")
    parser.add_argument("--user-pool-id", help="with --admin-email: the stack's UserPoolId output")
    parser.add_argument("--aws-account", action="append", default=[], metavar="ACCOUNT",
                        help="an AWS account whose IAM principals (integrations) the admin may map; repeatable")
    parser.add_argument("--user", default="admin", help="the leadflow user id the admin principal stands for")
    args = parser.parse_args(argv)
    if not args.region:
        parser.error("--region: say which region the stack is in")
    if any(not (account.isdigit() and len(account) == 12) for account in args.aws_account):
        parser.error("--aws-account: a 12-digit AWS account id")
    if args.admin:
        principal = canonical_principal(args.admin)
        if principal is None or aws_account(principal) is None:
            parser.error(f"--admin: {args.admin!r} is not an IAM user or role ARN (arn:aws:iam::ACCOUNT:role/NAME)")
    else:
        if not args.user_pool_id:
            parser.error("--admin-email needs --user-pool-id (the stack's UserPoolId output)")
        principal = add_person(args.user_pool_id, args.admin_email, group=ADMIN_GROUP, region=args.region)
    os.environ.update({"LEADFLOW_TABLE_PREFIX": f"{args.stack}-", "LEADFLOW_REGION": args.region})
    bootstrap(args.tenant, name=args.name, kind=args.kind, country=args.country, subdivision=args.subdivision,
              principal=principal, user=args.user, aws_accounts=args.aws_account)
    print(f"tenant {args.tenant}: {principal} is admin user {args.user!r}; map everyone else with POST /principals")
    if args.admin_email:
        print(f"{args.admin_email} gets a temporary password by e-mail and sets their own at the first sign-in")
    return 0


def add_person(user_pool_id: str, email: str, *, group: str, region: str) -> str:
    """The principal of the person with this e-mail in the user pool, created there (Cognito sends
    the invitation) unless they exist already, and in the group."""
    import boto3
    idp = boto3.client("cognito-idp", region_name=region)
    try:
        user = idp.admin_create_user(
            UserPoolId=user_pool_id, Username=email, DesiredDeliveryMediums=["EMAIL"],
            # The operator vouches for the address: recovery by e-mail works from the start.
            UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}])["User"]
        username, attributes = user["Username"], user["Attributes"]
    except idp.exceptions.UsernameExistsException:
        user = idp.admin_get_user(UserPoolId=user_pool_id, Username=email)
        username, attributes = user["Username"], user["UserAttributes"]
    idp.admin_add_user_to_group(UserPoolId=user_pool_id, Username=username, GroupName=group)
    [sub] = [attribute["Value"] for attribute in attributes if attribute["Name"] == "sub"]
    return cognito_principal(user_pool_id, sub)


def bootstrap(tenant: str, *, name: str, kind: str, country: str, subdivision: str | None, principal: str,
              user: str, aws_accounts: list[str] | tuple[str, ...] = ()) -> None:
    from chalicelib.store import directory
    settings = directory.get_tenant_settings(tenant)
    data = dict(settings.data) if settings else {}
    own_account = [aws_account(principal)] if aws_account(principal) else []
    accounts = sorted({*data.get("aws_accounts", []), *aws_accounts, *own_account})
    directory.put_tenant_settings(tenant, {**data, "name": name, "country": country, "subdivision": subdivision,
                                           "kind": kind, "aws_accounts": accounts})
    if directory.get_user(tenant, user) is None:
        directory.put_user(tenant, user, {"name": user, "role": "admin"})
    directory.put_principal(principal, tenant=tenant, user=user, role="admin")


if __name__ == "__main__":
    sys.exit(main())
