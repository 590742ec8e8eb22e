'use strict'
// Deliberate differences from @clerk/backend 0.38.15 (README: "Differences"), each shown
// against clerk-ref so the test fails if either side changes.

const test = require('node:test')
const assert = require('node:assert/strict')
const ref = require('clerk-ref')
const native = require('..')
const { makeKeys, makeToken, claims, nowSeconds, outcome } = require('./helpers')

process.env.NODE_ENV = 'test'
const keys = makeKeys()

async function both(token, options) {
  const opts = { key: keys.pem, issuer: null, ...options }
  return [await outcome(() => ref.verifyJwt(token, opts)), await outcome(() => native.verifyJwt(token, opts))]
}

test('audience given as a list matches a string aud claim', async () => {
  const token = makeToken(claims({ aud: 'api' }), keys.privateKey)
  const [theirs, ours] = await both(token, { audience: ['web', 'api'] })
  assert.equal(theirs.ok, false) // the reference never matches a list
  assert.equal(theirs.reason, 'token-verification-failed')
  assert.equal(ours.ok, true)
  const [, wrong] = await both(token, { audience: ['web', 'app'] })
  assert.equal(wrong.reason, 'token-verification-failed')
  assert.match(wrong.message, /Invalid JWT audience claim array \(aud\) \["api"\]\. Is not included in "\["web","app"\]"\./)
})

test('an aud claim that is a list is checked against audience', async () => {
  const token = makeToken(claims({ aud: ['a', 'b'] }), keys.privateKey)
  const [theirs, ours] = await both(token, { audience: 'c' })
  assert.equal(theirs.ok, true) // the reference skips the check
  assert.equal(ours.ok, false)
  assert.equal(ours.reason, 'token-verification-failed')
  const [, match] = await both(token, { audience: 'b' })
  assert.equal(match.ok, true)
})

test('clockSkewInMs: 0 is honoured', async () => {
  const token = makeToken(claims({ exp: nowSeconds() - 2 }), keys.privateKey)
  const [theirs, ours] = await both(token, { clockSkewInMs: 0 })
  assert.equal(theirs.ok, true) // the reference falls back to 5000 ms
  assert.equal(ours.ok, false)
  assert.equal(ours.reason, 'token-expired')
})

test('verifyToken: each jwtKey verifies with its own key (the reference keeps the first forever)', async () => {
  const a = makeKeys()
  const b = makeKeys()
  const ta = makeToken(claims(), a.privateKey)
  const tb = makeToken(claims(), b.privateKey)
  assert.equal((await ref.verifyToken(ta, { jwtKey: a.pem, issuer: null })).sub, 'user_123')
  await assert.rejects(ref.verifyToken(tb, { jwtKey: b.pem, issuer: null }), { reason: 'token-invalid-signature' })
  assert.equal((await native.verifyToken(ta, { jwtKey: a.pem, issuer: null })).sub, 'user_123')
  assert.equal((await native.verifyToken(tb, { jwtKey: b.pem, issuer: null })).sub, 'user_123')
})

test('verifyToken: an unreachable JWKS endpoint is a TokenVerificationError, not a bare TypeError', async () => {
  const server = require('node:http').createServer()
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${server.address().port}`
  await new Promise((r) => server.close(r))
  const token = makeToken(claims(), keys.privateKey, { alg: 'RS256', typ: 'JWT', kid: 'ins_unreachable' })
  const options = { secretKey: 'sk_test_unreachable', apiUrl: url, issuer: null }
  const [theirs, ours] = [await outcome(() => ref.verifyToken(token, options)), await outcome(() => native.verifyToken(token, options))]
  // "fetch failed" (a TypeError; a FetchError where the reference runs on node-fetch), after 5 attempts
  assert.ok(['TypeError', 'FetchError'].includes(theirs.type), theirs.type)
  assert.equal(ours.type, 'TokenVerificationError')
  assert.equal(ours.reason, 'jwk-remote-failed-to-load')
  assert.match(ours.message, new RegExp(`^Error loading Clerk JWKS from ${url}/v1/jwks: `))
})
