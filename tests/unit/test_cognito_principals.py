"""A person of a Cognito user pool has one spelling as a principal, and only a sign-in through the
configured pool yields it."""
import pytest

from chalicelib.domain.principals import (
    aws_account, canonical_principal, cognito_principal, cognito_user_pool, signed_in_principal,
)

POOL = "eu-central-1_AbCdEf123"
SUB = "7d3f1a52-8c1e-4b7a-9a35-2f4e8f0c6b11"
ISSUER = f"cognito-idp.eu-central-1.amazonaws.com/{POOL}"


@pytest.mark.parametrize("value, expected", [
    (f"cognito:{POOL}:{SUB}", f"cognito:{POOL}:{SUB}"),
    (f"cognito:{POOL}:{SUB.upper()}", f"cognito:{POOL}:{SUB}"),            # the sub in lower case
    (f"cognito:{POOL}:jane", None),                                        # a sub is a UUID
    (f"cognito:{POOL}:{SUB}:x", None),
    (f"cognito:AbCdEf123:{SUB}", None),                                    # a pool id names its region
    (f"cognito:{POOL}/{SUB}", None),
    ("arn:aws:sts::123456789012:assumed-role/dealer-app/alice", "arn:aws:iam::123456789012:role/dealer-app"),
])
def test_what_an_admin_may_map(value, expected):
    assert canonical_principal(value) == expected


def test_accounts_belong_to_iam_principals_and_pools_to_cognito_ones():
    person = cognito_principal(POOL, SUB)
    assert (cognito_user_pool(person), aws_account(person)) == (POOL, None)
    role = "arn:aws:iam::123456789012:role/dealer-app"
    assert (cognito_user_pool(role), aws_account(role)) == (None, "123456789012")


@pytest.mark.parametrize("provider, expected", [
    (f"{ISSUER},{ISSUER}:CognitoSignIn:{SUB}", f"cognito:{POOL}:{SUB}"),
    (f"{ISSUER}:CognitoSignIn:{SUB}", f"cognito:{POOL}:{SUB}"),
    (f"cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other,"
     f"cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other:CognitoSignIn:{SUB}", None),
    (f"cognito-idp.us-east-1.amazonaws.com/{POOL}:CognitoSignIn:{SUB}", None),     # not where the pool is
    (f"{ISSUER}:CognitoSignIn:{SUB},{ISSUER}:CognitoSignIn:c0a8e4f2-1b6d-4e1a-8f3c-5a9d7e2b4c60", None),
    (f"{ISSUER}:CognitoSignIn:jane", None),
    (f"graph.facebook.com:{SUB}", None), ("", None), (None, None),
])
def test_only_a_sign_in_through_the_configured_pool_names_a_person(provider, expected):
    assert signed_in_principal(provider, POOL) == expected
