// A small benchmark harness: each case runs for a fixed time after a warm-up, one call at a
// time (awaiting each), and reports ops/s and latency percentiles. Ratios, not absolute
// times, are what the tables promise: all cases run in one process, one after another.

import { performance } from 'node:perf_hooks'

export async function measure(name, fn, { seconds = Number(process.env.BENCH_SECONDS || 2), warmup = 300, warmupMs = 500 } = {}) {
  // warm up by count and by time, so every case reaches the JIT's top tier before it is timed
  const warmEnd = performance.now() + warmupMs
  for (let i = 0; i < warmup || performance.now() < warmEnd; i++) await fn()
  const samples = []
  const end = performance.now() + seconds * 1000
  let start = performance.now()
  const t0 = start
  while (start < end) {
    await fn()
    const stop = performance.now()
    samples.push(stop - start)
    start = stop
  }
  const total = performance.now() - t0
  samples.sort((a, b) => a - b)
  const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] * 1000
  return { name, ops: samples.length / (total / 1000), p50: pct(50), p99: pct(99), n: samples.length }
}

export function table(results, baselineName) {
  const base = results.find((r) => r.name === baselineName)
  const rows = results.map((r) => [
    r.name,
    Math.round(r.ops).toLocaleString('en-US'),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    base ? `${(r.ops / base.ops).toFixed(2)}x` : '',
  ])
  const head = ['implementation', 'ops/s', 'p50 us', 'p99 us', `vs ${baselineName}`]
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  return lines.join('\n')
}
