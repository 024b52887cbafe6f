"""People sign in through the stack's Cognito user pool and get credentials that only invoke the API.

moto's CloudFormation cannot create Cognito resources: these tests read the packaged template
(after cfn-lint accepted it); tests/api/test_cognito_sign_in.py checks what the API makes of such
a caller, tests/integration/test_workspace_sign_in.py the browser module against moto's Cognito.
"""
from chalicelib.domain.permissions import ROLES
from deploy.template import group_logical_id
from tests.deploy.test_template import resources_of


def test_the_user_pool_signs_in_by_e_mail_accounts_the_operator_made_with_a_sound_password_policy(package):
    [pool] = resources_of(package["cfn"], "AWS::Cognito::UserPool").values()
    properties = pool["Properties"]
    assert properties["UsernameAttributes"] == ["email"]
    assert properties["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    password = properties["Policies"]["PasswordPolicy"]
    assert password["MinimumLength"] >= 12 and password["TemporaryPasswordValidityDays"] <= 7
    assert properties["MfaConfiguration"] == "OPTIONAL" and properties["EnabledMfas"] == ["SOFTWARE_TOKEN_MFA"]
    # The principals directory is keyed by this pool's subjects: never replaced, never deleted with the stack.
    assert (pool["DeletionPolicy"], pool["UpdateReplacePolicy"], properties["DeletionProtection"]) == (
        "Retain", "Retain", "ACTIVE")


def test_the_workspace_client_has_no_secret_and_only_password_srp_and_refresh_sign_in(package):
    [client] = resources_of(package["cfn"], "AWS::Cognito::UserPoolClient").values()
    properties = client["Properties"]
    assert properties["UserPoolId"] == {"Ref": "UserPool"} and properties["GenerateSecret"] is False
    assert sorted(properties["ExplicitAuthFlows"]) == [
        "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]
    assert "AllowedOAuthFlows" not in properties and properties["PreventUserExistenceErrors"] == "ENABLED"


def test_one_group_per_role_people_hold_each_with_its_own_role(package):
    groups = resources_of(package["cfn"], "AWS::Cognito::UserPoolGroup")
    people_roles = set(ROLES) - {"integration"}                  # integrations call with IAM roles of their own
    assert {g["Properties"]["GroupName"] for g in groups.values()} == people_roles
    assert people_roles == {"admin", "sales_manager", "sales_rep", "auditor"}
    for role in people_roles:
        group = groups[group_logical_id(role)]["Properties"]
        assert group["UserPoolId"] == {"Ref": "UserPool"}
        assert group["RoleArn"] == {"Fn::GetAtt": [f"{group_logical_id(role)}Role", "Arn"]}
    assert len({g["Properties"]["Precedence"] for g in groups.values()}) == len(groups)


def test_the_identity_pool_admits_only_people_signed_in_through_the_pool_and_maps_roles_by_token(package):
    [identity_pool] = resources_of(package["cfn"], "AWS::Cognito::IdentityPool").values()
    properties = identity_pool["Properties"]
    assert properties["AllowUnauthenticatedIdentities"] is False and properties["AllowClassicFlow"] is False
    [provider] = properties["CognitoIdentityProviders"]
    assert provider == {"ProviderName": {"Fn::GetAtt": ["UserPool", "ProviderName"]},
                        "ClientId": {"Ref": "UserPoolClient"}, "ServerSideTokenCheck": True}
    [attachment] = resources_of(package["cfn"], "AWS::Cognito::IdentityPoolRoleAttachment").values()
    assert attachment["Properties"]["IdentityPoolId"] == {"Ref": "IdentityPool"}
    assert "Roles" not in attachment["Properties"]           # no default role: the group's, or none
    [mapping] = attachment["Properties"]["RoleMappings"].values()
    assert mapping == {"IdentityProvider": {"Fn::Sub": "${UserPool.ProviderName}:${UserPoolClient}"},
                       "Type": "Token", "AmbiguousRoleResolution": "Deny"}


def test_group_roles_are_assumed_only_by_the_identity_pools_signed_in_people_and_only_invoke_the_api(package):
    groups = resources_of(package["cfn"], "AWS::Cognito::UserPoolGroup")
    roles = {name: r for name, r in resources_of(package["cfn"], "AWS::IAM::Role").items()
             if name in {f"{group}Role" for group in groups}}
    assert len(roles) == len(groups)
    for role in roles.values():
        [trust] = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        assert trust["Principal"] == {"Federated": "cognito-identity.amazonaws.com"}
        assert trust["Action"] == "sts:AssumeRoleWithWebIdentity"
        assert trust["Condition"] == {
            "StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "IdentityPool"}},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}
        [policy] = role["Properties"]["Policies"]
        [allow] = policy["PolicyDocument"]["Statement"]
        assert (allow["Effect"], allow["Action"]) == ("Allow", "execute-api:Invoke")
        assert allow["Resource"] == {
            "Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${RestAPI}/api/*"}
        assert "ManagedPolicyArns" not in role["Properties"]


def test_only_the_api_function_is_told_the_pools_and_the_stack_outputs_them(package):
    sign_in = {"LEADFLOW_COGNITO_USER_POOL_ID": {"Ref": "UserPool"},
               "LEADFLOW_COGNITO_CLIENT_ID": {"Ref": "UserPoolClient"},
               "LEADFLOW_COGNITO_IDENTITY_POOL_ID": {"Ref": "IdentityPool"}}
    for name, function in resources_of(package["cfn"], "AWS::Lambda::Function").items():
        variables = function["Properties"]["Environment"]["Variables"]
        told = {k: v for k, v in variables.items() if k.startswith("LEADFLOW_COGNITO_")}
        assert told == (sign_in if name == "APIHandler" else {}), name
    outputs = package["cfn"]["Outputs"]
    assert {outputs[k]["Value"]["Ref"] for k in ("UserPoolId", "UserPoolClientId", "IdentityPoolId")} == {
        "UserPool", "UserPoolClient", "IdentityPool"}
