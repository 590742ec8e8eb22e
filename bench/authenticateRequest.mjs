// authenticateRequest, signed in, networkless jwtKey: the token in the Authorization header,
// and the same through the __session / __client_uat cookies. This package against clerk-ref.

import crypto from 'node:crypto'
import { createRequire } from 'node:module'
import os from 'node:os'
import { measure, table } from './harness.mjs'

const require = createRequire(import.meta.url)
process.env.NODE_ENV = 'production'
const native = require('..')
const ref = require('clerk-ref')

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const jwtKey = publicKey.export({ type: 'spki', format: 'pem' })
const now = Math.floor(Date.now() / 1000)
const token = await native.signJwt(
  { sub: 'user_bench', sid: 'sess_bench', iss: 'https://clerk.example.com', azp: 'https://app.example.com', exp: now + 3600, nbf: now - 5 },
  privateKey.export({ type: 'pkcs8', format: 'pem' }),
  { algorithm: 'RS256', header: { typ: 'JWT', kid: 'ins_bench' } },
)
const publishableKey = 'pk_live_' + Buffer.from('clerk.example.com$').toString('base64')
const options = { secretKey: 'sk_live_bench', jwtKey, publishableKey }
const headerRequest = new Request('https://app.example.com/dashboard', {
  headers: { authorization: `Bearer ${token}`, host: 'app.example.com', 'user-agent': 'Mozilla/5.0' },
})
const cookieRequest = new Request('https://app.example.com/dashboard', {
  headers: { cookie: `__client_uat=${now - 60}; __session=${token}`, host: 'app.example.com', 'user-agent': 'Mozilla/5.0' },
})
const check = (state) => {
  if (state.status !== 'signed-in' || state.toAuth().userId !== 'user_bench') throw new Error(`not signed in: ${state.reason}`)
}

// Distinct tokens, more than the verified-token cache holds (4096), so every call pays for
// the RSA check: the cost for a token this process has not seen yet.
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
const freshRequests = Array.from({ length: 4200 }, (_, i) => {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'ins_bench' })}.${b64({ sub: 'user_bench', sid: `sess_${i}`, iss: 'https://clerk.example.com', exp: now + 3600, nbf: now - 5 })}`
  const t = `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
  return new Request('https://app.example.com/dashboard', {
    headers: { authorization: `Bearer ${t}`, host: 'app.example.com', 'user-agent': 'Mozilla/5.0' },
  })
})
let next = 0
const freshRequest = () => freshRequests[next++ % freshRequests.length]

const clerks = { 'clerk-backend-native': native.Clerk(options), 'clerk-ref': ref.Clerk(options) }
console.log(`authenticateRequest, signed in, jwtKey - ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}\n`)
for (const [label, request] of [
  ['token in the header', () => headerRequest],
  ['token in the cookies', () => cookieRequest],
  ['a new token each call (header)', freshRequest],
]) {
  const results = []
  for (const [name, clerk] of Object.entries(clerks)) {
    results.push(await measure(`${name}, ${label}`, async () => check(await clerk.authenticateRequest({ request: request() }))))
  }
  console.log(table(results, `clerk-ref, ${label}`))
  console.log()
}
