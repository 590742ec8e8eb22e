'use strict'
// Clocks that jump (fake timers, NTP): the JWKS failure window, the kid-refetch cooldown and the
// TTL end whether Date.now() moves forward or backward; and the two small incompatibilities of
// issue 14 (empty `aud` entries, jwtKey's RS256-only rule whatever ran before).

const test = require('node:test')
const assert = require('node:assert/strict')
const native = require('..')
const ref = require('clerk-ref')
const { makeKeys, makeToken, claims } = require('./helpers')
const { startJwksServer } = require('./jwks-server')

process.env.NODE_ENV = 'test'

const keys = makeKeys()
let kidCounter = 0

// Date.now() at `at` for the duration of fn, as fake timers hold it.
async function at(ms, fn) {
  const realNow = Date.now
  Date.now = () => ms
  try {
    return await fn()
  } finally {
    Date.now = realNow
  }
}

test('JWKS windows end when the clock jumps', async (t) => {
  const server = await startJwksServer()
  t.after(() => server.close())
  const kid = `ins_clock_${process.pid}_${++kidCounter}`
  const jwk = { ...keys.jwk, kid }
  const t0 = Date.now()
  const token = makeToken(
    claims({ exp: Math.floor(t0 / 1000) + 7 * 86400, iat: Math.floor(t0 / 1000) - 86400 * 7, nbf: Math.floor(t0 / 1000) - 86400 * 7 }),
    keys.privateKey,
    { alg: 'RS256', typ: 'JWT', kid },
  )
  const options = { secretKey: `sk_test_${kid}`, apiUrl: server.url, jwksTimeoutInMs: 2000 }
  const verify = () =>
    native.verifyToken(token, options).then(
      (p) => p.sub,
      (e) => e.reason,
    )

  await t.test('a failure window ends when the clock goes back', async () => {
    server.state.mode = 'status'
    server.state.status = 401
    server.state.body = { errors: [{ code: 'clerk_key_invalid', message: 'no' }] }
    assert.equal(await at(t0, verify), 'secret-key-invalid')
    server.state.mode = 'ok'
    server.state.keys = [jwk]
    // inside the window: the same failure, no fetch
    const before = server.state.requests
    assert.equal(await at(t0 + 100, verify), 'secret-key-invalid')
    assert.equal(server.state.requests, before)
    // an hour back: the window is over, the call fetches and succeeds
    assert.equal(await at(t0 - 3_600_000, verify), 'user_123')
    assert.equal(server.state.requests, before + 1)
  })

  await t.test('the TTL ends going forward and going back', async () => {
    const base = t0 - 3_600_000
    const before = server.state.requests
    assert.equal(await at(base + 1000, verify), 'user_123')
    assert.equal(server.state.requests, before, 'fresh')
    assert.equal(await at(base + 301_000, verify), 'user_123')
    assert.equal(server.state.requests, before + 1, 'past the TTL going forward')
    assert.equal(await at(base - 60_000, verify), 'user_123')
    assert.equal(server.state.requests, before + 2, 'a minute back: the cached keys are stale')
  })

  await t.test('the kid-refetch cooldown ends when the clock goes back', async () => {
    const base = t0 - 3_600_000 - 60_000
    const newKid = `${kid}_rotated`
    const rotated = makeToken(
      claims({ exp: Math.floor(t0 / 1000) + 7 * 86400, iat: Math.floor(t0 / 1000) - 86400 * 7, nbf: Math.floor(t0 / 1000) - 86400 * 7 }),
      keys.privateKey,
      { alg: 'RS256', typ: 'JWT', kid: newKid },
    )
    const verifyRotated = () =>
      native.verifyToken(rotated, options).then(
        (p) => p.sub,
        (e) => e.reason,
      )
    server.state.keys = [jwk, { ...jwk, kid: newKid }]
    const before = server.state.requests
    // keys fetched at `base` (last test): a new kid inside the cooldown is missing, no fetch
    assert.equal(await at(base + 10, verifyRotated), 'jwk-remote-missing')
    assert.equal(server.state.requests, before)
    // the clock set back a day: the cooldown is over
    assert.equal(await at(base - 86_400_000, verifyRotated), 'user_123')
    assert.equal(server.state.requests, before + 1)
  })
})

test('empty aud entries are dropped before the audience check, as in the reference', async () => {
  const token = makeToken(claims({ aud: ['', ''] }), keys.privateKey)
  for (const lib of [native, ref]) {
    const payload = await lib.verifyJwt(token, { key: keys.pem, audience: ['app-one', 'app-two'] })
    assert.deepEqual(payload.aud, ['', ''])
  }
  const mixed = makeToken(claims({ aud: ['', 'app-two'] }), keys.privateKey)
  assert.deepEqual((await native.verifyJwt(mixed, { key: keys.pem, audience: ['app-one', 'app-two'] })).aud, ['', 'app-two'])
})

test('jwtKey verifies RS256 only, whatever used the same PEM before', async () => {
  const token = makeToken(claims(), keys.privateKey, { alg: 'RS384', typ: 'JWT', kid: 'ins_test' })
  const viaJwtKey = () =>
    native.verifyToken(token, { jwtKey: keys.pem }).then(
      () => 'ok',
      (e) => `${e.reason}: ${e.message}`,
    )
  const first = await viaJwtKey()
  assert.match(first, /^token-verification-failed: /)
  // the same PEM as verifyJwt's key verifies RS384
  assert.equal((await native.verifyJwt(token, { key: keys.pem })).sub, 'user_123')
  assert.equal(await viaJwtKey(), first)
  const refAnswer = await ref.verifyToken(token, { jwtKey: keys.pem }).then(
    () => 'ok',
    (e) => `${e.reason}: ${e.message}`,
  )
  // the reason; the message is WebCrypto's in the reference, worded differently by Node 16
  assert.equal(first.split(':')[0], refAnswer.split(':')[0])
})
