'use strict'
// Runs scripts/long-run.js: authenticateRequest over and over (a fresh token every 1,000
// calls) with bursts of 10,000 concurrent calls, and RSS flat after the warm-up. `npm test`
// runs 120,000 calls (a few seconds); CLERK_LONG_RUN=1 runs the full 1,000,000 (about 80 s on
// two cores), as does `node scripts/long-run.js` by itself.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { execFile } = require('node:child_process')

const full = !!process.env.CLERK_LONG_RUN
// (the warm-up takes in the first four bursts: each of their 10,000 concurrent calls grows the
// JS heap, to a plateau that Node 24 reaches at the second or the third, depending on how much
// a call allocates: with less per call, later and lower; measured flat after the fourth on
// Node 16 to 24)
const args = full ? [] : ['--calls', '120000', '--burst-every', '20000', '--warmup', '80000']

test(
  `long run: ${full ? '1,000,000' : '120,000'} authenticateRequest calls with bursts of 10,000, RSS flat`,
  { timeout: full ? 900_000 : 120_000 },
  async (t) => {
    const out = await new Promise((resolve, reject) => {
      // the test's own flags (on Node 16, the shims of __test__/setup/node16.js) go to the child
      execFile(
        process.execPath,
        [...process.execArgv, path.join(__dirname, '..', 'scripts', 'long-run.js'), ...args, '--json'],
        { maxBuffer: 1 << 24, timeout: full ? 880_000 : 110_000, killSignal: 'SIGKILL' },
        (err, stdout, stderr) => {
          if (err && !stdout) return reject(new Error(`${err.message}\n${stderr}`))
          resolve(stdout)
        },
      )
    })
    const r = JSON.parse(out.trim().split('\n').pop())
    const { samples, ...summary } = r
    t.diagnostic(JSON.stringify(summary))
    assert.equal(r.wrongAnswers, 0)
    assert.equal(r.calls, full ? 1_000_000 : 120_000)
    assert.ok(r.bursts >= 2, `${r.bursts} bursts`)
    assert.ok(r.tokens >= r.calls / 1000 / 2, `${r.tokens} fresh tokens`)
    assert.ok(samples.length >= 10)
    // V8's young generation grows on its own as allocation goes on (scripts/long-run.js): the
    // bound is on what lies outside it
    assert.ok(
      r.growthOutsideYoungGenerationMb < r.maxGrowthMb,
      `RSS outside V8's young generation grew ${r.growthOutsideYoungGenerationMb} MB after the warm-up (bound ${r.maxGrowthMb} MB): ${JSON.stringify(samples)}`,
    )
  },
)
