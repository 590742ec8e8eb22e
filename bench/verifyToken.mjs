// verifyToken with a warm JWKS cache (keys from a local Backend API), and with a networkless
// jwtKey: this package against clerk-ref (@clerk/backend 0.38.15) in one run.

import crypto from 'node:crypto'
import http from 'node:http'
import { createRequire } from 'node:module'
import os from 'node:os'
import { measure, table } from './harness.mjs'

const require = createRequire(import.meta.url)
process.env.NODE_ENV = 'production'
const native = require('..')
const ref = require('clerk-ref')

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = publicKey.export({ type: 'spki', format: 'pem' })
const jwk = { ...publicKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'ins_bench' }
let fetches = 0
const server = http.createServer((req, res) => {
  fetches++
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const apiUrl = `http://127.0.0.1:${server.address().port}`

const now = Math.floor(Date.now() / 1000)
const token = await native.signJwt(
  { sub: 'user_bench', iss: 'https://clerk.example.com', azp: 'https://app.example.com', sid: 'sess_1', exp: now + 3600, nbf: now - 5 },
  privateKey.export({ type: 'pkcs8', format: 'pem' }),
  { algorithm: 'RS256', header: { typ: 'JWT', kid: 'ins_bench' } },
)
const remote = { secretKey: 'sk_test_bench', apiUrl, issuer: null, authorizedParties: ['https://app.example.com'] }
const local = { jwtKey: pem, issuer: null, authorizedParties: ['https://app.example.com'] }
const check = (payload) => {
  if (payload.sub !== 'user_bench') throw new Error('wrong payload')
}

const results = []
for (const [name, fn] of [
  ['clerk-backend-native, JWKS (warm)', async () => check(await native.verifyToken(token, remote))],
  ['clerk-ref, JWKS (warm)', async () => check(await ref.verifyToken(token, remote))],
])
  results.push(await measure(name, fn))
const local1 = []
for (const [name, fn] of [
  ['clerk-backend-native, jwtKey', async () => check(await native.verifyToken(token, local))],
  ['clerk-ref, jwtKey', async () => check(await ref.verifyToken(token, local))],
])
  local1.push(await measure(name, fn))
server.close()

console.log(`verifyToken - ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}\n`)
console.log(table(results, 'clerk-ref, JWKS (warm)'))
console.log()
console.log(table(local1, 'clerk-ref, jwtKey'))
console.log(`\nJWKS requests during the run: ${fetches} (one per package to warm its cache)`)
