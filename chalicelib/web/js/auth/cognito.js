// Deployed sign-in: a person's e-mail and password at the stack's Cognito user pool, then
// temporary AWS credentials of their group's role from the identity pool, to sign API calls
// with SigV4. Plain fetch, no SDK: the four calls below are all the workspace needs.
//
// config: {region, userPoolId, clientId, identityPoolId, endpoints?: {idp, identity}}
// (endpoints: other base URLs for the two services, e.g. a local moto server in tests).
//
// Errors thrown carry `code`: Cognito's exception name (NotAuthorizedException: wrong e-mail or
// password, PasswordResetRequiredException, ...), or a challenge the caller must answer:
// NEW_PASSWORD_REQUIRED (pass {newPassword}), SOFTWARE_TOKEN_MFA (pass {mfaCode}).

const IDP = "AWSCognitoIdentityProviderService";
const IDENTITY = "AWSCognitoIdentityService";

export async function signIn(config, username, password, { newPassword, mfaCode } = {}) {
  let reply = await idp(config, "InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: config.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  // A challenge answered may bring the next one (a new password, then the authenticator code).
  for (let round = 0; reply.ChallengeName && round < 3; round += 1) {
    reply = await answer(config, reply, username, { newPassword, mfaCode });
  }
  const tokens = reply.AuthenticationResult;
  if (!tokens) throw failure(reply.ChallengeName || "SIGN_IN_FAILED", "sign-in did not finish");
  return { ...(await credentials(config, tokens.IdToken)), refreshToken: tokens.RefreshToken, username };
}

export async function refresh(config, refreshToken) {
  const reply = await idp(config, "InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: config.clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  const tokens = reply.AuthenticationResult;
  if (!tokens) throw failure(reply.ChallengeName || "REFRESH_FAILED", "the session could not be renewed");
  const claims = tokenClaims(tokens.IdToken);
  return {
    ...(await credentials(config, tokens.IdToken)),
    refreshToken: tokens.RefreshToken || refreshToken,   // a new one only where the pool rotates them
    username: claims.email || claims["cognito:username"],
  };
}

async function answer(config, reply, username, { newPassword, mfaCode }) {
  const challenge = reply.ChallengeName;
  // The pool's own user name (not the e-mail the person typed) is what a challenge answer names.
  const user = reply.ChallengeParameters?.USER_ID_FOR_SRP || reply.ChallengeParameters?.USERNAME || username;
  let responses;
  if (challenge === "NEW_PASSWORD_REQUIRED" && newPassword) {
    responses = { USERNAME: user, NEW_PASSWORD: newPassword };
  } else if (challenge === "SOFTWARE_TOKEN_MFA" && mfaCode) {
    responses = { USERNAME: user, SOFTWARE_TOKEN_MFA_CODE: mfaCode };
  } else {
    throw failure(challenge, challenge === "NEW_PASSWORD_REQUIRED"
      ? "a new password is needed" : `sign-in needs an answer to ${challenge}`);
  }
  return idp(config, "RespondToAuthChallenge", {
    ChallengeName: challenge,
    ClientId: config.clientId,
    Session: reply.Session,
    ChallengeResponses: responses,
  });
}

async function credentials(config, idToken) {
  const logins = { [`cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`]: idToken };
  const { IdentityId } = await identity(config, "GetId", { IdentityPoolId: config.identityPoolId, Logins: logins });
  const { Credentials } = await identity(config, "GetCredentialsForIdentity", { IdentityId, Logins: logins });
  return {
    accessKeyId: Credentials.AccessKeyId,
    secretAccessKey: Credentials.SecretKey,
    sessionToken: Credentials.SessionToken,
    expiration: epochMillis(Credentials.Expiration),
  };
}

function idp(config, operation, body) {
  const url = config.endpoints?.idp || `https://cognito-idp.${config.region}.amazonaws.com/`;
  return call(url, `${IDP}.${operation}`, body);
}

function identity(config, operation, body) {
  const url = config.endpoints?.identity || `https://cognito-identity.${config.region}.amazonaws.com/`;
  return call(url, `${IDENTITY}.${operation}`, body);
}

async function call(url, target, body) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch (err) {
    throw failure("NetworkError", `the sign-in service cannot be reached (${err.message || err})`);
  }
  const text = await response.text();
  let reply = {};
  try {
    reply = text ? JSON.parse(text) : {};
  } catch {
    reply = { message: text };
  }
  if (!response.ok) {
    // "__type" is "NotAuthorizedException" or "com.amazonaws...#NotAuthorizedException".
    const code = String(reply.__type || `HTTP${response.status}`).split("#").pop();
    throw failure(code, reply.message || reply.Message || `${target} answered ${response.status}`, response.status);
  }
  return reply;
}

function epochMillis(value) {
  // The JSON protocol sends timestamps as epoch seconds; accept an ISO string too.
  return typeof value === "number" ? Math.round(value * 1000) : Date.parse(value);
}

function tokenClaims(jwt) {
  try {
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), "=")),
      (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

function failure(code, message, status) {
  const error = new Error(message);
  error.code = code;
  if (status) error.status = status;
  return error;
}
