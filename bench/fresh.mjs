// A token never seen before, one call at a time, through every entry point, against one
// RSA-2048 check (node:crypto, key parsed once) in the same run; and the same token again
// through authenticateRequest. The cases take turns in short rounds after a warm-up, so the
// machine's drift falls on every case alike; the ratio is of the totals.

import crypto from 'node:crypto'
import http from 'node:http'
import { createRequire } from 'node:module'
import os from 'node:os'
import { performance } from 'node:perf_hooks'

const require = createRequire(import.meta.url)
process.env.NODE_ENV = 'production'
const native = require('..')

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = publicKey.export({ type: 'spki', format: 'pem' })
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'ins_fresh', alg: 'RS256', use: 'sig' }
const now = Math.floor(Date.now() / 1000)
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
// more tokens than the verified-token cache holds (4096), taken in turn by every case
const COUNT = 12000
const tokens = Array.from({ length: COUNT }, (_, i) => {
  const claims = { sub: 'user_bench', sid: `sess_${i}`, iss: 'https://clerk.example.com', exp: now + 3600, nbf: now - 5, iat: now - 5 }
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'ins_fresh' })}.${b64(claims)}`
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
})
const parts = tokens.map((t) => {
  const dot = t.lastIndexOf('.')
  return [Buffer.from(t.slice(0, dot)), Buffer.from(t.slice(dot + 1), 'base64url')]
})
const base = { host: 'app.example.com', 'x-forwarded-proto': 'https', 'user-agent': 'Mozilla/5.0 (bench)' }
const url = 'https://app.example.com/dashboard'
const headerRequests = tokens.map((t) => new Request(url, { headers: { ...base, authorization: `Bearer ${t}` } }))
const cookieRequests = tokens.map((t) => new Request(url, { headers: { ...base, cookie: `__client_uat=${now - 60}; __session=${t}` } }))

const server = http.createServer((req, res) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
)
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const apiUrl = `http://127.0.0.1:${server.address().port}`
const clerk = native.Clerk({ secretKey: 'sk_live_bench', jwtKey: pem })
const remote = { secretKey: 'sk_live_bench', apiUrl }

let cursor = 0
const nextIndex = () => cursor++ % COUNT
const expectUser = (p) => {
  if (p.sub !== 'user_bench') throw new Error('wrong payload')
}
const expectSignedIn = (s) => {
  if (s.status !== 'signed-in') throw new Error(`not signed in: ${s.reason} ${s.message}`)
}
const key = crypto.createPublicKey(pem)
const cases = [
  [
    'one RSA-2048 check (node:crypto)',
    async () => {
      const [data, signature] = parts[nextIndex()]
      if (!crypto.verify('sha256', data, key, signature)) throw new Error('invalid')
    },
  ],
  ['verifyJwt, PEM key', async () => expectUser(await native.verifyJwt(tokens[nextIndex()], { key: pem }))],
  ['verifyJwt, JWK object key', async () => expectUser(await native.verifyJwt(tokens[nextIndex()], { key: jwk }))],
  ['verifyToken, jwtKey', async () => expectUser(await native.verifyToken(tokens[nextIndex()], { jwtKey: pem }))],
  ['verifyToken, warm JWKS', async () => expectUser(await native.verifyToken(tokens[nextIndex()], remote))],
  ['authenticateRequest, header', async () => expectSignedIn(await clerk.authenticateRequest({ request: headerRequests[nextIndex()] }))],
  ['authenticateRequest, cookie', async () => expectSignedIn(await clerk.authenticateRequest({ request: cookieRequests[nextIndex()] }))],
  [
    'authenticateRequest, header, then toAuth()',
    async () => {
      const state = await clerk.authenticateRequest({ request: headerRequests[nextIndex()] })
      expectSignedIn(state)
      if (state.toAuth().userId !== 'user_bench') throw new Error('wrong auth object')
    },
  ],
  [
    'authenticateRequest, the same token again',
    async () => expectSignedIn(await clerk.authenticateRequest({ request: headerRequests[0] })),
  ],
]

const ROUNDS = 20
const ROUND_MS = ((Number(process.env.BENCH_SECONDS || 2) * 1000) / ROUNDS) * 2
async function round(fn, ms) {
  const end = performance.now() + ms
  let n = 0
  while (performance.now() < end) {
    await fn()
    n++
  }
  return n
}
for (const [, fn] of cases) await round(fn, 300)
const totals = cases.map(() => ({ n: 0, ms: 0 }))
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < cases.length; i++) {
    const started = performance.now()
    totals[i].n += await round(cases[i][1], ROUND_MS)
    totals[i].ms += performance.now() - started
  }
}
server.close()
const us = totals.map((t) => (t.ms * 1000) / t.n)
console.log(
  `a new token, one call at a time, against one RSA check - ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}`,
)
console.log(`(${ROUNDS} rounds of ${ROUND_MS} ms per case, taking turns, after a warm-up)\n`)
console.log('| case | us per call | / one RSA check |')
console.log('|---|---|---|')
cases.forEach(([name], i) => console.log(`| ${name} | ${us[i].toFixed(1)} | ${(us[i] / us[0]).toFixed(2)}x |`))
