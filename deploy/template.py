"""The merge template `chalice package` adds to what it generates: every resource leadflow uses.

Chalice writes the functions, their roles, the API and the schedule; this module adds the tables
(from the PynamoDB models, so the two cannot drift), the file bucket, the queues, the KMS key, the
log groups and the alarms, points each function at them, and replaces each role's policy with one
that grants that function only what it uses (deploy/policies.py).

People sign in to the workspace through the stack's Cognito user pool; its identity pool turns
the sign-in into temporary AWS credentials of the person's group role, which may only invoke this
API (see sign_in()). leadflow then tells people apart by their user pool subject
(chalicelib/services/identity.py), not by the role.

Names: tables are `<stack>-<table>`, so `LEADFLOW_TABLE_PREFIX` is `<stack>-`; the bucket is
`<stack>-files-<account>-<region>` (S3 names are global and lower case: use a short lower-case
stack name); queues, key and log groups get names CloudFormation makes or derives from the stack.
"""
from pynamodb.models import Model

from chalicelib.domain.permissions import ROLES
from chalicelib.domain.retention import MAX_IMPORT_REPORT_DAYS, MAX_RAW_PAYLOAD_DAYS
from chalicelib.store.models import ALL_MODELS, LOCAL_ONLY_TABLES, ttl_attribute

from . import policies
from .policies import BUCKET_NAME, FUNCTIONS

LAMBDA_TIMEOUT_SECONDS = 900          # the import functions' lambda_timeout in .chalice/config.json
API_TIMEOUT_SECONDS = 29              # API Gateway gives up after 29 s
# AWS advises a queue visibility timeout of six times the consuming function's timeout, so that
# a message is not handed out again while an invocation (and its retries) may still hold it.
QUEUE_VISIBILITY_SECONDS = 6 * LAMBDA_TIMEOUT_SECONDS
MAX_RECEIVES = 5                      # then the message goes to the dead-letter queue
DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600   # the SQS maximum: time to look into a failed file
TRACING = {"Fn::If": ["TracingOn", "Active", "PassThrough"]}
# The roles people hold, one user pool group each. Integrations are machines: they call with IAM
# credentials of their own (an IAM role mapped with POST /principals) and never sign in.
PEOPLE_ROLES = tuple(role for role in ROLES if role != "integration")
API_STAGE = "api"                     # api_gateway_stage in .chalice/config.json
# Identity pool credentials and ID tokens last an hour; the workspace refreshes them with the
# refresh token, which lasts a working day: then the person signs in again.
TOKEN_MINUTES = 60
REFRESH_TOKEN_HOURS = 12


def merge_template() -> dict:
    resources = {
        **tables(),
        **bucket(),
        **queues(),
        **webhook_key(),
        **notify_topic(),
        **log_groups(),
        **functions(),
        **roles(),
        **alarms(),
        **sign_in(),
    }
    return {
        "Parameters": parameters(),
        "Conditions": {
            "TracingOn": {"Fn::Equals": [{"Ref": "Tracing"}, "Active"]},
            "HasAlarmTopic": {"Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmTopicArn"}, ""]}]},
        },
        "Resources": resources,
        "Outputs": {
            "FilesBucket": {"Value": {"Ref": "FilesBucket"}},
            "ImportQueueUrl": {"Value": {"Ref": "ImportQueue"}},
            "ImportDeadLetterQueueUrl": {"Value": {"Ref": "ImportDeadLetterQueue"}},
            "TablePrefix": {"Value": {"Fn::Sub": "${AWS::StackName}-"}},
            "UserPoolId": {"Value": {"Ref": "UserPool"}},
            "UserPoolClientId": {"Value": {"Ref": "UserPoolClient"}},
            "IdentityPoolId": {"Value": {"Ref": "IdentityPool"}},
            "NotifyTopicArn": {"Value": {"Ref": "NotifyTopic"}},
        },
    }


def parameters() -> dict:
    return {
        "Tracing": {"Type": "String", "AllowedValues": ["Active", "PassThrough"], "Default": "PassThrough",
                    "Description": "X-Ray tracing of the functions and the API (Active costs per trace)."},
        "AlarmTopicArn": {"Type": "String", "Default": "",
                          "Description": "SNS topic the alarms notify (empty: alarms without notification)."},
        "LogRetentionDays": {"Type": "Number", "Default": 30,
                             "AllowedValues": [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365],
                             "Description": "How long the functions' logs are kept."},
        # The outer bounds of the tenants' retention (domain/retention.py): a tenant keeps them shorter, never longer.
        "ReportRetentionDays": {"Type": "Number", "Default": 90, "MinValue": 1,
                                "MaxValue": MAX_IMPORT_REPORT_DAYS,
                                "Description": "Days an import's error report stays in the bucket at most."},
        "RawPayloadRetentionDays": {"Type": "Number", "Default": MAX_RAW_PAYLOAD_DAYS, "MinValue": 1,
                                    "MaxValue": MAX_RAW_PAYLOAD_DAYS,
                                    "Description": "Days a webhook delivery's raw body stays in the bucket at most."},
        "ImportedFileRetentionDays": {"Type": "Number", "Default": 365, "MinValue": 1,
                                      "Description": "Days an imported file stays in the bucket."},
    }


# -- DynamoDB ---------------------------------------------------------------------------------------

def tables() -> dict:
    return {table_logical_id(name): {
        "Type": "AWS::DynamoDB::Table",
        "DeletionPolicy": "Retain",               # a deleted stack keeps the data; so does a replacement
        "UpdateReplacePolicy": "Retain",
        "Properties": table_properties(name, model),
    } for name, model in ALL_MODELS.items() if name not in LOCAL_ONLY_TABLES}


def table_logical_id(name: str) -> str:
    return "".join(part.title() for part in name.split("-")) + "Table"


def table_properties(name: str, model: type[Model]) -> dict:
    """The table exactly as the model declares it (PynamoDB's own schema), on demand and protected."""
    schema = model._get_schema()
    properties = {
        "TableName": {"Fn::Sub": f"${{AWS::StackName}}-{name}"},
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": sorted(schema["attribute_definitions"], key=lambda a: a["AttributeName"]),
        "KeySchema": _hash_first(schema["key_schema"]),
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "DeletionProtectionEnabled": True,
        "SSESpecification": {"SSEEnabled": True},     # KMS with the AWS managed key (default is AWS owned)
    }
    indexes = [{
        "IndexName": index["index_name"],
        "KeySchema": _hash_first(index["key_schema"]),
        "Projection": index["projection"],
    } for index in schema["global_secondary_indexes"]]
    if indexes:
        properties["GlobalSecondaryIndexes"] = sorted(indexes, key=lambda i: i["IndexName"])
    if schema["local_secondary_indexes"]:
        raise ValueError(f"{name}: local secondary indexes are not generated yet")
    if ttl_attribute(model):
        properties["TimeToLiveSpecification"] = {"AttributeName": ttl_attribute(model), "Enabled": True}
    return properties


def _hash_first(key_schema: list[dict]) -> list[dict]:
    """PynamoDB may list RANGE before HASH; CloudFormation wants HASH first."""
    return sorted(key_schema, key=lambda k: k["KeyType"] != "HASH")


# -- S3 ---------------------------------------------------------------------------------------------

def bucket() -> dict:
    api_origin = {"Fn::Sub": "https://${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}"}

    def expire(rule_id: str, prefix: str, days_parameter: str) -> dict:
        return {"Id": rule_id, "Status": "Enabled", "Prefix": prefix, "ExpirationInDays": {"Ref": days_parameter}}
    return {
        "FilesBucket": {
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "DependsOn": ["ImportQueuePolicy"],      # S3 checks it may send to the queue
            "Properties": {
                "BucketName": BUCKET_NAME,
                "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                                   "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
                "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
                "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": True}]},
                "VersioningConfiguration": {"Status": "Enabled"},
                "LifecycleConfiguration": {"Rules": [
                    expire("error-reports", "reports/", "ReportRetentionDays"),
                    expire("raw-webhook-payloads", "webhooks/", "RawPayloadRetentionDays"),
                    expire("imported-files", "incoming/", "ImportedFileRetentionDays"),
                    {"Id": "old-versions", "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 7},
                     "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}},
                ]},
                # The workspace (served by the API) uploads files with the presigned PUT.
                "CorsConfiguration": {"CorsRules": [{
                    "AllowedMethods": ["PUT"], "AllowedOrigins": [api_origin],
                    "AllowedHeaders": ["content-type", "content-md5"], "MaxAge": 3600}]},
                "NotificationConfiguration": {"QueueConfigurations": [{
                    "Event": "s3:ObjectCreated:*", "Queue": {"Fn::GetAtt": ["ImportQueue", "Arn"]},
                    "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "incoming/"}]}}}]},
            },
        },
        "FilesBucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {"Bucket": {"Ref": "FilesBucket"}, "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [policies.deny_without_tls(
                    [{"Fn::GetAtt": ["FilesBucket", "Arn"]}, {"Fn::Sub": "${FilesBucket.Arn}/*"}], "s3:*")]}},
        },
    }


# -- SQS --------------------------------------------------------------------------------------------

def queues() -> dict:
    resources = {}
    for name in ("Import", "Continue"):
        resources[f"{name}DeadLetterQueue"] = {
            "Type": "AWS::SQS::Queue",
            "Properties": {"MessageRetentionPeriod": DEAD_LETTER_RETENTION_SECONDS, "SqsManagedSseEnabled": True},
        }
        resources[f"{name}Queue"] = {
            "Type": "AWS::SQS::Queue",
            "Properties": {
                "VisibilityTimeout": QUEUE_VISIBILITY_SECONDS,
                "SqsManagedSseEnabled": True,
                "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": [f"{name}DeadLetterQueue", "Arn"]},
                                  "maxReceiveCount": MAX_RECEIVES},
            },
        }
    resources["ImportQueuePolicy"] = {
        "Type": "AWS::SQS::QueuePolicy",
        "Properties": {"Queues": [{"Ref": "ImportQueue"}], "PolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{
                "Sid": "BucketNotifications",
                "Effect": "Allow",
                "Principal": {"Service": "s3.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": {"Fn::GetAtt": ["ImportQueue", "Arn"]},
                "Condition": {"ArnEquals": {"aws:SourceArn": {"Fn::Sub": f"arn:${{AWS::Partition}}:s3:::{BUCKET_NAME['Fn::Sub']}"}},
                              "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
            }]}},
    }
    return resources


# -- KMS --------------------------------------------------------------------------------------------

def webhook_key() -> dict:
    return {
        "WebhookSecretsKey": {
            "Type": "AWS::KMS::Key",
            "DeletionPolicy": "Retain",               # without it no stored secret could be read again
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "Description": {"Fn::Sub": "${AWS::StackName}: webhook signing secrets"},
                "EnableKeyRotation": True,
                "KeyPolicy": {"Version": "2012-10-17", "Statement": [policies.key_administration()]},
            },
        },
        "WebhookSecretsKeyAlias": {
            "Type": "AWS::KMS::Alias",
            "Properties": {"AliasName": {"Fn::Sub": "alias/${AWS::StackName}-webhooks"},
                           "TargetKeyId": {"Ref": "WebhookSecretsKey"}},
        },
    }


# -- SNS --------------------------------------------------------------------------------------------

def notify_topic() -> dict:
    """Escalation notifications (chalicelib/services/notify.py): ids, qualification and deadline
    only, no person's data. Subscribe e-mail addresses, a queue or a chat hook to it; the
    messages' attributes (tenant, action) let a subscription filter."""
    return {"NotifyTopic": {
        "Type": "AWS::SNS::Topic",
        "Properties": {"DisplayName": "leadflow", "KmsMasterKeyId": "alias/aws/sns"},
    }}


# -- Lambda -----------------------------------------------------------------------------------------

def log_groups() -> dict:
    return {function.log_group: {
        "Type": "AWS::Logs::LogGroup",
        "Properties": {"LogGroupName": {"Fn::Sub": f"/leadflow/${{AWS::StackName}}/{function.name}"},
                       "RetentionInDays": {"Ref": "LogRetentionDays"}},
    } for function in FUNCTIONS}


def environment() -> dict:
    """What every function reads in chalicelib/config.py."""
    return {
        "LEADFLOW_AUTH_MODE": "iam",
        "LEADFLOW_TABLE_PREFIX": {"Fn::Sub": "${AWS::StackName}-"},
        "LEADFLOW_BUCKET": BUCKET_NAME,
        "LEADFLOW_IMPORT_QUEUE": {"Fn::GetAtt": ["ImportQueue", "QueueName"]},
        "LEADFLOW_CONTINUE_QUEUE": {"Fn::GetAtt": ["ContinueQueue", "QueueName"]},
        "LEADFLOW_KMS_KEY": {"Fn::GetAtt": ["WebhookSecretsKey", "Arn"]},
        # How long the bucket's lifecycle keeps them: what a tenant's retention may not exceed.
        "LEADFLOW_RAW_PAYLOAD_LIFECYCLE_DAYS": {"Ref": "RawPayloadRetentionDays"},
        "LEADFLOW_REPORT_LIFECYCLE_DAYS": {"Ref": "ReportRetentionDays"},
        "POWERTOOLS_SERVICE_NAME": "leadflow",       # one service: the alarms read one dimension
        "POWERTOOLS_METRICS_NAMESPACE": "leadflow",
    }


def sign_in_environment() -> dict:
    """What the API reads to know which sign-ins are leadflow's (chalicelib/config.py)."""
    return {
        "LEADFLOW_COGNITO_USER_POOL_ID": {"Ref": "UserPool"},
        "LEADFLOW_COGNITO_CLIENT_ID": {"Ref": "UserPoolClient"},
        "LEADFLOW_COGNITO_IDENTITY_POOL_ID": {"Ref": "IdentityPool"},
    }


def functions() -> dict:
    resources = {}
    for function in FUNCTIONS:
        variables = {**environment(), **(sign_in_environment() if function.name == "api" else {})}
        if function.publishes_to:      # only the function allowed to publish is told where
            variables["LEADFLOW_NOTIFY_TOPIC_ARN"] = {"Ref": function.publishes_to[0]}
        properties = {
            "Environment": {"Variables": variables},
            "Role": {"Fn::GetAtt": [function.role, "Arn"]},
            "Tracing": TRACING,
            "LoggingConfig": {"LogGroup": {"Ref": function.log_group}, "LogFormat": "JSON"},
        }
        if function.queue:             # the queue the function consumes: the stack's, not one by name
            properties["Events"] = {f"{function.logical_id}SqsEventSource": {
                "Properties": {"Queue": {"Fn::Sub": f"${{{function.queue}.Arn}}"}}}}
        resources[function.logical_id] = {"Properties": properties}
    resources["RestAPI"] = {"Properties": {"TracingEnabled": {"Fn::If": ["TracingOn", True, False]}}}
    return resources


def roles() -> dict:
    return {function.role: {"Properties": {"Policies": [{
        "PolicyName": f"leadflow-{function.name}",
        "PolicyDocument": {"Version": "2012-10-17", "Statement": policies.statements(function)},
    }]}} for function in FUNCTIONS}


# -- CloudWatch -------------------------------------------------------------------------------------

def alarms() -> dict:
    notify = {"Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]}

    def alarm(description, namespace, metric, dimensions, *, statistic="Sum", threshold=0, period=300,
              periods=1, comparison="GreaterThanThreshold"):
        return {"Type": "AWS::CloudWatch::Alarm", "Properties": {
            "AlarmDescription": {"Fn::Sub": f"${{AWS::StackName}}: {description}"},
            "Namespace": namespace, "MetricName": metric,
            "Dimensions": [{"Name": k, "Value": v} for k, v in dimensions.items()],
            "Statistic": statistic, "Period": period, "EvaluationPeriods": periods, "Threshold": threshold,
            "ComparisonOperator": comparison, "TreatMissingData": "notBreaching",
            "AlarmActions": notify, "OKActions": notify}}

    api = {"ApiName": "leadflow", "Stage": "api"}
    resources = {
        f"{name}DeadLetterQueueAlarm": alarm(
            f"a message in the {name.lower()} dead-letter queue (a file that could not be imported)",
            "AWS/SQS", "ApproximateNumberOfMessagesVisible",
            {"QueueName": {"Fn::GetAtt": [f"{name}DeadLetterQueue", "QueueName"]}}, statistic="Maximum")
        for name in ("Import", "Continue")}
    resources["Api5xxAlarm"] = alarm("more than 1% of API requests answered 5xx", "AWS/ApiGateway", "5XXError",
                                     api, statistic="Average", threshold=0.01, periods=3)
    resources["ImportFailuresAlarm"] = alarm("imports failed", "leadflow", "Imports",
                                             {"service": "leadflow", "outcome": "failed"})
    resources["WebhookSignatureFailuresAlarm"] = alarm(
        "webhook deliveries refused for their signature are spiking (a leaked or rotated secret, or an attack)",
        "leadflow", "WebhookRefusals", {"service": "leadflow", "reason": "signature"}, threshold=20)
    for function in FUNCTIONS:
        resources[f"{function.logical_id}ErrorsAlarm"] = alarm(
            f"{function.name} function errors", "AWS/Lambda", "Errors",
            {"FunctionName": {"Ref": function.logical_id}})
    return resources



# -- Cognito ----------------------------------------------------------------------------------------

def group_logical_id(role: str) -> str:
    return "".join(part.title() for part in role.split("_")) + "Group"


def sign_in() -> dict:
    """People sign in with e-mail and password (accounts made by the operator only), get
    temporary AWS credentials of their group's role, and sign API calls with them.

    The identity pool picks the role from the ID token (cognito:preferred_role, the group's
    RoleArn); a person in no group gets no credentials. Every group role may invoke this API
    and nothing else: what a person may do in leadflow is decided by the principals directory
    (POST /principals), keyed by the person's user pool subject, not by the group.
    """
    resources = {
        "UserPool": {
            "Type": "AWS::Cognito::UserPool",
            # Mappings are keyed by the pool's subjects: a new pool would orphan every one of them.
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "UserPoolName": {"Fn::Sub": "${AWS::StackName}-people"},
                "UserPoolTier": "LITE",           # password sign-in, groups and TOTP are all it needs
                "DeletionProtection": "ACTIVE",
                "UsernameAttributes": ["email"],
                "UsernameConfiguration": {"CaseSensitive": False},
                "AutoVerifiedAttributes": ["email"],
                "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]},
                "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True},
                "Policies": {"PasswordPolicy": {
                    "MinimumLength": 12, "RequireLowercase": True, "RequireUppercase": True, "RequireNumbers": True,
                    "RequireSymbols": False, "TemporaryPasswordValidityDays": 7}},
                "MfaConfiguration": "OPTIONAL",
                "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],      # an authenticator app; SMS would need a role and costs
                "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
            },
        },
        "UserPoolClient": {
            "Type": "AWS::Cognito::UserPoolClient",
            "Properties": {
                "UserPoolId": {"Ref": "UserPool"},
                "ClientName": {"Fn::Sub": "${AWS::StackName}-workspace"},
                "GenerateSecret": False,          # a browser cannot keep a secret
                "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "SupportedIdentityProviders": ["COGNITO"],
                "PreventUserExistenceErrors": "ENABLED",
                "EnableTokenRevocation": True,
                "AccessTokenValidity": TOKEN_MINUTES,
                "IdTokenValidity": TOKEN_MINUTES,
                "RefreshTokenValidity": REFRESH_TOKEN_HOURS,
                "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "hours"},
            },
        },
        "IdentityPool": {
            "Type": "AWS::Cognito::IdentityPool",
            "Properties": {
                "IdentityPoolName": {"Fn::Sub": "${AWS::StackName}-people"},
                "AllowUnauthenticatedIdentities": False,
                "AllowClassicFlow": False,
                "CognitoIdentityProviders": [{
                    "ProviderName": {"Fn::GetAtt": ["UserPool", "ProviderName"]},
                    "ClientId": {"Ref": "UserPoolClient"},
                    "ServerSideTokenCheck": True,      # a signed-out (revoked) session gets no credentials
                }],
            },
        },
        "IdentityPoolRoles": {
            "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
            "Properties": {
                "IdentityPoolId": {"Ref": "IdentityPool"},
                # No default role: the group's role or nothing.
                "RoleMappings": {"people": {
                    "IdentityProvider": {"Fn::Sub": "${UserPool.ProviderName}:${UserPoolClient}"},
                    "Type": "Token",
                    "AmbiguousRoleResolution": "Deny",
                }},
            },
        },
    }
    for precedence, role in enumerate(PEOPLE_ROLES):
        group = group_logical_id(role)
        resources[group] = {
            "Type": "AWS::Cognito::UserPoolGroup",
            "Properties": {
                "UserPoolId": {"Ref": "UserPool"},
                "GroupName": role,
                "Description": f"people who work as {role} in leadflow (their mapping says so too)",
                "Precedence": precedence,
                "RoleArn": {"Fn::GetAtt": [f"{group}Role", "Arn"]},
            },
        }
        resources[f"{group}Role"] = {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "Description": {"Fn::Sub": f"${{AWS::StackName}}: people of the {role} group call the API"},
                "MaxSessionDuration": 3600,
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                    policies.signed_in_through(identity_pool={"Ref": "IdentityPool"})]},
                "Policies": [{"PolicyName": f"leadflow-people-{role}", "PolicyDocument": {
                    "Version": "2012-10-17", "Statement": [policies.invoke_api(API_STAGE)]}}],
            },
        }
    return resources
