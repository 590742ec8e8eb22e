// 64 verifications in flight at once against one at a time, with tokens never seen before
// (each pays an RSA check): does the work use both cores? (lib/offload.js decides.)

import crypto from 'node:crypto'
import { createRequire } from 'node:module'
import os from 'node:os'
import { performance } from 'node:perf_hooks'

const require = createRequire(import.meta.url)
process.env.NODE_ENV = 'production'
const native = require('..')
const ref = require('clerk-ref')
const { stats } = require('../lib/offload')

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = publicKey.export({ type: 'spki', format: 'pem' })
const now = Math.floor(Date.now() / 1000)
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
const fresh = Array.from({ length: 30000 }, (_, i) => {
  const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'user_bench', jti: String(i), exp: now + 3600 })}`
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
})
let next = 0
const seconds = Number(process.env.BENCH_SECONDS || 2)

async function rate(verify, concurrency) {
  const end = performance.now() + seconds * 1000
  let n = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await verify(fresh[next++ % fresh.length])
        n++
      }
    }),
  )
  return n / ((performance.now() - started) / 1000)
}

const impls = {
  'clerk-backend-native': (t) => native.verifyJwt(t, { key: pem, issuer: null }),
  'clerk-ref': (t) => ref.verifyJwt(t, { key: pem, issuer: null }),
}
console.log(`verifyJwt, new tokens, 1 vs 64 in flight - ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}\n`)
console.log('| implementation | 1 at a time ops/s | 64 in flight ops/s | 64 / 1 |')
console.log('|---|---|---|---|')
for (const [name, verify] of Object.entries(impls)) {
  const one = await rate(verify, 1)
  const many = await rate(verify, 64)
  console.log(`| ${name} | ${Math.round(one).toLocaleString('en-US')} | ${Math.round(many).toLocaleString('en-US')} | ${(many / one).toFixed(2)}x |`)
}
console.log(`\nchecks run on the thread pool: ${stats().poolRuns}`)
