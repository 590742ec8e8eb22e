// Module import time (a fresh process each, median of 15) and resident memory before and
// after one million verifications, for this package and clerk-ref.

import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import os from 'node:os'

const require = createRequire(import.meta.url)
const root = new URL('..', import.meta.url).pathname

function importMs(spec) {
  const times = []
  for (let i = 0; i < 15; i++) {
    const out = execFileSync(
      process.execPath,
      ['-e', `const t=process.hrtime.bigint(); require(${JSON.stringify(spec)}); console.log(Number(process.hrtime.bigint()-t)/1e6)`],
      { cwd: root, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' },
    )
    times.push(Number(out.trim()))
  }
  times.sort((a, b) => a - b)
  return times[7]
}

console.log(`footprint - ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}\n`)
const ours = importMs(root)
const theirs = importMs('clerk-ref')
console.log('| module | import (median ms) |')
console.log('|---|---|')
console.log(`| clerk-backend-native | ${ours.toFixed(1)} |`)
console.log(`| clerk-ref | ${theirs.toFixed(1)} |`)

const native = require('..')
const crypto = await import('node:crypto')
const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const jwtKey = publicKey.export({ type: 'spki', format: 'pem' })
const now = Math.floor(Date.now() / 1000)
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
// 5000 distinct tokens (more than the verified-token cache holds), cycled: a mix of cache
// hits and RSA checks, and every cache entry gets replaced many times
const tokens = Array.from({ length: 5000 }, (_, i) => {
  const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'user', iss: 'https://clerk.example.com', jti: String(i), exp: now + 3600 })}`
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
})
const clerk = native.Clerk({ secretKey: 'sk_live_x', jwtKey })
const rss = () => {
  global.gc?.()
  return process.memoryUsage().rss / 1e6
}
// five rounds of 200,000 (half verifyJwt, half authenticateRequest): the first fills the caches
// (4096 verified tokens, parsed keys) and the allocator's per-thread arenas; after it, resident
// memory must stay flat
const N = Number(process.env.FOOTPRINT_CALLS || 1_000_000)
const rounds = 5
const start = rss()
const after = []
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < N / rounds; i++) {
    const t = tokens[i % tokens.length]
    if (i % 2) await native.verifyJwt(t, { key: jwtKey, issuer: null })
    else await clerk.authenticateRequest({ headerToken: t })
  }
  after.push(rss())
}
console.log(
  `\nresident memory (MB) at start: ${start.toFixed(1)}; after each ${(N / rounds).toLocaleString('en-US')} verifications: ${after.map((m) => m.toFixed(1)).join(', ')}`,
)
console.log(
  `growth over the last ${rounds - 1} rounds (${((N * (rounds - 1)) / rounds).toLocaleString('en-US')} calls): ${(after[rounds - 1] - after[0]).toFixed(1)} MB`,
)
