// Drives every operation the demo tenant's Nylas API serves with the official Nylas Node.js SDK,
// as a Nylas customer's code would. Run by tests/tests/contract/nylas_official_sdk.rs with the demo
// tenant's addresses in the environment. Prints "ok <operation>" per step; exits 1 on the first
// failure, naming it.
import Nylas, { NylasApiError, NylasOAuthError } from "nylas";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const apiUri = env("NYLAS_URL");
const apiKey = env("NYLAS_API_KEY");
const clientId = env("NYLAS_APPLICATION_ID");
const nylas = new Nylas({ apiKey, apiUri, timeout: 10 });

function expect(cond, what) {
  if (!cond) throw new Error(`unexpected answer: ${what}`);
}

async function step(name, run) {
  try {
    await run();
    console.log(`ok ${name}`);
  } catch (e) {
    console.log(`FAILED ${name}: ${e?.name}: ${e?.message} ${JSON.stringify(e?.rawResponse ?? e?.error ?? "")}`);
    process.exit(1);
  }
}

/** Follows the Hosted auth redirects as a browser would, accepting Microsoft's consent page. */
async function signInThroughHostedAuth(url, redirectUri) {
  let at = url;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(at, { redirect: "manual" });
    const location = res.headers.get("location");
    if (location?.startsWith(redirectUri)) return new URL(location).searchParams;
    if (location) {
      at = new URL(location, at).toString();
      continue;
    }
    const page = await res.text();
    const request = /name="request" value="([^"]+)"/.exec(page)?.[1];
    const action = /<form method="POST" action="([^"]+)"/.exec(page)?.[1];
    if (!request || !action) throw new Error(`no consent form at ${at}`);
    const form = new URLSearchParams({ request, decision: "accept", account: env("MICROSOFT_ACCOUNT") });
    const decided = await fetch(new URL(action, at), { method: "POST", body: form, redirect: "manual" });
    at = new URL(decided.headers.get("location"), at).toString();
  }
  throw new Error("too many redirects");
}

let grantId;
await step("applications.getDetails", async () => {
  const app = await nylas.applications.getDetails();
  expect(app.data.applicationId === clientId && app.requestId, JSON.stringify(app));
});
const redirectUri = "http://localhost:7777/sdk-callback";
await step("applications.redirectUris.create", async () => {
  const r = await nylas.applications.redirectUris.create({ requestBody: { url: redirectUri, platform: "web" } });
  expect(r.data.url === redirectUri, JSON.stringify(r));
});
await step("applications.redirectUris.list", async () => {
  const r = await nylas.applications.redirectUris.list();
  expect(r.data.some((u) => u.url === redirectUri), JSON.stringify(r));
});
await step("connectors.create (microsoft)", async () => {
  const settings = { clientId: env("MICROSOFT_CLIENT_ID"), clientSecret: env("MICROSOFT_CLIENT_SECRET"), tenant: env("MICROSOFT_TENANT") };
  const r = await nylas.connectors.create({ requestBody: { name: "sdk", provider: "microsoft", settings, scope: ["offline_access", "openid", "profile", "email", "Mail.Read"] } });
  expect(r.data.provider === "microsoft", JSON.stringify(r));
});
await step("connectors.find", async () => {
  const r = await nylas.connectors.find({ provider: "microsoft" });
  expect(r.data.settings.clientId === env("MICROSOFT_CLIENT_ID"), JSON.stringify(r));
});
await step("connectors.update", async () => {
  const r = await nylas.connectors.update({ provider: "microsoft", requestBody: { scope: ["offline_access", "openid", "profile", "email", "Mail.Read", "User.Read"] } });
  expect(r.data.scope.includes("User.Read"), JSON.stringify(r));
});
await step("connectors.list", async () => {
  const r = await nylas.connectors.list({});
  expect(r.data.length === 1, JSON.stringify(r));
});
await step("connectors.credentials.create", async () => {
  const credentialData = { clientId: env("MICROSOFT_CLIENT_ID"), clientSecret: env("MICROSOFT_CLIENT_SECRET") };
  const r = await nylas.connectors.credentials.create({ provider: "microsoft", requestBody: { name: "sdk credential", credentialType: "connector", credentialData } });
  expect(r.data.name === "sdk credential", JSON.stringify(r));
});
await step("connectors.credentials.list", async () => {
  const r = await nylas.connectors.credentials.list({ provider: "microsoft" });
  expect(r.data.some((c) => c.name === "sdk credential"), JSON.stringify(r));
});
let token;
await step("auth.urlForOAuth2PKCE + auth.exchangeCodeForToken", async () => {
  const { url, secret } = nylas.auth.urlForOAuth2PKCE({ clientId, redirectUri, provider: "microsoft", state: "sdk-state" });
  const answer = await signInThroughHostedAuth(url, redirectUri);
  expect(answer.get("state") === "sdk-state" && answer.get("code"), answer.toString());
  token = await nylas.auth.exchangeCodeForToken({ clientId, redirectUri, codeVerifier: secret, code: answer.get("code") });
  expect(token.accessToken && token.grantId, JSON.stringify(token));
  grantId = token.grantId;
});
await step("auth.exchangeCodeForToken refused (NylasOAuthError)", async () => {
  try {
    await nylas.auth.exchangeCodeForToken({ clientId, redirectUri, code: "used-or-invalid" });
  } catch (e) {
    expect(e instanceof NylasOAuthError && e.error === "invalid_grant" && typeof e.errorCode === "number", JSON.stringify(e));
    return;
  }
  throw new Error("an invalid code was accepted");
});
await step("auth.revoke", async () => {
  expect((await nylas.auth.revoke(token.accessToken)) === true, "revoke");
});
await step("grants.find", async () => {
  const r = await nylas.grants.find({ grantId });
  expect(r.data.id === grantId && r.data.provider === "microsoft", JSON.stringify(r));
});
await step("grants.update", async () => {
  const r = await nylas.grants.update({ grantId, requestBody: { scope: ["Mail.Read"] } });
  expect(r.data.scope.join() === "Mail.Read", JSON.stringify(r));
});
await step("grants.list", async () => {
  const r = await nylas.grants.list({ queryParams: { limit: 5 } });
  expect(r.data.some((g) => g.id === grantId), JSON.stringify(r));
});
await step("messages.list", async () => {
  const r = await nylas.messages.list({ identifier: grantId, queryParams: { limit: 1 } });
  expect(r.data.length === 1 && r.data[0].grantId === grantId, JSON.stringify(r));
});
await step("connectors.create (ews) + auth.customAuthentication", async () => {
  await nylas.connectors.create({ requestBody: { provider: "ews", name: "exchange", settings: {} } });
  const settings = { email: env("EWS_EMAIL"), ews_username: env("EWS_EMAIL"), ews_password: env("EWS_PASSWORD") };
  const r = await nylas.auth.customAuthentication({ requestBody: { provider: "ews", settings } });
  expect(r.data.provider === "ews" && r.data.email === env("EWS_EMAIL"), JSON.stringify(r));
});
await step("auth.customAuthentication refused (NylasApiError)", async () => {
  const settings = { email: env("EWS_EMAIL"), ews_username: env("EWS_EMAIL"), ews_password: "wrong" };
  try {
    await nylas.auth.customAuthentication({ requestBody: { provider: "ews", settings } });
  } catch (e) {
    expect(e instanceof NylasApiError && e.type === "grant.invalid_authentication" && e.statusCode === 401 && e.requestId, JSON.stringify(e));
    return;
  }
  throw new Error("a wrong password was accepted");
});
await step("grants.destroy", async () => {
  const r = await nylas.grants.destroy({ grantId });
  expect(r.requestId, JSON.stringify(r));
});
await step("connectors.destroy", async () => {
  const r = await nylas.connectors.destroy({ provider: "ews" });
  expect(r.requestId, JSON.stringify(r));
});
await step("an operation the demo tenant does not serve (webhooks.list)", async () => {
  try {
    await nylas.webhooks.list();
  } catch (e) {
    expect(e instanceof NylasApiError && e.statusCode === 404 && e.type === "not_found_error", JSON.stringify(e));
    return;
  }
  throw new Error("webhooks.list answered");
});
console.log("all SDK operations passed");
