// A real OpenID Connect provider (the certified `oidc-provider` package) for the test suite.
//
// Starts one provider per mode on 127.0.0.1 (ephemeral ports) and prints one JSON line:
//   {"providers": {"<mode>": {"issuer": "http://127.0.0.1:PORT"}, ...}}
// Modes:
//   normal        a well-behaved provider
//   wrong-issuer  its token endpoint returns an ID token whose `iss` names another issuer
//                 (re-signed with the provider's own published key: only the issuer check catches it)
//   rogue-kid     its token endpoint returns an ID token signed with a key it does not publish
// Environment: REDIRECT_URIS (comma-separated), CLIENT_ID, CLIENT_SECRET.
// Accounts: any login; the `groups` claim comes from ACCOUNTS below (unknown logins: no groups).
import http from 'node:http';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const ACCOUNTS = {
  'anna.analyst': ['gvi-analysts', 'staff'],
  'olle.outreach': ['gvi-outreach'],
  'cecilia.coordinator': ['gvi-coordinators', 'gvi-analysts'],
  'nils.nobody': ['staff'],
};

const redirectUris = (process.env.REDIRECT_URIS || '').split(',').filter(Boolean);
const clientId = process.env.CLIENT_ID || 'gvi-test';
const clientSecret = process.env.CLIENT_SECRET || 'gvi-test-secret-which-is-long-enough';

async function signingKey(kid) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

const shared = await signingKey('provider-key-1');
const rogue = await signingKey('rogue-key');

async function resign(idToken, change) {
  const payload = jose.decodeJwt(idToken);
  const { key, kid, claims } = change(payload);
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(await jose.importJWK(key, 'RS256'));
}

const TAMPER = {
  normal: null,
  'wrong-issuer': (p) => ({ key: shared, kid: shared.kid, claims: { ...p, iss: 'http://127.0.0.1:1/another-issuer' } }),
  'rogue-kid': (p) => ({ key: rogue, kid: rogue.kid, claims: p }),
};

async function start(mode) {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [shared] },
    cookies: { keys: ['gvi-test-cookie-key'] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, name: id, preferred_username: id, email: `${id}@example.test`, groups: ACCOUNTS[id] || [] };
        },
      };
    },
  });
  provider.proxy = false;
  const tamper = TAMPER[mode];
  if (tamper) {
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path === '/token' && ctx.body && ctx.body.id_token) {
        ctx.body = { ...ctx.body, id_token: await resign(ctx.body.id_token, tamper) };
      }
    });
  }
  server.on('request', provider.callback());
  return { issuer };
}

const providers = {};
for (const mode of Object.keys(TAMPER)) providers[mode] = await start(mode);
process.stdout.write(`${JSON.stringify({ providers })}\n`);
process.on('SIGTERM', () => process.exit(0));
