"""The first admin of a tenant on a deployed stack: the mapping the API cannot make for itself."""
import pytest
from moto import mock_aws


@pytest.fixture
def stack_tables(monkeypatch):
    monkeypatch.setenv("LEADFLOW_TABLE_PREFIX", "lf-prod-")
    with mock_aws():
        from chalicelib.store.models import bind_models, create_tables
        create_tables()
        yield
        monkeypatch.setenv("LEADFLOW_TABLE_PREFIX", "test-leadflow-")
        bind_models()


def test_bootstrap_maps_the_first_admin_of_a_tenant_in_the_stacks_tables(stack_tables, capsys):
    from deploy.bootstrap import main

    from chalicelib.services.tenants import load_tenant
    from chalicelib.store import directory
    assert main(["--stack", "lf-prod", "--region", "eu-central-1", "--tenant", "autohaus-huber",
                 "--name", "Autohaus Huber", "--country", "AT", "--subdivision", "9",
                 "--admin", "arn:aws:sts::123456789012:assumed-role/LeadflowAdmin/jane.doe"]) == 0
    mapping = directory.get_principal("arn:aws:iam::123456789012:role/LeadflowAdmin")   # the role, not the session
    assert (mapping.tenant, mapping.user, mapping.role, mapping.active) == ("autohaus-huber", "admin", "admin", True)
    tenant = load_tenant("autohaus-huber")
    assert tenant.aws_accounts == ("123456789012",) and tenant.name == "Autohaus Huber"
    assert "POST /principals" in capsys.readouterr().out
    from chalicelib.store.models import PrincipalItem
    assert PrincipalItem.Meta.table_name == "lf-prod-principals"


def test_bootstrap_refuses_what_is_not_an_iam_user_or_role(stack_tables, capsys):
    from deploy.bootstrap import main
    with pytest.raises(SystemExit) as exit_:
        main(["--stack", "lf-prod", "--region", "eu-central-1", "--tenant", "t", "--name", "T",
              "--admin", "arn:aws:iam::123456789012:group/Admins"])
    assert exit_.value.code == 2 and "--admin" in capsys.readouterr().err


def test_bootstrap_creates_a_person_as_the_first_admin_in_the_user_pool_and_maps_their_subject(stack_tables, capsys):
    import boto3

    from chalicelib.services.tenants import load_tenant
    from chalicelib.store import directory
    from deploy.bootstrap import main
    idp = boto3.client("cognito-idp", region_name="eu-central-1")
    pool = idp.create_user_pool(PoolName="lf-prod-people", UsernameAttributes=["email"])["UserPool"]["Id"]
    idp.create_group(UserPoolId=pool, GroupName="admin")
    args = ["--stack", "lf-prod", "--region", "eu-central-1", "--tenant", "autohaus-huber", "--name", "Autohaus Huber",
            "--admin-email", "jane.huber@autohaus-huber.at", "--user-pool-id", pool, "--aws-account", "123456789012"]
    assert main(args) == 0
    person = idp.admin_get_user(UserPoolId=pool, Username="jane.huber@autohaus-huber.at")
    sub = {a["Name"]: a["Value"] for a in person["UserAttributes"]}["sub"]
    assert person["UserStatus"] == "FORCE_CHANGE_PASSWORD"           # invited: sets a password at the first sign-in
    assert [g["GroupName"] for g in idp.admin_list_groups_for_user(UserPoolId=pool, Username=person["Username"])["Groups"]] == ["admin"]
    mapping = directory.get_principal(f"cognito:{pool}:{sub}")
    assert (mapping.tenant, mapping.user, mapping.role, mapping.active) == ("autohaus-huber", "admin", "admin", True)
    assert load_tenant("autohaus-huber").aws_accounts == ("123456789012",)      # integrations it may map
    assert f"cognito:{pool}:{sub}" in capsys.readouterr().out
    assert main(args) == 0                                                # again: the same person, the same mapping
    assert len(idp.list_users(UserPoolId=pool)["Users"]) == 1
    again = directory.get_principal(f"cognito:{pool}:{sub}")
    assert (again.tenant, again.user, again.role, again.active) == ("autohaus-huber", "admin", "admin", True)


def test_bootstrap_with_an_admin_email_needs_the_user_pool(stack_tables, capsys):
    from deploy.bootstrap import main
    with pytest.raises(SystemExit) as exit_:
        main(["--stack", "lf-prod", "--region", "eu-central-1", "--tenant", "t", "--name", "T",
              "--admin-email", "jane@example.at"])
    assert exit_.value.code == 2 and "--user-pool-id" in capsys.readouterr().err
