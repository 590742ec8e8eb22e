'use strict'
// verifyToken through clerk-ref and this package, against the same JWKS server: every outcome
// the two should share must be equal (payload, or error type and reason; messages too where
// the reference's message does not depend on its process-wide cache).

const test = require('node:test')
const assert = require('node:assert/strict')
const ref = require('clerk-ref')
const native = require('..')
const { makeKeys, makeToken, claims, nowSeconds, outcome, withFrozenClock } = require('./helpers')
const { startJwksServer } = require('./jwks-server')

process.env.NODE_ENV = 'test'

test('verifyToken: the same outcomes as clerk-ref', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const keys = makeKeys()
  const other = makeKeys()
  let n = 0
  const fresh = (k = keys) => {
    const kid = `ins_diff_${process.pid}_${++n}`
    return { kid, jwk: { ...k.jwk, kid }, sign: (p, h = {}) => makeToken(p, k.privateKey, { alg: 'RS256', typ: 'JWT', kid, ...h }) }
  }
  const both = (token, options) =>
    withFrozenClock(async () => [
      await outcome(() => ref.verifyToken(token, { ...options })),
      await outcome(() => native.verifyToken(token, { ...options })),
    ])

  const jwtKeyCases = [
    ['jwtKey: valid', makeToken(claims(), keys.privateKey)],
    ['jwtKey: expired', makeToken(claims({ exp: nowSeconds() - 600 }), keys.privateKey)],
    ['jwtKey: not active yet', makeToken(claims({ nbf: nowSeconds() + 600 }), keys.privateKey)],
    ['jwtKey: signed by another key', makeToken(claims(), other.privateKey)],
    ['jwtKey: RS384 token (the local key is RS256 only)', makeToken(claims(), keys.privateKey, { alg: 'RS384', typ: 'JWT' })],
    ['jwtKey: malformed token', 'not.a-token'],
    ['jwtKey: two parts', 'abc.def'],
  ]
  for (const [name, token] of jwtKeyCases) {
    await t.test(name, async () => {
      const [expected, actual] = await both(token, { jwtKey: keys.pem, issuer: null })
      if (name.includes('RS384')) {
        assert.equal(actual.reason, expected.reason)
      } else {
        assert.deepEqual(actual, expected)
      }
    })
  }

  await t.test('jwtKey with issuer and authorizedParties checks', async () => {
    const token = makeToken(claims(), keys.privateKey)
    for (const options of [
      { issuer: 'https://clerk.example.com' },
      { issuer: 'https://clerk.other.com' },
      { issuer: (iss) => iss.endsWith('example.com') },
      { issuer: null, authorizedParties: ['https://elsewhere.dev'] },
      { issuer: null, audience: 'api' },
    ]) {
      const [expected, actual] = await both(token, { jwtKey: keys.pem, ...options })
      assert.deepEqual(actual, expected, JSON.stringify(options))
    }
  })

  await t.test('Backend API: valid token', async () => {
    const k = fresh()
    server.state.keys = [k.jwk]
    const [expected, actual] = await both(k.sign(claims()), { secretKey: 'sk_test_diff', apiUrl: server.url, issuer: null })
    assert.equal(expected.ok, true)
    assert.deepEqual(actual, expected)
  })

  await t.test('Backend API: expired and badly signed tokens', async () => {
    const k = fresh()
    server.state.keys = [k.jwk]
    const expired = k.sign(claims({ exp: nowSeconds() - 600 }))
    const forged = makeToken(claims(), other.privateKey, { alg: 'RS256', typ: 'JWT', kid: k.kid })
    for (const token of [expired, forged]) {
      const [expected, actual] = await both(token, { secretKey: 'sk_test_diff_2', apiUrl: server.url, issuer: null })
      assert.deepEqual(actual, expected)
    }
  })

  await t.test('Frontend API from an issuer string', async () => {
    const k = fresh()
    server.state.keys = [k.jwk]
    const token = k.sign(claims({ iss: server.url }))
    const [expected, actual] = await both(token, { issuer: server.url })
    assert.equal(expected.ok, true)
    assert.deepEqual(actual, expected)
    const wrongIss = k.sign(claims({ iss: 'https://clerk.other.com' }))
    const [e2, a2] = await both(wrongIss, { issuer: server.url })
    assert.deepEqual(a2, e2)
  })

  await t.test('a kid the JWKS does not have: jwk-remote-missing', async () => {
    const k = fresh()
    server.state.keys = [fresh().jwk]
    const [expected, actual] = await both(k.sign(claims()), { secretKey: 'sk_test_missing', apiUrl: server.url, issuer: null })
    assert.equal(actual.reason, 'jwk-remote-missing')
    assert.equal(actual.reason, expected.reason)
    assert.equal(actual.action, expected.action)
    // the reference lists every kid of its process-wide cache; this package those of the source
    assert.equal(actual.message.split(' The following')[0], expected.message.split(' The following')[0])
  })

  await t.test('no key source: jwk-failed-to-resolve', async () => {
    const [expected, actual] = await both(makeToken(claims(), keys.privateKey), { issuer: null })
    assert.deepEqual(actual, expected)
  })

  await t.test('401 clerk_key_invalid: secret-key-invalid', async () => {
    server.state.mode = 'status'
    server.state.status = 401
    server.state.body = { errors: [{ code: 'clerk_key_invalid', message: 'The provided Clerk Secret Key is invalid.', long_message: 'x' }] }
    const k = fresh()
    const [expected, actual] = await both(k.sign(claims()), { secretKey: 'sk_test_invalid', apiUrl: server.url, issuer: null })
    server.state.mode = 'ok'
    server.state.body = null
    assert.equal(expected.reason, 'secret-key-invalid')
    assert.deepEqual(actual, expected)
  })

  await t.test('500 from the Backend API: jwk-remote-failed-to-load', async () => {
    server.state.mode = 'status'
    server.state.status = 500
    const k = fresh()
    const [expected, actual] = await both(k.sign(claims()), { secretKey: 'sk_test_500', apiUrl: server.url, issuer: null })
    server.state.mode = 'ok'
    assert.equal(expected.reason, 'jwk-remote-failed-to-load')
    assert.deepEqual(actual, expected)
  })
})
