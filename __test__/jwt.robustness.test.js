'use strict'
// Bad input never takes the process down: every malformed token, key or option gives a
// typed error, and the process keeps serving.

const test = require('node:test')
const assert = require('node:assert/strict')
const native = require('..')
const { makeKeys, makeToken, b64url, claims } = require('./helpers')

process.env.NODE_ENV = 'test'
const keys = makeKeys()
const good = makeToken(claims(), keys.privateKey)

const tokens = [
  undefined,
  null,
  0,
  1,
  true,
  {},
  [],
  'a',
  '.',
  '..',
  '...',
  'a.b',
  'a.b.c.d.e',
  '\u0000.\u0000.\u0000',
  '\ud800.\udfff.x',
  'é.é.é',
  '=.=.=',
  '===.===.===',
  b64url('{}') + '.' + b64url('{}') + '.',
  b64url('[]') + '.' + b64url('[]') + '.',
  b64url('{"alg":"RS256"}') + '.' + b64url('{"sub":"u","exp":"x"}') + '.',
  b64url('{"alg":"RS256"}') + '.' + b64url('{"sub":"u","exp":1e400}') + '.',
  b64url('{"alg":"RS256"}') + '.' + b64url('['.repeat(5000) + ']'.repeat(5000)) + '.',
  b64url('{"alg":"RS256"}') + '.' + b64url('{"sub":"\\ud800"}') + '.',
  'x'.repeat(2_000_000),
  good + '.' + good,
  good.replace(/\./g, '..'),
  good.slice(0, good.length / 2),
]

const keysToTry = [
  undefined,
  null,
  0,
  '',
  'x',
  '-----BEGIN PUBLIC KEY-----',
  {},
  [],
  { kty: 'RSA' },
  { kty: 'RSA', n: '', e: '' },
  { kty: 'RSA', n: 'AQAB', e: 'AQAB' },
  keys.pem.replace('A', '!'),
  { ...keys.jwk, key_ops: ['encrypt'] },
  { ...keys.jwk, key_ops: 'verify' },
  { ...keys.jwk, n: 5 },
]

test(`${tokens.length} malformed tokens reject with a typed error`, async () => {
  for (const token of tokens) {
    await assert.rejects(native.verifyJwt(token, { key: keys.pem, issuer: null }), (e) => {
      assert.ok(e instanceof Error, `not an Error for ${String(token).slice(0, 40)}`)
      assert.ok(['Error', 'TypeError', 'SyntaxError'].includes(e.constructor.name) || e.reason, e.stack)
      return true
    })
  }
})

test(`${keysToTry.length} malformed keys reject with token-verification-failed`, async () => {
  for (const key of keysToTry) {
    await assert.rejects(native.verifyJwt(good, { key, issuer: null }), (e) => {
      assert.equal(e.reason, 'token-verification-failed', `${JSON.stringify(key)}: ${e.message}`)
      assert.match(e.message, /^Error verifying JWT signature\. /)
      return true
    })
  }
})

test('wrong option types give a clear error, not a crash', async () => {
  const bad = [
    { audience: 5 },
    { audience: [1, 2] },
    { authorizedParties: 'https://a.com' },
    { authorizedParties: [null] },
    { clockSkewInMs: 'soon' },
  ]
  for (const options of bad) {
    await assert.rejects(native.verifyJwt(good, { key: keys.pem, issuer: null, ...options }), (e) => {
      assert.ok(e instanceof TypeError, `${JSON.stringify(options)}: ${e && e.constructor.name} ${e && e.message}`)
      return true
    })
  }
  await assert.rejects(native.verifyJwt(good), TypeError) // destructuring undefined, as the reference
})

test('an issuer predicate that throws rejects with its error', async () => {
  const boom = new Error('resolver failed')
  await assert.rejects(
    native.verifyJwt(good, {
      key: keys.pem,
      issuer: () => {
        throw boom
      },
    }),
    (e) => e === boom,
  )
})

test('the process still verifies after all of the above', async () => {
  const payload = await native.verifyJwt(good, { key: keys.pem, issuer: null })
  assert.equal(payload.sub, 'user_123')
})

test('the same PEM and JWK keep working across many calls (key cache)', async () => {
  for (let i = 0; i < 200; i++) {
    const key = i % 2 ? keys.pem : keys.jwk
    assert.equal((await native.verifyJwt(good, { key, issuer: null })).sub, 'user_123')
  }
  // more distinct keys than the cache holds: each still verifies its own tokens
  for (let i = 0; i < 3; i++) {
    const k = makeKeys(1024)
    const t = makeToken(claims(), k.privateKey)
    assert.equal((await native.verifyJwt(t, { key: k.pem, issuer: null })).sub, 'user_123')
    await assert.rejects(native.verifyJwt(t, { key: keys.pem, issuer: null }), { reason: 'token-invalid-signature' })
  }
})
