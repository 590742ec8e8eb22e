// 64 verifications in flight at once against one at a time, with tokens never seen before
// (each pays an RSA check): does the work use both cores? (lib/verifier.js decides.)
//
// This machine's speed drifts by 20-40% over a second or two (other tenants on the host: a
// plain node:crypto loop drifts as much), which falls on one side of a ratio when the two sides
// are timed one after the other. So the two sides take turns, ROUNDS short rounds each after a
// warm-up, and the ratio is of the totals. The last row is the ceiling in the same run: pure
// RSA checks (node:crypto) on two threads against one, with no JS work around them.

import crypto from 'node:crypto'
import { createRequire } from 'node:module'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'

const require = createRequire(import.meta.url)
process.env.NODE_ENV = 'production'
const native = require('..')
const ref = require('clerk-ref')
const { stats } = require('../lib/verifier')

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = publicKey.export({ type: 'spki', format: 'pem' })
const now = Math.floor(Date.now() / 1000)
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
const fresh = Array.from({ length: 30000 }, (_, i) => {
  const claims = { sub: 'user_bench', sid: 'sess_bench', iss: 'https://clerk.bench.example', jti: String(i), exp: now + 3600, iat: now - 5 }
  const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
})
let next = 0
const ROUNDS = 40
const ROUND_MS = (Number(process.env.BENCH_SECONDS || 2) * 2 * 1000) / ROUNDS

// Runs `round(concurrency, ms)` (which returns how many calls ended) in turns of 1 and 64.
async function rates(round) {
  await round(1, 300)
  await round(64, 300)
  const total = { 1: { n: 0, ms: 0 }, 64: { n: 0, ms: 0 } }
  for (let i = 0; i < ROUNDS; i++) {
    const concurrency = i % 2 === 0 ? 1 : 64
    const started = performance.now()
    total[concurrency].n += await round(concurrency, ROUND_MS)
    total[concurrency].ms += performance.now() - started
  }
  return [total[1].n / (total[1].ms / 1000), total[64].n / (total[64].ms / 1000)]
}

// `concurrency` callers, each awaiting one verification before it starts the next
const inFlight =
  (verify, pool = fresh.length) =>
  async (concurrency, ms) => {
    const end = performance.now() + ms
    let n = 0
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          await verify(fresh[next++ % pool])
          n++
        }
      }),
    )
    return n
  }

// The ceiling: worker threads that verify signatures with node:crypto in a loop; a round of
// "64" runs two of them, a round of "1" one.
const ceilingWorker = `
const { parentPort, workerData } = require('node:worker_threads')
const crypto = require('node:crypto')
const key = crypto.createPublicKey(workerData.pem)
const parts = workerData.tokens.map((t) => {
  const dot = t.lastIndexOf('.')
  return [Buffer.from(t.slice(0, dot)), Buffer.from(t.slice(dot + 1), 'base64url')]
})
let i = 0
parentPort.on('message', (ms) => {
  const end = performance.now() + ms
  let n = 0
  while (performance.now() < end) {
    const [data, signature] = parts[i++ % parts.length]
    if (crypto.verify('sha256', data, key, signature)) n++
  }
  parentPort.postMessage(n)
})`
const workers = [0, 1].map(
  (w) => new Worker(ceilingWorker, { eval: true, workerData: { pem, tokens: fresh.slice(w * 1000, w * 1000 + 1000) } }),
)
const ask = (worker, ms) =>
  new Promise((resolve) => {
    worker.once('message', resolve)
    worker.postMessage(ms)
  })
const ceiling = async (concurrency, ms) => {
  const counts = await Promise.all(workers.slice(0, concurrency === 1 ? 1 : 2).map((w) => ask(w, ms)))
  return counts.reduce((a, b) => a + b, 0)
}

const authOptions = { secretKey: 'sk_live_bench', jwtKey: pem }
const nativeClerk = native.Clerk(authOptions)
const refClerk = ref.Clerk(authOptions)
const headers = { host: 'app.example.com', 'x-forwarded-proto': 'https', 'user-agent': 'Mozilla/5.0 (bench)' }
// Requests built beforehand (building a Request costs more than verifying its token), more of
// them than the verified-token cache holds, so each still pays its RSA check
const requests = new Map(
  fresh.slice(0, 12000).map((t) => [t, new Request('https://app.example.com/', { headers: { ...headers, authorization: `Bearer ${t}` } })]),
)
const authenticate = (clerk) => (t) => clerk.authenticateRequest({ request: requests.get(t) })

const only = process.env.BENCH_ONLY
const rows = [
  ['authenticateRequest (header, jwtKey): clerk-backend-native', inFlight(authenticate(nativeClerk), requests.size)],
  ['authenticateRequest (header, jwtKey): clerk-ref', inFlight(authenticate(refClerk), requests.size)],
  ['verifyToken (jwtKey): clerk-backend-native', inFlight((t) => native.verifyToken(t, { jwtKey: pem }))],
  ['verifyToken (jwtKey): clerk-ref', inFlight((t) => ref.verifyToken(t, { jwtKey: pem }))],
  ['verifyJwt: clerk-backend-native', inFlight((t) => native.verifyJwt(t, { key: pem, issuer: null }))],
  ['verifyJwt: clerk-ref', inFlight((t) => ref.verifyJwt(t, { key: pem, issuer: null }))],
  ['ceiling: node:crypto RSA checks, 2 threads vs 1', ceiling],
].filter(([name]) => !only || name.includes(only) || name.startsWith('ceiling'))
console.log(`new tokens, 1 vs 64 in flight - ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}`)
console.log(`(${ROUNDS} rounds of ${ROUND_MS} ms, taking turns, after a warm-up)\n`)
console.log('| implementation | 1 at a time ops/s | 64 in flight ops/s | 64 / 1 |')
console.log('|---|---|---|---|')
for (const [name, round] of rows) {
  const [one, many] = await rates(round)
  console.log(
    `| ${name} | ${Math.round(one).toLocaleString('en-US')} | ${Math.round(many).toLocaleString('en-US')} | ${(many / one).toFixed(2)}x |`,
  )
}
await Promise.all(workers.map((w) => w.terminate()))
const s = stats()
console.log(`\nchecks run on the verifier threads: ${s.verifierThreadRuns}; deferred checks the JS thread ran itself: ${s.jsThreadRuns}`)
