// verifyJwt of one RS256 token with a cached key (and of ever new tokens): this package against clerk-ref
// (@clerk/backend 0.38.15), jose, fast-jwt and @node-rs/jsonwebtoken, in one run.

import crypto from 'node:crypto'
import { createRequire } from 'node:module'
import os from 'node:os'
import { measure, table } from './harness.mjs'

const require = createRequire(import.meta.url)
process.env.NODE_ENV = 'production' // no deprecation warnings
const native = require('..')
const ref = require('clerk-ref')
const jose = await import('jose')
const { createVerifier } = require('fast-jwt')
// not a devDependency: its per-platform packages cannot all be in the lockfile where the registry
// lacks some, which breaks `npm ci`; `npm run bench` installs it (--no-save) for this row
let nodeRs = null
try {
  nodeRs = require('@node-rs/jsonwebtoken')
} catch {
  console.error('@node-rs/jsonwebtoken is not installed: its row is skipped (npm run bench installs it)')
}

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = publicKey.export({ type: 'spki', format: 'pem' })
const jwk = { ...publicKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'ins_bench' }
const now = Math.floor(Date.now() / 1000)
const token = await native.signJwt(
  { sub: 'user_bench', iss: 'https://clerk.example.com', azp: 'https://app.example.com', sid: 'sess_1', exp: now + 3600, nbf: now - 5 },
  privateKey.export({ type: 'pkcs8', format: 'pem' }),
  { algorithm: 'RS256', header: { typ: 'JWT', kid: 'ins_bench' } },
)

const joseKey = await jose.importSPKI(pem, 'RS256')
const fastVerify = createVerifier({ key: pem, algorithms: ['RS256'], cache: false })
const fastVerifyCached = createVerifier({ key: pem, algorithms: ['RS256'], cache: true })
const data = Buffer.from(token.slice(0, token.lastIndexOf('.')))
const sig = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url')
const check = (payload) => {
  if (payload.sub !== 'user_bench') throw new Error('verification returned the wrong payload')
}

// More distinct tokens than the verified-token cache holds: every call pays the RSA check.
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
const fresh = Array.from({ length: 4200 }, (_, i) => {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'ins_bench' })}.${b64({ sub: 'user_bench', jti: String(i), exp: now + 3600 })}`
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
})
let next = 0

const cases = [
  [
    'clerk-backend-native (PEM, a new token each call)',
    async () => check(await native.verifyJwt(fresh[next++ % fresh.length], { key: pem, issuer: null })),
  ],
  ['clerk-backend-native (PEM)', async () => check(await native.verifyJwt(token, { key: pem, issuer: null }))],
  ['clerk-backend-native (JWK)', async () => check(await native.verifyJwt(token, { key: jwk, issuer: null }))],
  ['clerk-ref (JWK)', async () => check(await ref.verifyJwt(token, { key: jwk, issuer: null }))],
  ['clerk-ref (PEM)', async () => check(await ref.verifyJwt(token, { key: pem, issuer: null }))],
  ['jose (KeyObject)', async () => check((await jose.jwtVerify(token, joseKey)).payload)],
  ['fast-jwt (no cache)', async () => check(fastVerify(token))],
  ['fast-jwt (cache on, same token)', async () => check(fastVerifyCached(token))],
  ...(nodeRs ? [['@node-rs/jsonwebtoken (sync)', async () => check(nodeRs.verifySync(token, pem, { algorithms: ['RS256'] }))]] : []),
  [
    'node:crypto RSA verify only',
    async () => {
      if (!crypto.verify('sha256', data, publicKey, sig)) throw new Error('bad')
    },
  ],
]

const results = []
for (const [name, fn] of cases) results.push(await measure(name, fn))
console.log(`verifyJwt, one RS256 token, cached key - ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}\n`)
console.log(table(results, 'clerk-ref (JWK)'))
