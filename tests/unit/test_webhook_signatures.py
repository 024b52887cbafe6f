"""Standard Webhooks signatures: the published test vector, rotation, and every way to fail."""
import base64
import json

import pytest

from chalicelib.domain.webhook_signatures import (
    SignatureError, constant_time_equals, new_secret, secret_key, sign, verify, webhook_headers,
)
from chalicelib.errors import UnauthenticatedError

# The test vector of the Standard Webhooks specification and its reference libraries.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

NOW = 1_764_326_400
BODY = json.dumps({"vorname": "Jana", "nachname": "Müller", "email": "jana@example.de"},
                  ensure_ascii=False).encode()


def deliver(secrets, *, body=BODY, msg_id="msg_1", timestamp=NOW, signature=None, now=NOW,
            signed_with=None):
    """Verify one delivery signed with `signed_with` (default: the first secret)."""
    if signature is None:
        signature = sign(signed_with or secrets[0], msg_id, timestamp, body)
    verify(secrets, msg_id, str(timestamp), signature, body, now=now)


def test_the_specification_test_vector_is_reproduced():
    assert sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY) == SPEC_SIGNATURE


def test_the_specification_test_vector_verifies():
    verify([SPEC_SECRET], SPEC_ID, str(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY, now=SPEC_TIMESTAMP)


def test_a_new_secret_is_whsec_and_32_random_bytes():
    first, second = new_secret(), new_secret()
    assert first.startswith("whsec_") and len(secret_key(first)) == 32
    assert first != second


def test_a_raw_secret_without_prefix_is_used_as_its_utf8_bytes():
    assert secret_key("geheim-äöü") == "geheim-äöü".encode()
    deliver(["geheim-äöü"])


def test_a_whsec_secret_that_is_not_base64_is_refused():
    with pytest.raises(ValueError, match="base64"):
        secret_key("whsec_not base64!")


def test_a_delivery_signed_with_the_secret_is_valid():
    deliver([new_secret()])


def test_the_headers_of_a_sender_verify():
    secret = new_secret()
    headers = webhook_headers(secret, "msg_2", NOW, BODY)
    verify([secret], headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"],
           BODY, now=NOW)


def test_a_signature_made_with_the_old_secret_is_valid_during_rotation():
    old, new = new_secret(), new_secret()
    deliver([new, old], signed_with=old)
    deliver([new, old], signed_with=new)


def test_a_signature_made_with_a_retired_secret_is_refused():
    old, new = new_secret(), new_secret()
    with pytest.raises(SignatureError, match="no signature matches"):
        deliver([new], signed_with=old)


def test_one_matching_signature_among_several_is_enough():
    secret, other = new_secret(), new_secret()
    header = f"v1,{base64.b64encode(b'x' * 32).decode()} {sign(other, 'msg_1', NOW, BODY)} " \
             f"{sign(secret, 'msg_1', NOW, BODY)}"
    deliver([secret], signature=header)


def test_other_signature_versions_are_ignored():
    secret = new_secret()
    v1a = "v1a," + sign(secret, "msg_1", NOW, BODY).removeprefix("v1,")
    with pytest.raises(SignatureError, match="no v1 signature"):
        deliver([secret], signature=v1a)


def test_a_forged_signature_is_refused():
    forged = "v1," + base64.b64encode(b"\0" * 32).decode()
    with pytest.raises(SignatureError, match="no signature matches"):
        deliver([new_secret()], signature=forged)


def test_a_reserialised_body_is_refused():
    # Same JSON, different bytes: parsing and re-encoding a body breaks its signature.
    secret = new_secret()
    signature = sign(secret, "msg_1", NOW, BODY)
    reserialised = json.dumps(json.loads(BODY)).encode()  # ASCII escapes, same data
    assert json.loads(reserialised) == json.loads(BODY) and reserialised != BODY
    with pytest.raises(SignatureError, match="no signature matches"):
        verify([secret], "msg_1", str(NOW), signature, reserialised, now=NOW)


def test_a_signature_moved_to_another_webhook_id_is_refused():
    secret = new_secret()
    signature = sign(secret, "msg_1", NOW, BODY)
    with pytest.raises(SignatureError, match="no signature matches"):
        verify([secret], "msg_2", str(NOW), signature, BODY, now=NOW)


def test_a_signature_moved_to_another_timestamp_is_refused():
    secret = new_secret()
    signature = sign(secret, "msg_1", NOW, BODY)
    with pytest.raises(SignatureError, match="no signature matches"):
        verify([secret], "msg_1", str(NOW + 1), signature, BODY, now=NOW)


def test_an_expired_timestamp_is_refused():
    with pytest.raises(SignatureError, match="timestamp outside the 5-minute tolerance"):
        deliver([new_secret()], timestamp=NOW - 301)


def test_a_timestamp_from_the_future_is_refused():
    with pytest.raises(SignatureError, match="timestamp outside the 5-minute tolerance"):
        deliver([new_secret()], timestamp=NOW + 301)


@pytest.mark.parametrize("skew", [-300, 0, 300])
def test_a_timestamp_within_five_minutes_either_way_is_accepted(skew):
    deliver([new_secret()], timestamp=NOW + skew)


@pytest.mark.parametrize("timestamp", ["1764326400.5", "-1764326400", "abc", "1e9", "１７６４"])
def test_a_timestamp_that_is_not_whole_seconds_is_refused(timestamp):
    with pytest.raises(SignatureError, match="not a whole number of seconds"):
        verify([new_secret()], "msg_1", timestamp, "v1,abc", BODY, now=NOW)


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_a_missing_header_is_named(missing):
    secret = new_secret()
    headers = webhook_headers(secret, "msg_1", NOW, BODY)
    headers[missing] = None
    with pytest.raises(SignatureError, match=f"missing {missing} header"):
        verify([secret], headers["webhook-id"], headers["webhook-timestamp"],
               headers["webhook-signature"], BODY, now=NOW)


def test_an_integration_without_secrets_refuses_every_delivery():
    with pytest.raises(SignatureError, match="no signing secret"):
        deliver([], signature="v1,abc")


def test_a_signature_error_is_an_authentication_error_with_its_reason():
    with pytest.raises(UnauthenticatedError) as caught:
        deliver([new_secret()], signature="v1,Zm9yZ2Vk")
    assert caught.value.reason == "no signature matches" == caught.value.detail


def test_constant_time_equals_compares_keys():
    assert constant_time_equals("leadflow-demo-google-key", "leadflow-demo-google-key")
    assert not constant_time_equals("leadflow-demo-google-key", "leadflow-demo-google-kez")
    assert not constant_time_equals("", "x") and not constant_time_equals(None, None)
    assert constant_time_equals("schlüssel", "schlüssel")  # non-ASCII does not raise
