#!/usr/bin/env node
'use strict'
// Long run (issue 8): authenticateRequest over and over with a signed-in header token (a fresh
// token every --fresh-every calls), bursts of --burst concurrent calls every --burst-every
// calls, resident memory sampled as it goes. Exits 1 when RSS grew more than --max-growth-mb
// after the warm-up, or when any call gave a wrong answer.
//
// Resident memory includes V8's young generation, which V8 grows on its own (up to 32 MB with
// Node's default --max-semi-space-size of 16 MB) as allocation goes on, whatever allocates: a
// burst of 10,000 requests in flight makes it grow at once. The bound applies to the memory
// outside it (RSS less the young generation's size); both are reported. With
// --max-semi-space-size=4 the whole RSS stays flat (measured 2026-11-30: -0.9 MB over 600,000
// calls after a 10,000-call warm-up, against +26 MB with the default).
//
//   node scripts/long-run.js                      # the full run: 1,000,000 calls
//   node scripts/long-run.js --calls 100000       # shorter
//   options: --calls N --burst N --burst-every N --fresh-every N --warmup N --max-growth-mb N --json

process.env.NODE_ENV = process.env.NODE_ENV || 'production'
const crypto = require('node:crypto')
const path = require('node:path')
const v8 = require('node:v8')
const vm = require('node:vm')
const native = require(path.join(__dirname, '..'))

function args() {
  const o = { calls: 1_000_000, burst: 10_000, burstEvery: 100_000, freshEvery: 1_000, warmup: 0, maxGrowthMb: 10, json: false }
  const a = process.argv.slice(2)
  for (let i = 0; i < a.length; i++) {
    const k = a[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase())
    if (k === 'json') o.json = true
    else if (k in o) o[k] = Number(a[++i])
    else throw new Error(`unknown option ${a[i]}`)
  }
  if (!o.warmup) o.warmup = Math.min(200_000, Math.floor(o.calls / 5))
  return o
}

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc')
const rssMb = () => {
  gc()
  return process.memoryUsage().rss / 1048576
}
// the size V8 gives its young generation (new space) now, in MB
const youngMb = () => Math.round((v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size || 0) / 104857.6) / 10

// a fixture key: generating one can deadlock Node 16 (__test__/fixtures/keys/README.md)
const { publicKey, privateKey } = require('../__test__/helpers').fixtureKey('rsa2048')
const pem = publicKey.export({ type: 'spki', format: 'pem' })
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
let serial = 0
function freshToken() {
  const now = Math.floor(Date.now() / 1000)
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'ins_long_run' })}.${b64({
    azp: 'http://localhost:3000',
    exp: now + 3600,
    iat: now - 5,
    nbf: now - 5,
    iss: 'https://clerk.long-run.dev',
    sid: `sess_${++serial}`,
    sub: 'user_long_run',
  })}`
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
}

async function main() {
  const o = args()
  const clerk = native.Clerk({
    secretKey: 'sk_test_longRunSecretKey0123456789',
    jwtKey: pem,
    publishableKey: `pk_test_${Buffer.from('long-run-lynx-1.clerk.accounts.dev$').toString('base64')}`,
  })
  let token = freshToken()
  let wrong = 0
  const call = () =>
    clerk
      .authenticateRequest({
        request: new Request('http://localhost:3000/dashboard', { headers: { authorization: `Bearer ${token}`, host: 'localhost:3000' } }),
      })
      .then((s) => {
        if (s.status !== 'signed-in' || s.toAuth().userId !== 'user_long_run') wrong++
      })
  const samples = []
  const started = Date.now()
  let baseline = null
  const sample = (done) => {
    const rss = rssMb()
    const young = youngMb()
    samples.push({ calls: done, rssMb: Math.round(rss * 10) / 10, youngMb: young, seconds: Math.round((Date.now() - started) / 100) / 10 })
    if (!o.json)
      console.log(
        `${String(done).padStart(9)} calls  rss ${rss.toFixed(1)} MB  young generation ${young} MB  ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
    return { rss, young }
  }
  sample(0)
  const sampleEvery = Math.max(1, Math.floor(o.calls / 20))
  let bursts = 0
  let freshAt = 0
  for (let done = 0; done < o.calls;) {
    if (done - freshAt >= o.freshEvery) {
      token = freshToken()
      freshAt = done
    }
    if (o.burst && done > 0 && done % o.burstEvery === 0) {
      await Promise.all(Array.from({ length: o.burst }, call))
      bursts++
      done += o.burst
    } else {
      await call()
      done++
    }
    if (done >= o.warmup && baseline === null) baseline = sample(done)
    else if (done % sampleEvery === 0) sample(done)
  }
  const end = sample(o.calls)
  const outside = (s) => s.rss - s.young
  const seconds = (Date.now() - started) / 1000
  const afterWarmup = samples.filter((s) => s.calls >= o.warmup).map((s) => s.rssMb)
  const result = {
    calls: o.calls,
    bursts,
    burstSize: o.burst,
    freshTokenEvery: o.freshEvery,
    tokens: serial,
    seconds: Math.round(seconds * 10) / 10,
    callsPerSecond: Math.round(o.calls / seconds),
    warmupCalls: o.warmup,
    rssStartMb: samples[0].rssMb,
    rssAfterWarmupMb: Math.round(baseline.rss * 10) / 10,
    rssEndMb: Math.round(end.rss * 10) / 10,
    rssMaxAfterWarmupMb: Math.max(...afterWarmup),
    growthAfterWarmupMb: Math.round((end.rss - baseline.rss) * 10) / 10,
    youngGenerationAfterWarmupMb: baseline.young,
    youngGenerationEndMb: end.young,
    growthOutsideYoungGenerationMb: Math.round((outside(end) - outside(baseline)) * 10) / 10,
    maxGrowthMb: o.maxGrowthMb,
    wrongAnswers: wrong,
    samples,
  }
  const ok = wrong === 0 && result.growthOutsideYoungGenerationMb < o.maxGrowthMb
  if (o.json) console.log(JSON.stringify(result))
  else {
    const { samples: _, ...summary } = result
    console.log(JSON.stringify(summary, null, 2))
    console.log(ok ? 'long run: ok' : 'long run: FAILED')
  }
  process.exitCode = ok ? 0 : 1
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
