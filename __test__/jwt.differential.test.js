'use strict'
// The same tokens, keys and options through clerk-ref (@clerk/backend 0.38.15) and this
// package: the outcomes (payload, or error type, reason, action and message) must be equal,
// except where the README lists a deliberate difference (asserted separately below).

const test = require('node:test')
const assert = require('node:assert/strict')
const ref = require('clerk-ref')
const native = require('..')
const { makeKeys, makeToken, b64url, claims, nowSeconds, outcome, withFrozenClock } = require('./helpers')

process.env.NODE_ENV = 'test' // silence deprecation warnings in both packages

const keys = makeKeys()
const other = makeKeys()
const keys384 = { ...keys, jwk: { ...keys.jwk, alg: 'RS384' } }
const keys512 = { ...keys, jwk: { ...keys.jwk, alg: 'RS512' } }

function header(extra = {}) {
  return { alg: 'RS256', typ: 'JWT', kid: 'ins_test', ...extra }
}

// name, token, options (key defaults to the PEM), and what to compare.
const cases = []
function add(name, token, options = {}, compare = 'all') {
  cases.push({ name, token, options, compare })
}

const now = nowSeconds()
const good = makeToken(claims(), keys.privateKey)
add('valid token, PEM key', good)
add('valid token, JWK key', good, { key: keys.jwk })
add('valid token, JWK without alg/use', good, { key: { kty: 'RSA', n: keys.jwk.n, e: keys.jwk.e } })
add('expired', makeToken(claims({ exp: now - 3600 }), keys.privateKey))
add('expired within the default skew', makeToken(claims({ exp: now - 2 }), keys.privateKey))
add('nbf in the future', makeToken(claims({ nbf: now + 3600 }), keys.privateKey))
add('iat in the future', makeToken(claims({ iat: now + 3600 }), keys.privateKey))
add('nbf just inside the skew', makeToken(claims({ nbf: now + 3 }), keys.privateKey))
add('no nbf, no iat', makeToken(claims({ nbf: undefined, iat: undefined }), keys.privateKey))
add('bad signature', good.slice(0, -6) + (good.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'))
add('wrong key (PEM)', good, { key: other.pem })
add('wrong key (JWK)', good, { key: other.jwk })
add('alg none', `${b64url(header({ alg: 'none' }))}.${b64url(claims())}.`)
add('alg HS256', makeToken(claims(), keys.privateKey, header({ alg: 'HS256' })))
add('alg ES256', makeToken(claims(), keys.privateKey, header({ alg: 'ES256' })))
add('alg missing', makeToken(claims(), keys.privateKey, { typ: 'JWT' }))
add('alg as a number', makeToken(claims(), keys.privateKey, { typ: 'JWT', alg: 256 }))
add('typ other than JWT', makeToken(claims(), keys.privateKey, header({ typ: 'at+jwt' })))
add('typ null', makeToken(claims(), keys.privateKey, header({ typ: null })))
add('no typ', makeToken(claims(), keys.privateKey, { alg: 'RS256' }))
add('missing sub', makeToken(claims({ sub: undefined }), keys.privateKey))
add('sub as number', makeToken(claims({ sub: 42 }), keys.privateKey))
add('sub as object', makeToken(claims({ sub: { b: 1, a: [1, 'x'] } }), keys.privateKey))
add('azp authorized', good, { authorizedParties: ['https://app.example.com'] })
add('azp not authorized', good, { authorizedParties: ['https://other.example.com', 'https://x.dev'] })
add('azp with empty parties', good, { authorizedParties: [] })
add('no azp with parties', makeToken(claims({ azp: undefined }), keys.privateKey), { authorizedParties: ['https://x.dev'] })
add('issuer string matches', good, { issuer: 'https://clerk.example.com' })
add('issuer string differs', good, { issuer: 'https://clerk.other.com' })
add('issuer function true', good, { issuer: (iss) => iss.startsWith('https://clerk.') })
add('issuer function false', good, { issuer: (iss) => iss === 'nope' })
add('issuer null', good, { issuer: null })
add('no iss claim, issuer string', makeToken(claims({ iss: undefined }), keys.privateKey), { issuer: 'https://x' })
add('issuer number claim', makeToken(claims({ iss: 7 }), keys.privateKey), { issuer: 'https://x' })
add('audience string matches', makeToken(claims({ aud: 'api' }), keys.privateKey), { audience: 'api' })
add('audience string differs', makeToken(claims({ aud: 'api' }), keys.privateKey), { audience: 'web' })
add('audience given, no aud claim', good, { audience: ['api', 'web'] })
add('aud claim, no audience', makeToken(claims({ aud: 'api' }), keys.privateKey))
add('clockSkewInMs large saves expired', makeToken(claims({ exp: now - 30 }), keys.privateKey), { clockSkewInMs: 60_000 })
add('clockSkewInMs small', makeToken(claims({ exp: now - 3 }), keys.privateKey), { clockSkewInMs: 1000 })
add('clockSkewInSeconds (read as ms)', makeToken(claims({ exp: now - 30 }), keys.privateKey), { clockSkewInSeconds: 60_000 })
add('RS384 with PEM', makeToken(claims(), keys.privateKey, header({ alg: 'RS384' })))
add('RS512 with PEM', makeToken(claims(), keys.privateKey, header({ alg: 'RS512' })))
add('RS384 with RS384 JWK', makeToken(claims(), keys.privateKey, header({ alg: 'RS384' })), { key: keys384.jwk })
add('RS512 with RS512 JWK', makeToken(claims(), keys.privateKey, header({ alg: 'RS512' })), { key: keys512.jwk })
add('RS384 token, RS256 JWK', makeToken(claims(), keys.privateKey, header({ alg: 'RS384' })), { key: keys.jwk }, 'reason')
add('exp as string', makeToken(claims({ exp: String(now + 60) }), keys.privateKey))
add('exp missing', makeToken(claims({ exp: undefined }), keys.privateKey))
add('exp null', makeToken(claims({ exp: null }), keys.privateKey))
add('exp float', makeToken(claims({ exp: now + 60.75 }), keys.privateKey))
add('exp negative', makeToken(claims({ exp: -1 }), keys.privateKey))
add('exp huge', makeToken(claims({ exp: 1e300 }), keys.privateKey))
add('nbf as string', makeToken(claims({ nbf: 'soon' }), keys.privateKey))
add('iat as bool', makeToken(claims({ iat: true }), keys.privateKey))
add('iat huge', makeToken(claims({ iat: 9e15 }), keys.privateKey))
add('unicode claims', makeToken(claims({ name: 'Zoë 🚀', sub: 'usér' }), keys.privateKey))
add('duplicate claim keys', makeToken(`{"sub":"a","exp":${now + 60},"sub":"b"}`, keys.privateKey))
add('payload is an array', makeToken('[1,2]', keys.privateKey))
add('payload with orgs', makeToken(claims({ orgs: { org_1: 'admin' } }), keys.privateKey))
// malformed tokens
for (const [name, token] of [
  ['empty string', ''],
  ['one part', 'abc'],
  ['two parts', 'abc.def'],
  ['four parts', 'a.b.c.d'],
  ['only dots', '..'],
  ['bad base64 header', '!!!.' + b64url(claims()) + '.sig'],
  ['bad base64 payload', b64url(header()) + '.p@yload.sig'],
  ['bad base64 signature', b64url(header()) + '.' + b64url(claims()) + '.s+g/'],
  ['base64 of odd length', 'a.b.c'],
  ['non-JSON header', b64url('not json') + '.' + b64url(claims()) + '.sig'],
  ['non-JSON payload', b64url(header()) + '.' + b64url('{"sub":') + '.sig'],
  ['header null', b64url('null') + '.' + b64url(claims()) + '.sig'],
  ['header a string', b64url('"x"') + '.' + b64url(claims()) + '.sig'],
  ['payload null', b64url(header()) + '.' + b64url('null') + '.sig'],
  ['payload a number', b64url(header()) + '.' + b64url('5') + '.sig'],
  [
    'padded base64',
    good
      .split('.')
      .map((p, i) => (i === 0 ? p + '==' : p))
      .join('.'),
  ],
  [
    'invalid utf-8 in payload',
    b64url(header()) + '.' + Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]).toString('base64url') + '.sig',
  ],
  ['huge token', b64url(header()) + '.' + b64url(claims({ pad: 'x'.repeat(1_000_000) })) + '.sig'],
  ['whitespace token', '   '],
]) {
  add(name, token)
}
// bad keys: reasons must agree; WebCrypto's exact texts are Node's and not promised.
for (const [name, key] of [
  ['key undefined', undefined],
  ['key null', null],
  ['key a number', 42],
  ['key garbage PEM', '-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----'],
  ['key PKCS#1 PEM', keys.pkcs1Pem],
  ['key private PEM', keys.privatePem],
  ['key empty string', ''],
  ['key JWK of wrong kty', { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }],
  ['key JWK with use enc', { ...keys.jwk, use: 'enc' }],
  ['key private JWK', keys.privateJwk],
  ['key empty object', {}],
]) {
  add(name, good, { key }, 'reason')
}

function run(impl, { token, options }) {
  return outcome(() => impl.verifyJwt(token, { key: keys.pem, issuer: null, ...options }))
}

test(`verifyJwt: ${cases.length} cases give the same outcome as clerk-ref`, async (t) => {
  for (const c of cases) {
    await t.test(c.name, async () => {
      const [expected, actual] = await withFrozenClock(async () => [await run(ref, c), await run(native, c)])
      if (c.compare === 'reason') {
        assert.equal(actual.ok, expected.ok, JSON.stringify({ expected, actual }))
        assert.equal(actual.reason, expected.reason, JSON.stringify({ expected, actual }))
        assert.equal(actual.type, expected.type === 'TokenVerificationError' ? 'TokenVerificationError' : actual.type)
      } else {
        assert.deepEqual(actual, expected)
      }
    })
  }
})

test('decodeJwt gives the same value and errors as clerk-ref', async (t) => {
  for (const c of cases) {
    await t.test(c.name, async () => {
      const expected = await outcome(() => ref.decodeJwt(c.token))
      const actual = await outcome(() => native.decodeJwt(c.token))
      assert.deepEqual(actual, expected)
    })
  }
})

test('decoded shape: Uint8Array signature, raw parts, orgs accessor', () => {
  const a = ref.decodeJwt(good)
  const b = native.decodeJwt(good)
  assert.ok(b.signature instanceof Uint8Array)
  assert.deepEqual(Array.from(b.signature), Array.from(a.signature))
  assert.deepEqual(b.raw, a.raw)
  assert.deepEqual(Object.keys(b.payload), Object.keys(a.payload))
  assert.equal('orgs' in b.payload, 'orgs' in a.payload)
  assert.deepEqual(Object.getOwnPropertyDescriptor(b.payload, 'orgs').enumerable, false)
})

test('hasValidSignature agrees with clerk-ref', async (t) => {
  const variants = [
    ['valid, PEM', good, keys.pem],
    ['valid, JWK', good, keys.jwk],
    ['wrong key', good, other.pem],
    ['RS512', makeToken(claims(), keys.privateKey, header({ alg: 'RS512' })), keys.pem],
    ['unsupported alg', makeToken(claims(), keys.privateKey, header({ alg: 'PS256' })), keys.pem],
    ['no alg', makeToken(claims(), keys.privateKey, { typ: 'JWT' }), keys.pem],
  ]
  for (const [name, token, key] of variants) {
    await t.test(name, async () => {
      const expected = await outcome(() => ref.hasValidSignature(ref.decodeJwt(token), key))
      const actual = await outcome(() => native.hasValidSignature(native.decodeJwt(token), key))
      assert.deepEqual(actual, expected)
    })
  }
  await t.test('bad key rejects in both', async () => {
    const expected = await outcome(() => ref.hasValidSignature(ref.decodeJwt(good), 'garbage!'))
    const actual = await outcome(() => native.hasValidSignature(native.decodeJwt(good), 'garbage!'))
    assert.equal(expected.ok, false)
    assert.equal(actual.ok, false)
  })
})

test("signJwt: each package verifies the other one's tokens", async (t) => {
  for (const algorithm of ['RS256', 'RS384', 'RS512']) {
    for (const [kind, key] of [
      ['PEM', keys.privatePem],
      ['JWK', keys.privateJwk],
    ]) {
      await t.test(`${algorithm} ${kind}`, async () => {
        const payload = claims({ name: 'Zoë' })
        // both set iat from Date.now(): hold the clock so a second boundary cannot split them
        const realNow = Date.now
        const frozen = realNow()
        Date.now = () => frozen
        let ours, theirs
        try {
          ours = await native.signJwt({ ...payload }, key, { algorithm })
          theirs = await ref.signJwt({ ...payload }, key, { algorithm })
        } finally {
          Date.now = realNow
        }
        // RSASSA-PKCS1-v1_5 is deterministic: same input, same key, same token
        assert.equal(ours, theirs)
        const verifyKey = kind === 'JWK' ? { ...keys.jwk, alg: algorithm } : keys.pem
        const back = await ref.verifyJwt(ours, { key: verifyKey, issuer: null })
        assert.equal(back.name, 'Zoë')
        const mine = await native.verifyJwt(theirs, { key: verifyKey, issuer: null })
        assert.equal(mine.sub, payload.sub)
      })
    }
  }
  await t.test('mutates header and payload as the reference does', async () => {
    const header = { kid: 'k1' }
    const payload = { sub: 'u' }
    await native.signJwt(payload, keys.privatePem, { algorithm: 'RS256', header })
    assert.equal(header.alg, 'RS256')
    assert.equal(typeof payload.iat, 'number')
  })
  for (const [name, key, options] of [
    ['no algorithm', keys.privatePem, {}],
    ['unknown algorithm', keys.privatePem, { algorithm: 'HS256' }],
    ['public key to sign', keys.pem, { algorithm: 'RS256' }],
    ['public JWK to sign', keys.jwk, { algorithm: 'RS256' }],
    ['garbage key', 'nope!', { algorithm: 'RS256' }],
  ]) {
    await t.test(`rejects: ${name}`, async () => {
      const expected = await outcome(() => ref.signJwt({ sub: 'u' }, key, options))
      const actual = await outcome(() => native.signJwt({ sub: 'u' }, key, options))
      assert.equal(actual.ok, false)
      assert.equal(expected.ok, false)
      // the algorithm checks are the reference's own; key import errors are WebCrypto's and
      // differ between Node versions
      if (!options.algorithm || options.algorithm === 'HS256') assert.deepEqual(actual, expected)
    })
  }
})
