'use strict'
// RSA checks that go to the verifier threads when verifications pile up (lib/verifier.js) give
// exactly the results of the same checks on the JS thread.

const test = require('node:test')
const assert = require('node:assert/strict')
const native = require('..')
const { stats } = require('../lib/verifier')
const { makeKeys, makeToken, claims, nowSeconds } = require('./helpers')

process.env.NODE_ENV = 'test'
const keys = makeKeys()
const other = makeKeys()

function tokens(n, tag) {
  const out = []
  for (let i = 0; i < n; i++) {
    const kind = i % 5
    const payload = claims({
      jti: `${tag}-${i}`,
      exp: kind === 1 ? nowSeconds() - 600 : nowSeconds() + 600,
      aud: kind === 3 ? 'other' : 'api',
    })
    out.push(makeToken(payload, kind === 2 ? other.privateKey : keys.privateKey))
  }
  return out
}

const summary = (r) => (r.status === 'fulfilled' ? `ok ${r.value.jti}` : `${r.reason.reason || r.reason.message}`)

test('verifyJwt: 200 concurrent checks give the results of the same checks one by one', async () => {
  const options = { key: keys.pem, issuer: null, audience: 'api' }
  const list = tokens(200, 'jwt')
  const before = stats()
  const together = await Promise.allSettled(list.map((t) => native.verifyJwt(t, options)))
  const used = stats().verifierThreadRuns - before.verifierThreadRuns
  assert.ok(used > 0, 'the verifier threads were used')
  // Queued faster than one thread verifies, the queue grows and the JS thread takes a share.
  // (How much depends on timing: a slow moment of the JS thread can leave it none, so the
  // burst is tried again, up to five times.)
  let shared = stats().jsThreadRuns - before.jsThreadRuns
  for (let i = 0; i < 5 && shared === 0; i++) {
    const start = stats().jsThreadRuns
    await Promise.all(tokens(200, `burst-${i}`).map((t) => native.verifyJwt(t, options).catch(() => null)))
    shared = stats().jsThreadRuns - start
  }
  assert.ok(shared > 0, 'the JS thread took a share of the queue')
  const again = tokens(200, 'jwt-seq') // new tokens: the first run's valid ones are cached now
  const oneByOne = []
  for (const t of again)
    oneByOne.push(
      await native.verifyJwt(t, options).then(
        (v) => ({ status: 'fulfilled', value: v }),
        (e) => ({ status: 'rejected', reason: e }),
      ),
    )
  assert.deepEqual(
    together.map(summary).map((s) => s.replace(/jwt-\d+/, 'X')),
    oneByOne.map(summary).map((s) => s.replace(/jwt-seq-\d+/, 'X')),
  )
  assert.equal(together.filter((r) => r.status === 'fulfilled').length, 80)
  const reasons = together.filter((r) => r.status === 'rejected').map((r) => r.reason.reason)
  assert.deepEqual([...new Set(reasons)].sort(), ['token-expired', 'token-invalid-signature', 'token-verification-failed'])
})

test('authenticateRequest: concurrent requests decide as they do one by one', async () => {
  const clerk = native.Clerk({ secretKey: 'sk_live_x', jwtKey: keys.pem, audience: 'api' })
  const request = (t) => new Request('https://app.example.com/', { headers: { authorization: `Bearer ${t}`, host: 'app.example.com' } })
  const iss = (t) => t // tokens use iss https://clerk.example.com, which the default check accepts
  const list = tokens(100, 'ar').map(iss)
  const before = stats().verifierThreadRuns
  const together = await Promise.all(list.map((t) => clerk.authenticateRequest({ request: request(t) })))
  assert.ok(stats().verifierThreadRuns - before > 0, 'the verifier threads were used')
  const oneByOne = []
  for (const t of tokens(100, 'ar-seq')) oneByOne.push(await clerk.authenticateRequest({ request: request(t) }))
  const view = (s) => `${s.status} ${s.reason}`
  assert.deepEqual(together.map(view), oneByOne.map(view))
  assert.equal(together.filter((s) => s.status === 'signed-in').length, 40)
  for (const s of together.filter((x) => x.status === 'signed-in')) assert.equal(s.toAuth().userId, 'user_123')
})

test('a script whose only pending work is deferred checks waits for them, then exits', async () => {
  const { spawnSync } = require('node:child_process')
  const script = `
    const native = require(${JSON.stringify(require.resolve('..'))})
    const { makeKeys, makeToken, claims } = require(${JSON.stringify(require.resolve('./helpers'))})
    const keys = makeKeys()
    const list = Array.from({ length: 100 }, (_, i) => makeToken(claims({ jti: String(i) }), keys.privateKey))
    Promise.all(list.map((t) => native.verifyJwt(t, { key: keys.pem, issuer: null }))).then((r) => {
      const s = require(${JSON.stringify(require.resolve('../lib/verifier'))}).stats()
      console.log(r.length, r.every((p, i) => p.jti === String(i)), s.verifierThreadRuns > 0)
    })
  `
  const started = Date.now()
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 })
  assert.equal(child.status, 0, child.stderr)
  assert.equal(child.stdout.trim(), '100 true true')
  assert.ok(Date.now() - started < 30_000)
})

test('a caller that awaits each check before the next, across event-loop turns, is not kept on the threads', async () => {
  // Like a server that handles one request at a time: a turn of the event loop between calls,
  // most of the JS thread's time in verification. Load alone first defers checks, but never two
  // are out at once, so deferral stops for a while (a thread hop only adds to each call).
  const options = { key: keys.pem, issuer: null, audience: 'api' }
  const list = Array.from({ length: 3000 }, (_, i) =>
    makeToken(claims({ jti: `seq-${i}`, exp: nowSeconds() + 600, aud: 'api' }), keys.privateKey),
  )
  const before = stats()
  for (const t of list) {
    await new Promise((resolve) => setImmediate(resolve))
    await native.verifyJwt(t, options)
  }
  const after = stats()
  const deferred = after.verifierThreadRuns - before.verifierThreadRuns + (after.jsThreadRuns - before.jsThreadRuns)
  assert.ok(deferred < list.length * 0.15, `${deferred} of ${list.length} sequential checks were deferred`)
})
