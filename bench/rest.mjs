// users.getUser against a Backend API stand-in in another process, at concurrency 1 and 64:
// this package against clerk-ref (@clerk/backend 0.38.15) in one run.

import { fork } from 'node:child_process'
import { createRequire } from 'node:module'
import os from 'node:os'
import { performance } from 'node:perf_hooks'

const require = createRequire(import.meta.url)
process.env.NODE_ENV = 'production'
const native = require('..')
const ref = require('clerk-ref')

const child = fork(new URL('./user-server.js', import.meta.url), { timeout: 30 * 60_000 })
const { port } = await new Promise((resolve) => child.once('message', resolve))
const options = { secretKey: 'sk_test_bench', apiUrl: `http://127.0.0.1:${port}` }
const clients = { 'clerk-backend-native': native.Clerk(options), 'clerk-ref': ref.Clerk(options) }
const seconds = Number(process.env.BENCH_SECONDS || 3)

async function run(clerk, concurrency) {
  for (let i = 0; i < 200; i++) await clerk.users.getUser('user_bench')
  const samples = []
  const end = performance.now() + seconds * 1000
  const started = performance.now()
  async function worker() {
    while (performance.now() < end) {
      const t = performance.now()
      const user = await clerk.users.getUser('user_bench')
      samples.push(performance.now() - t)
      if (!user.id) throw new Error('no user')
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const total = (performance.now() - started) / 1000
  samples.sort((a, b) => a - b)
  const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]
  return { ops: samples.length / total, p50: pct(50), p99: pct(99) }
}

const rows = []
for (const concurrency of [1, 64]) {
  const results = {}
  for (const [name, clerk] of Object.entries(clients)) results[name] = await run(clerk, concurrency)
  for (const [name, r] of Object.entries(results)) {
    const ratio = r.ops / results['clerk-ref'].ops
    rows.push(
      `| ${concurrency} | ${name} | ${Math.round(r.ops).toLocaleString('en-US')} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${ratio.toFixed(2)}x |`,
    )
  }
}
child.disconnect()
console.log(`users.getUser over HTTP/1.1 keep-alive - ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}\n`)
console.log('| concurrency | implementation | req/s | p50 ms | p99 ms | vs clerk-ref |')
console.log('|---|---|---|---|---|---|')
console.log(rows.join('\n'))
