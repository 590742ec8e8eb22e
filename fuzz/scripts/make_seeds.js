// Writes the seed corpus of the fuzz targets: real tokens signed with the committed test key
// A (and a few with B), option sets and request header blocks. Deterministic (RSASSA-PKCS1-v1_5
// signatures are), so rerunning it rewrites the same files.
// Run: node fuzz/scripts/make_seeds.js
'use strict'
const crypto = require('crypto')
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..')
const key = (name) => crypto.createPrivateKey(fs.readFileSync(path.join(root, 'keys', `test_${name}_private.pem`)))
const A = key('a')
const B = key('b')
const HASH = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }
const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')

function token(payload, privateKey = A, header = { alg: 'RS256', typ: 'JWT', kid: 'ins_fuzz_a' }) {
  const input = `${b64(header)}.${b64(payload)}`
  const sig = crypto.sign(HASH[header.alg] || 'sha256', Buffer.from(input), privateKey).toString('base64url')
  return `${input}.${sig}`
}

const NOW_S = 1700000000
const claims = (extra = {}) => ({
  azp: 'https://app.example.com',
  exp: NOW_S + 600,
  iat: NOW_S - 10,
  iss: 'https://clerk.example.com',
  nbf: NOW_S - 10,
  sid: 'sess_fuzz',
  sub: 'user_fuzz',
  ...extra,
})

const good = token(claims())
const tokens = {
  good,
  rs384: token(claims(), A, { alg: 'RS384', typ: 'JWT', kid: 'ins_fuzz_a' }),
  rs512: token(claims(), A, { alg: 'RS512', typ: 'JWT' }),
  signed_by_b: token(claims(), B, { alg: 'RS256', typ: 'JWT', kid: 'ins_fuzz_b' }),
  expired: token(claims({ exp: NOW_S - 100 })),
  not_yet: token(claims({ nbf: NOW_S + 100 })),
  iat_future: token(claims({ iat: NOW_S + 100 })),
  aud_list: token(claims({ aud: ['api', 'web'] })),
  aud_one: token(claims({ aud: 'api' })),
  no_sub: token(claims({ sub: undefined })),
  sub_number: token(claims({ sub: 42 })),
  iss_number: token(claims({ iss: 7 })),
  huge_exp: token(claims({ exp: 1e300 })),
  frac_exp: token(claims({ exp: NOW_S + 0.5 })),
  typ_bad: token(claims(), A, { alg: 'RS256', typ: 'at+jwt' }),
  alg_hs: token(claims(), A, { alg: 'HS256', typ: 'JWT' }),
  alg_none: `${b64({ alg: 'none' })}.${b64(claims())}.`,
  header_null: `${b64('null')}.${b64(claims())}.`,
  payload_array: `${b64({ alg: 'RS256' })}.${b64('[1,2]')}.AQID`,
  payload_null: `${b64({ alg: 'RS256' })}.${b64('null')}.AQID`,
  payload_number: `${b64({ alg: 'RS256' })}.${b64('12')}.AQID`,
  bad_json: `${b64('{"alg":')}.${b64('{}')}.AQ`,
  bad_b64: 'eyJhbGciOiJSUzI1NiJ9.e30+.AQ',
  padded: `${b64({ alg: 'RS256' })}==.${b64({ sub: 'u' })}=.AQID==`,
  bom: `${Buffer.from('\ufeff{"alg":"RS256"}').toString('base64url')}.${b64({ sub: 'u' })}.`,
  invalid_utf8: `${Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]).toString('base64url')}.${b64({})}.`,
  two_parts: 'a.b',
  four_parts: 'a.b.c.d',
  empty: '',
  unicode: `${b64({ alg: 'RS256', kid: 'ключ😀' })}.${b64({ sub: '\u2028', exp: 1 })}.`,
  deep: `${b64({ alg: 'RS256' })}.${b64({ sub: 'u', x: [[[[{ a: 1e-7, '10': 2, '2': -0 }]]]] })}.`,
}

function write(target, name, content) {
  const dir = path.join(root, 'corpus', target)
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, name), content)
}

for (const [name, t] of Object.entries(tokens)) write('decode_token', name, t)

const lines = (obj) => Object.entries(obj).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`])).join('\n') + '\n'
const verifySeeds = {
  good_pem: { token: good, now: NOW_S * 1000 },
  good_jwk: { token: good, key: 'jwk', now: NOW_S * 1000 },
  good_local: { token: good, key: 'local', now: NOW_S * 1000 },
  rs384_jwk: { token: tokens.rs384, key: 'jwk' },
  rs384_pem: { token: tokens.rs384 },
  rs512_pem: { token: tokens.rs512, 'iss-pred': 'true' },
  rs512_local: { token: tokens.rs512, key: 'local' },
  signed_by_b: { token: tokens.signed_by_b },
  iss_exact: { token: good, iss: 'https://clerk.example.com' },
  iss_wrong: { token: good, iss: 'https://clerk.other.com' },
  iss_pred: { token: good, 'iss-pred': 'match' },
  iss_pred_err: { token: tokens.iss_number, 'iss-pred': 'err' },
  aud_many: { token: tokens.aud_list, aud: ['web', 'x'] },
  aud_miss: { token: tokens.aud_one, aud: ['nope'], 'aud-many': 1 },
  azp_ok: { token: good, azp: ['https://app.example.com', 'https://b.example.com'] },
  azp_bad: { token: good, azp: ['https://evil.example.com'] },
  azp_empty: { token: good, 'azp-empty': 1 },
  expired_skew: { token: tokens.expired, 'skew-ms': 200000 },
  expired: { token: tokens.expired },
  not_yet_neg_skew: { token: tokens.not_yet, 'skew-ms': -1 },
  iat_future_skew_s: { token: tokens.iat_future, 'skew-s': 120000 },
  huge_exp: { token: tokens.huge_exp, now: 'NaN' },
  frac_exp: { token: tokens.frac_exp, now: 1e16 },
  defer: { token: good, defer: 1 },
  pem_text: { token: good, key: 'pem-text', 'key-text': '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----' },
  jwk_text: { token: good, key: 'jwk-text', 'key-text': '{"kty":"RSA","n":"AQAB","e":"AQAB","alg":"RS256","key_ops":["verify"]}' },
  local_text: { token: good, key: 'local-text', 'key-text': 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' },
  other: { token: good, key: 'other', 'key-text': 'number' },
  header_null: { token: tokens.header_null },
  alg_hs: { token: tokens.alg_hs },
  typ_bad: { token: tokens.typ_bad },
  no_sub: { token: tokens.no_sub },
}
for (const [name, obj] of Object.entries(verifySeeds)) write('verify_token', name, lines(obj))

const browser = 'Mozilla/5.0 (X11; Linux x86_64)'
const pkTest = `pk_test_${Buffer.from('clerk.example.com$').toString('base64')}`
const pkLive = `pk_live_${Buffer.from('clerk.example.com$').toString('base64')}`
const base = { 'secret-key': 'sk_test_fuzz', host: 'app.example.com', 'x-forwarded-proto': 'https', 'user-agent': browser, now: NOW_S * 1000 }
const reqSeeds = {
  signed_in_cookie: { ...base, cookie: `__client_uat=${NOW_S - 20}; __session=${good}`, 'jwt-key': 'a' },
  signed_in_header: { ...base, authorization: `Bearer ${good}`, 'jwt-key': 'a' },
  header_jwk_override: { ...base, authorization: `Bearer ${good}`, 'key-override': 'jwk-a' },
  header_wrong_key: { ...base, authorization: `Bearer ${good}`, 'key-override': 'jwk-b' },
  header_failed_key: { ...base, authorization: `Bearer ${good}`, 'key-override': 'failed' },
  need_key_backend: { ...base, cookie: `__client_uat=1; __session=${good}`, 'api-url': 'http://127.0.0.1:9/', 'api-version': 'v1' },
  need_key_proxy: { ...base, cookie: `__client_uat=1; __session=${good}`, 'proxy-url': 'https://proxy.example.com/__clerk' },
  cookie_outdated: { ...base, cookie: `__client_uat=${NOW_S + 100}; __session=${good}`, 'jwt-key': 'a' },
  cookie_expired: { ...base, cookie: `__client_uat=1; __session=${tokens.expired}`, 'jwt-key': 'a' },
  cookie_quoted_encoded: { ...base, cookie: `a=1; __session="${good}"; __client_uat=%31%30; junk; d=%E0%A4`, 'jwt-key': 'a' },
  uat_missing: { ...base, cookie: 'other=1' },
  uat_zero: { ...base, cookie: '__client_uat=0' },
  non_browser: { ...base, 'user-agent': 'curl/8.0' },
  prod_missing: { ...base, 'secret-key': 'sk_live_fuzz', cookie: '' },
  cors: { ...base, origin: 'https://evil.example.com', cookie: `__client_uat=1; __session=${good}` },
  bad_origin: { ...base, origin: 'not a url', cookie: `__client_uat=1` },
  cross_referrer: { ...base, referer: 'https://accounts.example.dev/sign-in', cookie: `__client_uat=1; __session=${good}` },
  forwarded: { ...base, 'x-forwarded-host': 'a.example.com, b.example.com', 'cloudfront-forwarded-proto': 'https', 'x-forwarded-port': '443', origin: 'https://a.example.com', cookie: `__client_uat=1; __session=${good}`, 'jwt-key': 'a' },
  satellite: { ...base, satellite: 1, domain: 'sat.example.com', 'sign-in-url': 'https://primary.example.com/sign-in', cookie: '' },
  satellite_synced: { ...base, satellite: 1, 'proxy-url': 'https://sat.example.com/__clerk', 'sign-in-url': 'https://primary.example.com/sign-in', 'synced-param': 'true' },
  satellite_missing_sign_in: { ...base, satellite: 1 },
  primary_syncing: { ...base, 'satellite-url-param': 'https://sat.example.com', cookie: `__client_uat=1; __session=${good}` },
  publishable_test: { ...base, 'publishable-key': pkTest, 'frontend-api': 'clerk.fallback.dev', cookie: `__client_uat=1; __session=${good}`, 'jwt-key': 'a' },
  publishable_live: { ...base, 'secret-key': 'sk_live_fuzz', 'publishable-key': pkLive, cookie: `__session=${good}`, 'jwt-key': 'a' },
  publishable_bad: { ...base, 'publishable-key': 'pk_test_!!' },
  options_override: { ...base, 'opt-header-token': good, 'opt-host': 'opt.example.com', 'opt-user-agent': 'curl', 'jwt-key': 'a', aud: ['x', 'y'], azp: ['https://app.example.com'] },
  api_key_only: { 'api-key': 'test_fuzz', request: 1, 'opt-cookie-token': good, 'opt-client-uat': '5', 'opt-user-agent': browser, 'jwt-key': 'a', 'skew-ms': 0 },
  no_secret: { request: 1 },
  defer: { ...base, authorization: `Bearer ${good}`, 'jwt-key': 'a', defer: 1 },
  clerk_prefix: { ...base, 'frontend-api': 'clerk.clerk.foo', 'pkg-version': '5.1.0', 'clerk-js-version': '' },
}
for (const [name, obj] of Object.entries(reqSeeds)) write('request_state', name, lines(obj))
console.log('seeds written')
