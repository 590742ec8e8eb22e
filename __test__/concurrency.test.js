'use strict'
// Concurrency never changes an answer: 240 mixed requests (verifyJwt, verifyToken,
// authenticateRequest by header and by cookie) run one at a time in a fresh process, and all at
// once in another, at each phase of the key caches: cold, warm, past the TTL, right after a key
// rotation, with a slow JWKS server (200 ms), during a JWKS outage (and its failure window),
// after it; and all at once in 4 worker_threads. Every outcome (status, reason, message,
// payload sub, or the error thrown) must equal the one-at-a-time outcome.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { execFile } = require('node:child_process')
const { promisify } = require('node:util')
const { fixtureKey, childRequireArgs } = require('./helpers')

const CHILD = path.join(__dirname, 'concurrency', 'child.js')
const CHILD_TIMEOUT_MS = 120_000

// fixture keys (generating keys can deadlock Node 16: __test__/fixtures/keys/README.md)
async function keyPair(kid) {
  const { publicKey, privateKey } = fixtureKey('rsa2048')
  return {
    kid,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    pem: publicKey.export({ type: 'spki', format: 'pem' }),
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
  }
}

// the --require shims of the Node 16 run (scripts/node-matrix.js) go to the child too

async function run(config) {
  const env = { ...process.env, CLERK_CONCURRENCY_CONFIG: JSON.stringify(config) }
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [...childRequireArgs(), CHILD], {
      env,
      timeout: CHILD_TIMEOUT_MS,
      maxBuffer: 64 << 20,
    })
    return JSON.parse(stdout)
  } catch (e) {
    throw new Error(
      `the ${config.mode} run of phase ${config.phase} failed or hung (${CHILD_TIMEOUT_MS} ms): ${e.message}\n${e.stderr || ''}`,
    )
  }
}

function compare(label, cases, alone, together) {
  assert.equal(together.length, alone.length)
  const differ = []
  for (let i = 0; i < alone.length; i++) {
    try {
      assert.deepEqual(together[i], alone[i])
    } catch {
      differ.push({ case: { ...cases[i], token: undefined }, alone: alone[i], together: together[i] })
    }
  }
  assert.deepEqual(differ.slice(0, 3), [], `${label}: ${differ.length} of ${alone.length} outcomes differ from one-at-a-time`)
}

let keys
// a whole second, so that no message's date can tick over within a run
const base = Math.floor(Date.now() / 1000) * 1000

test.before(async () => {
  const [one, two, other] = await Promise.all([keyPair('ins_conc_one'), keyPair('ins_conc_two'), keyPair('ins_conc_other')])
  keys = { one, two, other }
})

for (const phase of ['cold', 'warm', 'ttl', 'rotation', 'slow', 'outage', 'recovered']) {
  test(`all at once equals one at a time: ${phase}`, { timeout: 4 * CHILD_TIMEOUT_MS }, async () => {
    const [alone, together] = await Promise.all([run({ keys, base, phase, mode: 'sequential' }), run({ keys, base, phase, mode: 'burst' })])
    assert.ok(alone.cases.length >= 200, `${alone.cases.length} cases`)
    compare(phase, alone.cases, alone.results[0], together.results[0])
    // the mix is what it says: signed-in, signed-out and interstitial states, and errors
    const states = new Set(alone.results[0].map((o) => o.status || (o.ok ? 'ok' : o.reason)))
    if (phase === 'cold') {
      for (const s of ['signed-in', 'signed-out', 'interstitial', 'unknown', 'ok', 'token-expired', 'token-invalid-signature']) {
        assert.ok(states.has(s), `the cases include ${s}: ${[...states]}`)
      }
    }
    if (phase === 'outage') assert.ok(states.has('jwk-remote-failed-to-load'), [...states].join())
  })
}

for (const phase of ['cold', 'rotation']) {
  test(`4 worker_threads all at once equal one at a time: ${phase}`, { timeout: 4 * CHILD_TIMEOUT_MS }, async () => {
    const [alone, workers] = await Promise.all([
      run({ keys, base, phase, mode: 'sequential' }),
      run({ keys, base, phase, mode: 'workers' }),
    ])
    assert.equal(workers.results.length, 4)
    workers.results.forEach((r, i) => compare(`${phase}, worker ${i}`, alone.cases, alone.results[0], r))
  })
}
