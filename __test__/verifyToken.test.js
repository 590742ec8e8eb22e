'use strict'
// verifyToken against a JWKS server on 127.0.0.1 that counts its requests.

const test = require('node:test')
const assert = require('node:assert/strict')
const native = require('..')
const { makeKeys, makeToken, claims } = require('./helpers')
const { startJwksServer } = require('./jwks-server')

process.env.NODE_ENV = 'test'

let kidCounter = 0
function keyWithKid(keys) {
  const kid = `ins_${process.pid}_${++kidCounter}`
  return { kid, jwk: { ...keys.jwk, kid }, sign: (payload) => makeToken(payload, keys.privateKey, { alg: 'RS256', typ: 'JWT', kid }) }
}

test('verifyToken with JWKS from the Backend and Frontend APIs', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const keys = makeKeys()

  await t.test('N verifications make one fetch within the TTL (Backend API, bearer key)', async () => {
    const k = keyWithKid(keys)
    server.state.keys = [k.jwk]
    const before = server.state.requests
    const secretKey = `sk_test_${k.kid}`
    const token = k.sign(claims())
    for (let i = 0; i < 50; i++) {
      const payload = await native.verifyToken(token, { secretKey, apiUrl: server.url, issuer: null })
      assert.equal(payload.sub, 'user_123')
    }
    assert.equal(server.state.requests - before, 1)
    assert.equal(server.state.authorizations.at(-1), `Bearer ${secretKey}`)
  })

  await t.test('100 concurrent cold verifications make one fetch', async () => {
    const k = keyWithKid(keys)
    server.state.keys = [k.jwk]
    server.state.delayMs = 50
    const before = server.state.requests
    const token = k.sign(claims())
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        native.verifyToken(token, { secretKey: `sk_test_cold_${k.kid}`, apiUrl: server.url, issuer: null }),
      ),
    )
    server.state.delayMs = 0
    assert.equal(results.length, 100)
    assert.ok(results.every((p) => p.sub === 'user_123'))
    assert.equal(server.state.requests - before, 1)
  })

  await t.test('the Frontend API of an issuer string, no credentials', async () => {
    const k = keyWithKid(keys)
    server.state.keys = [k.jwk]
    const before = server.state.requests
    const token = k.sign(claims({ iss: server.url }))
    const payload = await native.verifyToken(token, { issuer: server.url })
    assert.equal(payload.iss, server.url)
    assert.equal(server.state.requests - before, 1)
    assert.equal(server.state.authorizations.at(-1), undefined)
  })

  await t.test('a short TTL expires and refetches; skipJwksCache forces a fetch', async () => {
    const k = keyWithKid(keys)
    server.state.keys = [k.jwk]
    const before = server.state.requests
    const options = { secretKey: `sk_test_ttl_${k.kid}`, apiUrl: server.url, issuer: null, jwksCacheTtlInMs: 100 }
    const token = k.sign(claims())
    await native.verifyToken(token, options)
    await native.verifyToken(token, options)
    assert.equal(server.state.requests - before, 1)
    await new Promise((r) => setTimeout(r, 150))
    await native.verifyToken(token, options)
    assert.equal(server.state.requests - before, 2)
    await native.verifyToken(token, { ...options, jwksCacheTtlInMs: 60_000, skipJwksCache: true })
    assert.equal(server.state.requests - before, 3)
  })

  await t.test('a rotated key is picked up, and unknown kids cannot flood the API', async () => {
    const old = keyWithKid(keys)
    const rotatedKeys = makeKeys()
    const fresh = keyWithKid(rotatedKeys)
    server.state.keys = [old.jwk]
    const options = { secretKey: `sk_test_rot_${old.kid}`, apiUrl: server.url, issuer: null }
    await native.verifyToken(old.sign(claims()), options)
    const before = server.state.requests
    // the API rotates; a token with the new kid arrives inside the refetch cooldown
    server.state.keys = [old.jwk, fresh.jwk]
    await assert.rejects(native.verifyToken(fresh.sign(claims()), options), (e) => {
      assert.equal(e.reason, 'jwk-remote-missing')
      assert.match(e.message, new RegExp(`kid='${fresh.kid}'.*The following kid are available: ${old.kid}$`))
      return true
    })
    assert.equal(server.state.requests - before, 0)
    // a flood of unknown kids in that window fetches nothing
    const flood = await Promise.allSettled(Array.from({ length: 50 }, () => native.verifyToken(fresh.sign(claims()), options)))
    assert.ok(flood.every((r) => r.status === 'rejected' && r.reason.reason === 'jwk-remote-missing'))
    assert.equal(server.state.requests - before, 0)
    // after the cooldown (5 s, moved past with the clock JS passes in) one refetch finds it
    const realNow = Date.now
    Date.now = () => realNow() + 6000
    try {
      const token = makeToken(claims({ exp: Math.floor(Date.now() / 1000) + 60 }), rotatedKeys.privateKey, {
        alg: 'RS256',
        typ: 'JWT',
        kid: fresh.kid,
      })
      const payload = await native.verifyToken(token, options)
      assert.equal(payload.sub, 'user_123')
      await native.verifyToken(token, options)
    } finally {
      Date.now = realNow
    }
    assert.equal(server.state.requests - before, 1)
  })

  await t.test('401 clerk_key_invalid gives secret-key-invalid at once (no retries)', async () => {
    server.state.mode = 'status'
    server.state.status = 401
    server.state.body = { errors: [{ code: 'clerk_key_invalid', message: 'The provided Clerk Secret Key is invalid.' }] }
    const before = server.state.requests
    const k = keyWithKid(keys)
    await assert.rejects(native.verifyToken(k.sign(claims()), { secretKey: 'sk_test_bad', apiUrl: server.url, issuer: null }), {
      reason: 'secret-key-invalid',
      message: 'The provided Clerk Secret Key is invalid.',
      action: 'Contact support@clerk.com',
    })
    assert.equal(server.state.requests - before, 1)
    server.state.mode = 'ok'
    server.state.body = null
  })

  await t.test('a 500 is retried, then jwk-remote-failed-to-load names the URL and code', async () => {
    server.state.mode = 'status'
    server.state.status = 503
    const before = server.state.requests
    const k = keyWithKid(keys)
    const started = Date.now()
    await assert.rejects(native.verifyToken(k.sign(claims()), { secretKey: 'sk_test_500', apiUrl: server.url, issuer: null }), {
      reason: 'jwk-remote-failed-to-load',
      message: `Error loading Clerk JWKS from ${server.url}/v1/jwks with code=503`,
    })
    assert.equal(server.state.requests - before, 5)
    assert.ok(Date.now() - started >= 3000 - 50) // waits of 200, 400, 800 and 1600 ms
    server.state.mode = 'ok'
  })

  await t.test('a stalled server gives jwk-remote-failed-to-load within the bound', async () => {
    server.state.mode = 'stall'
    const k = keyWithKid(keys)
    const started = Date.now()
    await assert.rejects(
      native.verifyToken(k.sign(claims()), { secretKey: 'sk_test_stall', apiUrl: server.url, issuer: null, jwksTimeoutInMs: 1200 }),
      (e) => {
        assert.equal(e.reason, 'jwk-remote-failed-to-load')
        assert.match(e.message, /timed out/)
        return true
      },
    )
    const took = Date.now() - started
    assert.ok(took < 2500, `took ${took} ms`)
    server.state.mode = 'ok'
  })

  await t.test('keys fetched before keep serving while the API is down, until they expire', async () => {
    const k = keyWithKid(keys)
    server.state.keys = [k.jwk]
    const options = { secretKey: `sk_test_down_${k.kid}`, apiUrl: server.url, issuer: null, jwksCacheTtlInMs: 400, jwksTimeoutInMs: 500 }
    const token = k.sign(claims())
    await native.verifyToken(token, options)
    server.state.mode = 'status'
    server.state.status = 500
    assert.equal((await native.verifyToken(token, options)).sub, 'user_123')
    await new Promise((r) => setTimeout(r, 450))
    await assert.rejects(native.verifyToken(token, options), { reason: 'jwk-remote-failed-to-load' })
    server.state.mode = 'ok'
    await new Promise((r) => setTimeout(r, 1050)) // past the failure cooldown
    assert.equal((await native.verifyToken(token, options)).sub, 'user_123')
  })

  await t.test('an empty or invalid JWKS gives jwk-remote-failed-to-load', async () => {
    const k = keyWithKid(keys)
    server.state.mode = 'empty'
    await assert.rejects(native.verifyToken(k.sign(claims()), { secretKey: 'sk_test_empty', apiUrl: server.url, issuer: null }), {
      reason: 'jwk-remote-failed-to-load',
      message: 'The JWKS endpoint did not contain any signing keys. Contact support@clerk.com.',
    })
    server.state.mode = 'garbage'
    await assert.rejects(
      native.verifyToken(k.sign(claims()), { secretKey: 'sk_test_garbage', apiUrl: server.url, issuer: null, jwksTimeoutInMs: 500 }),
      { reason: 'jwk-remote-failed-to-load' },
    )
    server.state.mode = 'ok'
  })
})

test('a server that is down gives jwk-remote-failed-to-load within the bound', async () => {
  const server = await startJwksServer()
  const url = server.url
  await server.close()
  const keys = makeKeys()
  const started = Date.now()
  await assert.rejects(
    native.verifyToken(makeToken(claims(), keys.privateKey), {
      secretKey: 'sk_test_down',
      apiUrl: url,
      issuer: null,
      jwksTimeoutInMs: 1000,
    }),
    { reason: 'jwk-remote-failed-to-load' },
  )
  assert.ok(Date.now() - started < 2000)
})

test('jwtKey: networkless, and each jwtKey verifies with its own key', async () => {
  const a = makeKeys()
  const b = makeKeys()
  const ta = makeToken(claims({ sub: 'a' }), a.privateKey)
  const tb = makeToken(claims({ sub: 'b' }), b.privateKey)
  assert.equal((await native.verifyToken(ta, { jwtKey: a.pem, issuer: null })).sub, 'a')
  assert.equal((await native.verifyToken(tb, { jwtKey: b.pem, issuer: null })).sub, 'b')
  await assert.rejects(native.verifyToken(tb, { jwtKey: a.pem, issuer: null }), { reason: 'token-invalid-signature' })
  // jwtKey wins over secretKey: no network is touched
  assert.equal(
    (await native.verifyToken(ta, { jwtKey: a.pem, secretKey: 'sk_test_x', apiUrl: 'http://127.0.0.1:1', issuer: null })).sub,
    'a',
  )
})

test('no key source gives jwk-failed-to-resolve', async () => {
  const keys = makeKeys()
  await assert.rejects(native.verifyToken(makeToken(claims(), keys.privateKey), { issuer: null }), {
    reason: 'jwk-failed-to-resolve',
    message: 'Failed to resolve JWK during verification.',
    action: 'Set the CLERK_JWT_KEY environment variable.',
  })
})
