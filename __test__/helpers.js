'use strict'
// Test helpers: RSA keys from fixtures, and tokens signed with node:crypto directly, so that
// neither implementation under test signs its own inputs.

const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')

// Test keys come from __test__/fixtures/keys (see its README: generating them can deadlock
// Node 16). Each call gives the next unused key of that kind; once a process has used them all,
// it generates more (rare: no test file needs more than the fixtures hold today).
const FIXTURES = path.join(__dirname, 'fixtures', 'keys')
const fixtureNames = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.pem'))
  .sort()
const used = {}
function fixtureKey(kind) {
  const names = fixtureNames.filter((f) => f.startsWith(`${kind}-`))
  const i = (used[kind] = (used[kind] || 0) + 1) - 1
  if (i >= names.length) {
    const m = /^rsa(\d+)$/.exec(kind)
    if (!m) throw new Error(`__test__/fixtures/keys has only ${names.length} ${kind} keys; this process asked for more`)
    return crypto.generateKeyPairSync('rsa', { modulusLength: Number(m[1]) })
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(path.join(FIXTURES, names[i])))
  return { privateKey, publicKey: crypto.createPublicKey(privateKey) }
}

function makeKeys(modulusLength = 2048) {
  const { publicKey, privateKey } = fixtureKey(`rsa${modulusLength}`)
  return {
    publicKey,
    privateKey,
    pem: publicKey.export({ type: 'spki', format: 'pem' }),
    pkcs1Pem: publicKey.export({ type: 'pkcs1', format: 'pem' }),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    jwk: { ...publicKey.export({ format: 'jwk' }), kid: 'ins_test', alg: 'RS256', use: 'sig' },
    privateJwk: privateKey.export({ format: 'jwk' }),
  }
}

const b64url = (s) => Buffer.from(typeof s === 'string' ? s : JSON.stringify(s)).toString('base64url')

const HASH = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }

// header and payload are objects (JSON-encoded) or strings (used as the raw JSON text).
function makeToken(payload, privateKey, header = { alg: 'RS256', typ: 'JWT', kid: 'ins_test' }) {
  const input = `${b64url(header)}.${b64url(payload)}`
  const alg = HASH[header.alg] || 'sha256'
  const signature = crypto.sign(alg, Buffer.from(input), privateKey).toString('base64url')
  return `${input}.${signature}`
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

function claims(extra = {}) {
  const now = nowSeconds()
  return {
    azp: 'https://app.example.com',
    exp: now + 60,
    iat: now - 10,
    iss: 'https://clerk.example.com',
    nbf: now - 10,
    sid: 'sess_123',
    sub: 'user_123',
    ...extra,
  }
}

// The outcome of a promise-returning call, in a comparable shape.
async function outcome(fn) {
  try {
    const value = await fn()
    return { ok: true, value: value && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value }
  } catch (e) {
    return {
      ok: false,
      type: e && e.constructor && e.constructor.name.replace(/^_/, ''),
      reason: e && e.reason,
      action: e && e.action,
      message: e && e.message,
    }
  }
}

module.exports = { makeKeys, fixtureKey, makeToken, b64url, claims, nowSeconds, outcome }

// Runs fn with Date.now() held at one value, so that two packages compared side by side see
// the same "Current date" in their messages even when a second ticks over between them.
async function withFrozenClock(fn) {
  const realNow = Date.now
  const frozen = realNow()
  Date.now = () => frozen
  try {
    return await fn()
  } finally {
    Date.now = realNow
  }
}

module.exports.withFrozenClock = withFrozenClock

// The --require flags this process runs with (on Node 16, the shims of __test__/setup/node16.js),
// for a child process of a test to run with too.
function childRequireArgs() {
  const args = []
  process.execArgv.forEach((a, i) => {
    if (a === '--require' || a === '-r') args.push(a, process.execArgv[i + 1])
  })
  return args
}

module.exports.childRequireArgs = childRequireArgs
