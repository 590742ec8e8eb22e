'use strict'
process.env.NODE_ENV = 'test'

// The addon in worker_threads (issue 8): four workers load it at once and each verifies
// (verifyJwt, verifyToken with jwtKey, authenticateRequest) with the right answers; workers
// terminated in the middle of their work do not take the process down.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { Worker } = require('node:worker_threads')
const native = require('..')
const { SHUTTING_DOWN } = require('../lib/errors')
const { makeKeys, makeToken, claims, childRequireArgs } = require('./helpers')

const ROOT = path.join(__dirname, '..')

// The worker's code: verifies `rounds` times each way and reports counts, or loops until
// terminated when `forever` is set.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
process.env.NODE_ENV = 'test'
const native = require(workerData.root)
const { pem, good, forged, expired, rounds, forever, id } = workerData
const pk = 'pk_test_' + Buffer.from('worker-wombat-1.clerk.accounts.dev$').toString('base64')
async function once(tally) {
  const p = await native.verifyJwt(good, { key: pem, issuer: null })
  tally.verifyJwt += p.sub === 'user_' + id
  await native.verifyJwt(forged, { key: pem, issuer: null }).catch((e) => (tally.rejected += e.reason === 'token-invalid-signature'))
  const q = await native.verifyToken(good, { jwtKey: pem, issuer: null })
  tally.verifyToken += q.sub === 'user_' + id
  await native.verifyToken(expired, { jwtKey: pem, issuer: null }).catch((e) => (tally.rejected += e.reason === 'token-expired'))
  const clerk = native.Clerk({ secretKey: 'sk_test_worker', jwtKey: pem, publishableKey: pk })
  const state = await clerk.authenticateRequest({ request: new Request('http://localhost:3000/', { headers: { authorization: 'Bearer ' + good } }) })
  tally.signedIn += state.status === 'signed-in' && state.toAuth().userId === 'user_' + id
  const out = await clerk.authenticateRequest({ request: new Request('http://localhost:3000/', { headers: { authorization: 'Bearer ' + forged } }) })
  tally.signedOut += out.status === 'signed-out' && out.reason === 'token-invalid-signature'
  // a burst that goes to the verifier threads
  const all = await Promise.all(Array.from({ length: 20 }, () => native.verifyJwt(good, { key: pem, issuer: null })))
  tally.burst += all.every((x) => x.sub === 'user_' + id)
}
;(async () => {
  const tally = { verifyJwt: 0, verifyToken: 0, signedIn: 0, signedOut: 0, rejected: 0, burst: 0 }
  parentPort.postMessage({ started: true })
  if (forever) for (;;) await once(tally)
  for (let i = 0; i < rounds; i++) await once(tally)
  parentPort.postMessage({ tally })
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack) }))
`

// one key for every forged token: there are only 4 rsa1024 fixture keys, and each call to tokensFor
// used to take the next one (the first test asks 5 times)
let forger = null
function tokensFor(keys, id) {
  const c = claims({ sub: `user_${id}` })
  forger = forger || makeKeys(1024).privateKey
  return {
    good: makeToken(c, keys.privateKey),
    forged: makeToken(c, forger),
    expired: makeToken(claims({ sub: `user_${id}`, exp: Math.floor(Date.now() / 1000) - 60 }), keys.privateKey),
  }
}

function startWorker(data) {
  const worker = new Worker(WORKER, { eval: true, workerData: { root: ROOT, ...data } })
  const messages = []
  const started = new Promise((resolve) => worker.on('message', (m) => (m.started ? resolve() : messages.push(m))))
  const exited = new Promise((resolve) => worker.on('exit', resolve))
  const errors = []
  worker.on('error', (e) => errors.push(e))
  return { worker, messages, started, exited, errors }
}

test('four workers load the addon at once and each verifies correctly', async () => {
  const keys = makeKeys()
  const ROUNDS = 40
  const workers = [1, 2, 3, 4].map((id) => startWorker({ id, pem: keys.pem, rounds: ROUNDS, ...tokensFor(keys, id) }))
  // the main thread verifies meanwhile
  const mine = tokensFor(keys, 0)
  for (let i = 0; i < 50; i++) assert.equal((await native.verifyJwt(mine.good, { key: keys.pem, issuer: null })).sub, 'user_0')
  const codes = await Promise.all(workers.map((w) => w.exited))
  for (const [i, w] of workers.entries()) {
    assert.deepEqual(w.errors, [], `worker ${i + 1}`)
    assert.equal(codes[i], 0)
    const report = w.messages.find((m) => m.tally || m.error)
    assert.ok(report && report.tally, `worker ${i + 1}: ${JSON.stringify(report)}`)
    assert.deepEqual(report.tally, {
      verifyJwt: ROUNDS,
      verifyToken: ROUNDS,
      signedIn: ROUNDS,
      signedOut: ROUNDS,
      rejected: 2 * ROUNDS,
      burst: ROUNDS,
    })
  }
  assert.equal((await native.verifyJwt(mine.good, { key: keys.pem, issuer: null })).sub, 'user_0')
})

test('workers terminated mid-work, over and over, leave the process working', async () => {
  const keys = makeKeys()
  for (let round = 0; round < 3; round++) {
    const workers = [1, 2, 3, 4].map((id) => startWorker({ id, pem: keys.pem, forever: true, ...tokensFor(keys, id) }))
    await Promise.all(workers.map((w) => w.started))
    // let them get into verifications (and checks queued for the verifier threads) before cutting them off
    await new Promise((r) => setTimeout(r, 50 + 40 * round))
    const codes = await Promise.all(workers.map((w) => w.worker.terminate()))
    for (const [i, w] of workers.entries()) {
      assert.equal(codes[i], 1, `worker ${i + 1} was terminated`)
      assert.deepEqual(w.errors, [])
      // a call cut off by the termination may say so (lib/errors.js), and nothing else
      assert.equal(
        w.messages.find((m) => m.error && !m.error.includes(SHUTTING_DOWN)),
        undefined,
      )
    }
  }
  // a fresh worker after all that still works, and so does this thread
  const w = startWorker({ id: 9, pem: keys.pem, rounds: 2, ...tokensFor(keys, 9) })
  assert.equal(await w.exited, 0)
  assert.equal(w.messages.find((m) => m.tally).tally.signedIn, 2)
  const t = tokensFor(keys, 0)
  assert.equal((await native.verifyJwt(t.good, { key: keys.pem, issuer: null })).sub, 'user_0')
})

// Load, use, terminate and reload in any order (issue 15): each scenario runs in a fresh
// process (__test__/workers/child.js) whose main thread never loads the addon, so the workers
// are the only environments it ever lives in; the process exits 0 only if every worker
// verified right and no thread of an ended worker kept running. A crash (the second worker
// used to die with SIGSEGV while registering the module) or a hang fails the test with the
// stage the child reached.

const { spawn } = require('node:child_process')

const LIFECYCLE_CHILD = path.join(__dirname, 'workers', 'child.js')
const LIFECYCLE_TIMEOUT_MS = 60_000

function runLifecycle(...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childRequireArgs(), LIFECYCLE_CHILD, ...args.map(String)], {
      env: { ...process.env, CLERK_WORKERS_CHILD_TIMEOUT_MS: String(LIFECYCLE_TIMEOUT_MS - 5_000) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const lastStage = () => (stderr.match(/stage: .*$/gm) || ['(none)']).pop()
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`worker lifecycle '${args.join(' ')}' hung for ${LIFECYCLE_TIMEOUT_MS} ms; last ${lastStage()}`))
    }, LIFECYCLE_TIMEOUT_MS)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0 && stdout.trim() === 'OK') resolve()
      else
        reject(
          new Error(
            `worker lifecycle '${args.join(' ')}' ended with ${signal ? `signal ${signal}` : `code ${code}`} at ${lastStage()}\n` +
              `${stdout}\n${stderr
                .split('\n')
                .filter((l) => !l.startsWith('stage: '))
                .join('\n')}`,
          ),
        )
    })
  })
}

test('worker lifecycle: 20 workers one after another each load, verify and are terminated (main never loads)', async () => {
  await runLifecycle('sequential', 20)
})

test('worker lifecycle: groups of 4 workers load and verify at once, are terminated, and new ones load (main never loads)', async () => {
  await runLifecycle('parallel', 4)
})

test('worker lifecycle: workers terminated with checks queued and a key fetch in flight, then new ones load and work', async () => {
  await runLifecycle('pending', 3)
})

test('worker lifecycle: starts, ends and terminations in a random order (main never loads)', async () => {
  const seed = Number(process.env.CLERK_WORKERS_SEED) || Math.floor(Math.random() * 0xffffffff) + 1
  await runLifecycle('any-order', 40, seed).catch((e) => {
    e.message += `\n(CLERK_WORKERS_SEED=${seed} repeats this order)`
    throw e
  })
})

test('worker lifecycle: the main thread loads the addon after its workers ended, and workers still come and go', async () => {
  await runLifecycle('main-after')
})
