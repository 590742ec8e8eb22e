'use strict'
// `node examples/jwt-demo.js`: signs a session token with a fresh RSA key, verifies it with this package
// and with the original @clerk/backend 0.38.15 (installed as clerk-ref), and prints the
// payload and the time per verification of each. No account, key or network needed.

const crypto = require('node:crypto')
const { performance } = require('node:perf_hooks')
const native = require('..')

let ref = null
try {
  ref = require('clerk-ref')
} catch {
  console.log('(clerk-ref is not installed: run `npm install` to compare with @clerk/backend 0.38.15)')
}

async function timePerCall(fn, n = 2000) {
  for (let i = 0; i < 200; i++) await fn()
  const start = performance.now()
  for (let i = 0; i < n; i++) await fn()
  return ((performance.now() - start) * 1000) / n
}

async function main() {
  process.env.NODE_ENV = process.env.NODE_ENV || 'production'
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwtKey = publicKey.export({ type: 'spki', format: 'pem' })
  const now = Math.floor(Date.now() / 1000)
  const token = await native.signJwt(
    { sub: 'user_demo', sid: 'sess_demo', iss: 'https://clerk.demo.example', azp: 'http://localhost:3000', exp: now + 60, nbf: now - 5 },
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
    { algorithm: 'RS256', header: { typ: 'JWT', kid: 'ins_demo' } },
  )
  console.log(`token: ${token.slice(0, 40)}...${token.slice(-10)}\n`)

  const options = { key: jwtKey, issuer: 'https://clerk.demo.example', authorizedParties: ['http://localhost:3000'] }
  const payload = await native.verifyJwt(token, options)
  console.log('clerk-backend-native verifyJwt ->', payload)
  const ours = await timePerCall(() => native.verifyJwt(token, options))

  let theirs = null
  if (ref) {
    console.log('clerk-ref            verifyJwt ->', await ref.verifyJwt(token, options))
    theirs = await timePerCall(() => ref.verifyJwt(token, options))
  }

  try {
    await native.verifyJwt(token.slice(0, -4) + 'AAAA', options)
  } catch (e) {
    console.log(`\na tampered token is refused: ${e.getFullMessage()}`)
  }

  console.log(`\ntime per verification: clerk-backend-native ${ours.toFixed(1)} us`)
  if (theirs !== null) {
    console.log(`                       clerk-ref            ${theirs.toFixed(1)} us (${(theirs / ours).toFixed(1)}x slower)`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
