'use strict'
// Failing networks, against the fault-injecting server of fault-server.js on 127.0.0.1: every
// Backend API call and every JWKS fetch settles within its stated bound with the right error,
// is sent again only where the README says (bounded), and nothing rejects unhandled. Where the
// reference settles, our error has its shape (class, status, trace id, error keys).

const test = require('node:test')
const assert = require('node:assert/strict')
const native = require('..')
const reference = require('clerk-ref')
const { makeKeys, makeToken, claims } = require('./helpers')
const { startFaultServer } = require('./fault-server')

process.env.NODE_ENV = 'test'

const unhandled = []
process.on('unhandledRejection', (e) => unhandled.push(e))

// One call per HTTP method (and a multipart upload), each with its own method + path.
const CALLS = [
  { name: 'GET users.getUser', method: 'GET', run: (c) => c.users.getUser('user_1') },
  { name: 'POST users.createUser', method: 'POST', run: (c) => c.users.createUser({ firstName: 'Ada' }) },
  { name: 'PATCH users.updateUser', method: 'PATCH', run: (c) => c.users.updateUser('user_1', { firstName: 'Ada' }) },
  { name: 'DELETE users.deleteUser', method: 'DELETE', run: (c) => c.users.deleteUser('user_1') },
  {
    name: 'POST (multipart) users.updateUserProfileImage',
    method: 'POST',
    run: (c) => c.users.updateUserProfileImage('user_1', { file: new Blob(['png'], { type: 'image/png' }) }),
  },
]

const SECRET = 'sk_test_faults_0123456789'
const TLS_HINT = '(the server does not speak TLS: a plain-HTTP server at an https:// URL?)'

// The outcome of a call and how long it took to settle.
async function settle(promise) {
  const started = Date.now()
  try {
    const value = await promise
    return { ok: true, value, took: Date.now() - started }
  } catch (error) {
    return { ok: false, error, took: Date.now() - started }
  }
}

function assertUnexpected(result, pattern) {
  assert.equal(result.ok, false, 'the call should reject')
  const e = result.error
  assert.equal(e.constructor.name.replace(/^_/, ''), 'ClerkAPIResponseError')
  assert.equal(e.clerkError, true)
  assert.equal(e.status, '')
  assert.equal(e.errors.length, 1)
  assert.deepEqual(Object.keys(e.errors[0]), ['code', 'message'])
  assert.equal(e.errors[0].code, 'unexpected_error')
  assert.match(e.errors[0].message, pattern)
  assert.ok(!e.errors[0].message.includes(SECRET), 'the secret key leaked into the error')
}

function assertStatus(result, status) {
  assert.equal(result.ok, false, 'the call should reject')
  const e = result.error
  assert.equal(e.constructor.name.replace(/^_/, ''), 'ClerkAPIResponseError')
  assert.equal(e.status, status)
}

// The same class, status, trace id and error keys as the reference's error.
function assertSameShape(expected, actual) {
  assert.equal(expected.ok, false)
  assert.equal(actual.ok, false)
  const [r, o] = [expected.error, actual.error]
  assert.equal(o.constructor.name.replace(/^_/, ''), r.constructor.name.replace(/^_/, ''))
  assert.equal(o.message, r.message)
  assert.equal(o.status, r.status)
  assert.equal(o.clerkTraceId, r.clerkTraceId)
  assert.deepEqual(
    o.errors.map((e) => e.code),
    r.errors.map((e) => e.code),
  )
  assert.deepEqual(
    o.errors.map((e) => Object.keys(e)),
    r.errors.map((e) => Object.keys(e)),
  )
}

test('Backend API calls against a failing network', async (t) => {
  const server = await startFaultServer()
  t.after(() => server.close())
  const ours = (extra = {}) => native.Clerk({ secretKey: SECRET, apiUrl: server.url, timeoutInMs: 3000, ...extra })
  const refs = (extra = {}) => reference.Clerk({ secretKey: SECRET, apiUrl: server.url, ...extra })

  // mode -> what each call gives, how many requests it makes, and whether the reference settles
  const CASES = [
    {
      mode: 'reset',
      check: (r) => assertUnexpected(r, /^fetch failed: .*connection closed before message completed/),
      requests: (call) => (call.method === 'GET' ? 3 : 1),
      reference: true,
    },
    {
      mode: 'close-mid-response',
      check: (r) => assertUnexpected(r, /^fetch failed: .*(end of file|body)/),
      requests: (call) => (call.method === 'GET' ? 3 : 1),
      reference: true,
    },
    {
      mode: 'status',
      check: (r) => {
        assertStatus(r, 500)
        assert.equal(r.error.clerkTraceId, 'trace_fault')
        assert.equal(r.error.errors[0].code, 'internal_clerk_error')
        assert.equal(r.error.errors[0].longMessage, 'Something went wrong')
      },
      requests: () => 1,
      reference: true,
    },
    { mode: '429', extra: { retryAfter: '0' }, check: (r) => assertStatus(r, 429), requests: () => 3, reference: true },
    { mode: '503', extra: { retryAfter: '0' }, check: (r) => assertStatus(r, 503), requests: () => 3, reference: true },
    { mode: '429', extra: { retryAfter: null }, check: (r) => assertStatus(r, 429), requests: () => 1, reference: true },
    // a wait longer than timeoutInMs is not started: the 503 comes back at once
    { mode: '503', extra: { retryAfter: '30' }, check: (r) => assertStatus(r, 503), requests: () => 1, bound: 1000, reference: true },
    {
      mode: 'invalid-json',
      // the message is JSON.parse's own, as in the reference (except for the upload, whose
      // answer is the same but read the same way)
      check: (r) => assertUnexpected(r, /JSON/),
      requests: () => 1,
      reference: true,
    },
    {
      mode: 'huge',
      check: (r) => assertUnexpected(r, /^fetch failed: the response body is larger than 8388608 bytes$/),
      requests: () => 1,
    },
    {
      mode: 'huge-chunked',
      check: (r) => assertUnexpected(r, /^fetch failed: the response body is larger than 8388608 bytes$/),
      requests: () => 1,
    },
    {
      mode: 'stall',
      timeoutInMs: 300,
      check: (r) => assertUnexpected(r, /^fetch failed: the Backend API did not answer within 300 ms$/),
      requests: () => 1,
    },
    {
      mode: 'drip',
      timeoutInMs: 300,
      check: (r) => assertUnexpected(r, /^fetch failed: the Backend API did not answer within 300 ms$/),
      requests: () => 1,
    },
  ]

  for (const c of CASES) {
    const label = `${c.mode}${c.extra ? ` ${JSON.stringify(c.extra)}` : ''}`
    await t.test(label, async () => {
      const timeoutInMs = c.timeoutInMs || 3000
      // the stated bound: timeoutInMs covers the whole call, retries included (plus slack)
      const bound = c.bound || timeoutInMs + 2000
      for (const call of CALLS) {
        server.set(c.mode, c.extra)
        const before = server.count
        const result = await settle(call.run(ours({ timeoutInMs })))
        const sent = server.since(before)
        c.check(result)
        assert.equal(sent.length, c.requests(call), `${call.name}: requests ${JSON.stringify(sent)}`)
        assert.ok(
          sent.every((s) => s.startsWith(`${call.method} /v1/users`)),
          JSON.stringify(sent),
        )
        assert.ok(result.took < bound, `${call.name} took ${result.took} ms (bound ${bound})`)
        if (c.reference) {
          server.set(c.mode, c.extra)
          const expected = await settle(call.run(refs()))
          assertSameShape(expected, result)
        }
      }
    })
  }

  await t.test('a 429 or 503 with Retry-After, then the answer: every method succeeds', async () => {
    for (const call of CALLS) {
      server.set('ok', { retryAfter: '0' })
      server.state.plan = ['429', '503']
      const before = server.count
      const result = await settle(call.run(ours()))
      assert.equal(result.ok, true, result.error && JSON.stringify(result.error.errors))
      assert.equal(server.count - before, 3, call.name)
    }
    // the wait asked for is honoured, inside timeoutInMs
    server.set('ok', { retryAfter: '1' })
    server.state.plan = ['503']
    const result = await settle(ours().users.getUser('user_1'))
    assert.equal(result.ok, true)
    assert.ok(result.took >= 900, `took ${result.took} ms`)
  })

  await t.test('a GET whose connection broke once is answered by its second request', async () => {
    server.set('ok')
    server.state.plan = ['reset']
    const before = server.count
    const result = await settle(ours().users.getUser('user_1'))
    assert.equal(result.ok, true)
    assert.equal(result.value.id, 'user_1')
    assert.equal(server.count - before, 2)
    // a POST is not sent again
    server.state.plan = ['reset']
    const post = await settle(ours().users.createUser({ firstName: 'Ada' }))
    assertUnexpected(post, /connection closed/)
    assert.equal(server.count - before, 3)
  })

  await t.test('a plain-HTTP server at an https:// URL fails fast with a clear error', async () => {
    server.set('ok')
    for (const call of CALLS) {
      const before = server.count
      const result = await settle(call.run(ours({ apiUrl: server.httpsUrl, timeoutInMs: 10000 })))
      assertUnexpected(result, /^fetch failed: the TLS handshake with https:\/\/127\.0\.0\.1:\d+ failed: /)
      assert.ok(result.error.errors[0].message.endsWith(TLS_HINT), result.error.errors[0].message)
      assert.equal(server.count - before, 0)
      assert.ok(result.took < 1000, `took ${result.took} ms`)
      const expected = await settle(call.run(refs({ apiUrl: server.httpsUrl })))
      assertSameShape(expected, result)
    }
  })

  await t.test('a refused connection fails at once, without retries', async () => {
    const gone = await startFaultServer()
    await gone.close()
    for (const call of CALLS) {
      const result = await settle(call.run(native.Clerk({ secretKey: SECRET, apiUrl: gone.url })))
      assertUnexpected(result, /^fetch failed: .*Connection refused/)
      assert.ok(!result.error.errors[0].message.includes('attempts'))
      assert.ok(result.took < 1000, `took ${result.took} ms`)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// JWKS fetches through verifyToken, from the Backend API (secretKey + apiUrl) and from the
// Frontend API of an issuer.

let sourceCounter = 0
const keys = makeKeys()
const KID = 'ins_faults'
const JWK = { ...keys.jwk, kid: KID }
const sign = (payload) => makeToken(payload, keys.privateKey, { alg: 'RS256', typ: 'JWT', kid: KID })

// A fresh JWKS source each time (nothing cached): a new secret key, or a new issuer path.
function sources(server) {
  const n = `${process.pid}_${++sourceCounter}`
  const issuer = `${server.url}/issuer_${n}`
  return [
    {
      name: 'secretKey + apiUrl',
      path: '/v1/jwks',
      token: sign(claims()),
      options: { secretKey: `sk_test_jwks_${n}`, apiUrl: server.url, issuer: null },
    },
    { name: 'issuer', path: `/issuer_${n}/.well-known/jwks.json`, token: sign(claims({ iss: issuer })), options: { issuer } },
  ]
}

test('JWKS fetches against a failing network', async (t) => {
  const server = await startFaultServer({ keys: [JWK] })
  t.after(() => server.close())

  // jwksTimeoutInMs 700: attempts at about 0, 200 and 600 ms (waits 200, 400; the next wait of
  // 800 ms would end past the bound, so it is not started)
  const RETRIED = { min: 2, max: 5 }
  const ONCE = { min: 1, max: 1 }
  const CASES = [
    { mode: 'reset', message: /^Error loading Clerk JWKS from .*: .*connection closed/, requests: RETRIED },
    { mode: 'close-mid-response', message: /^Error loading Clerk JWKS from .*: .*(end of file|body)/, requests: RETRIED },
    { mode: 'stall', message: /^Error loading Clerk JWKS from .*: the request timed out$/, requests: ONCE },
    { mode: 'drip', message: /^Error loading Clerk JWKS from .*: the request timed out$/, requests: ONCE },
    { mode: 'status', message: /^Error loading Clerk JWKS from .* with code=500$/, requests: RETRIED },
    { mode: '429', extra: { retryAfter: '0' }, message: /^Error loading Clerk JWKS from .* with code=429$/, requests: RETRIED },
    // a Retry-After past the bound: no wait is started, the failure comes at once
    { mode: '503', extra: { retryAfter: '30' }, message: /^Error loading Clerk JWKS from .* with code=503$/, requests: ONCE, bound: 1000 },
    { mode: 'invalid-json', message: /^Error loading Clerk JWKS from .*: the answer is not JSON$/, requests: RETRIED },
    {
      mode: 'huge',
      message: /^Error loading Clerk JWKS from .*: the response body is larger than 8388608 bytes$/,
      requests: ONCE,
      bound: 2000,
    },
    {
      mode: 'huge-chunked',
      message: /^Error loading Clerk JWKS from .*: the response body is larger than 8388608 bytes$/,
      requests: ONCE,
      bound: 2000,
    },
  ]
  for (const c of CASES) {
    await t.test(`${c.mode}${c.extra ? ` ${JSON.stringify(c.extra)}` : ''}`, async () => {
      for (const source of sources(server)) {
        server.set(c.mode, c.extra)
        const before = server.count
        const result = await settle(native.verifyToken(source.token, { ...source.options, jwksTimeoutInMs: 700 }))
        const sent = server.since(before)
        assert.equal(result.ok, false, `${source.name}: should reject`)
        assert.equal(result.error.constructor.name, 'TokenVerificationError')
        assert.equal(result.error.reason, 'jwk-remote-failed-to-load', result.error.message)
        assert.match(result.error.message, c.message)
        assert.ok(result.error.message.includes(`${server.url}${source.path}`), result.error.message)
        assert.ok(!result.error.message.includes('sk_test_jwks'), 'the secret key leaked into the error')
        assert.ok(sent.length >= c.requests.min && sent.length <= c.requests.max, `${source.name}: ${sent.length} requests`)
        assert.ok(
          sent.every((s) => s === `GET ${source.path}`),
          JSON.stringify(sent),
        )
        const bound = c.bound || 700 + 1500
        assert.ok(result.took < bound, `${source.name} took ${result.took} ms (bound ${bound})`)
      }
    })
  }

  await t.test('a plain-HTTP server at an https:// URL fails fast, without retries', async () => {
    server.set('ok')
    for (const source of sources(server)) {
      const options = { ...source.options }
      let token = source.token
      if (options.apiUrl) options.apiUrl = server.httpsUrl
      else {
        options.issuer = options.issuer.replace('http://', 'https://')
        token = sign(claims({ iss: options.issuer }))
      }
      const before = server.count
      const result = await settle(native.verifyToken(token, options))
      assert.equal(result.ok, false)
      assert.equal(result.error.reason, 'jwk-remote-failed-to-load')
      assert.match(
        result.error.message,
        /^Error loading Clerk JWKS from https:\/\/.*: the TLS handshake with https:\/\/127\.0\.0\.1:\d+ failed: /,
      )
      assert.ok(result.error.message.endsWith(TLS_HINT), result.error.message)
      assert.equal(server.count - before, 0)
      assert.ok(result.took < 1000, `${source.name} took ${result.took} ms`)
    }
  })

  await t.test('while the server is down, keys fetched before serve until the TTL, then it recovers', async () => {
    server.set('ok')
    // tokens valid for two hours, made before the clock moves, so that only the cache's TTL
    // (5 minutes) runs out
    const exp = Math.floor(Date.now() / 1000) + 7200
    const cases = sources(server).map((source) => ({
      ...source,
      token: sign(claims(source.options.issuer ? { iss: source.options.issuer, exp } : { exp })),
    }))
    const realNow = Date.now
    let offset = 0
    Date.now = () => realNow() + offset
    try {
      for (const { token, ...source } of cases) {
        const options = { ...source.options, jwksTimeoutInMs: 700 }
        offset = 0
        const before = server.count
        assert.equal((await native.verifyToken(token, options)).sub, 'user_123')
        assert.equal(server.count - before, 1)

        await server.down()
        // just inside the default TTL of 5 minutes: still served, no network
        offset = 299_000
        for (let i = 0; i < 20; i++) assert.equal((await native.verifyToken(token, options)).sub, 'user_123')
        // past it: the refetch fails (connection refused), within the bound
        offset = 300_001
        const failed = await settle(native.verifyToken(token, options))
        assert.equal(failed.ok, false)
        assert.equal(failed.error.reason, 'jwk-remote-failed-to-load')
        assert.ok(failed.took < 700 + 1500, `took ${failed.took} ms`)
        // inside the failure window the same failure comes without a fetch
        const again = await settle(native.verifyToken(token, options))
        assert.equal(again.ok, false)
        assert.equal(again.error.message, failed.error.message)
        assert.ok(again.took < 200, `took ${again.took} ms`)

        await server.up()
        const beforeUp = server.count
        // still inside the failure window (1 s): no fetch yet
        await assert.rejects(native.verifyToken(token, options), { reason: 'jwk-remote-failed-to-load' })
        assert.equal(server.count - beforeUp, 0)
        // after it, the next call fetches once and recovers
        offset = 301_100
        assert.equal((await native.verifyToken(token, options)).sub, 'user_123')
        assert.equal((await native.verifyToken(token, options)).sub, 'user_123')
        assert.equal(server.count - beforeUp, 1)
      }
    } finally {
      Date.now = realNow
    }
  })

  await t.test('concurrent verifications while the server is down share one failed fetch', async () => {
    const [source] = sources(server)
    server.set('reset')
    const before = server.count
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => native.verifyToken(source.token, { ...source.options, jwksTimeoutInMs: 700 })),
    )
    assert.ok(results.every((r) => r.status === 'rejected' && r.reason.reason === 'jwk-remote-failed-to-load'))
    const sent = server.count - before
    assert.ok(sent >= 1 && sent <= 5, `${sent} requests`)
  })
})

test('no unhandled rejection', async () => {
  await new Promise((r) => setTimeout(r, 50))
  assert.deepEqual(
    unhandled.map((e) => String(e && e.stack)),
    [],
  )
})
