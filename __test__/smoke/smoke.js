'use strict'
// A smoke test that runs on every supported Node version with nothing but node:assert:
// the addon loads, signs, decodes, verifies, and rejects as it should.

const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')
const native = require('../..')

async function main() {
  // a fixture key: generating one can deadlock Node 16 (__test__/fixtures/keys/README.md)
  const privateKey = crypto.createPrivateKey(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'keys', 'rsa2048-01.pem')))
  const publicKey = crypto.createPublicKey(privateKey)
  const pem = publicKey.export({ type: 'spki', format: 'pem' })
  const jwk = publicKey.export({ format: 'jwk' })
  const now = Math.floor(Date.now() / 1000)
  const claims = { sub: 'user_1', iss: 'https://clerk.example.com', exp: now + 60, iat: now }
  const token = await native.signJwt({ ...claims }, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    algorithm: 'RS256',
  })
  assert.equal(native.decodeJwt(token).payload.sub, 'user_1')
  assert.ok(native.decodeJwt(token).signature instanceof Uint8Array)
  assert.equal((await native.verifyJwt(token, { key: pem, issuer: 'https://clerk.example.com' })).sub, 'user_1')
  assert.equal((await native.verifyJwt(token, { key: jwk, issuer: null })).exp, now + 60)
  assert.equal(await native.hasValidSignature(native.decodeJwt(token), pem), true)
  await assert.rejects(native.verifyJwt(token.slice(0, -4) + 'AAAA', { key: pem, issuer: null }), {
    reason: 'token-invalid-signature',
  })
  await assert.rejects(native.verifyJwt('nope', { key: pem, issuer: null }), { reason: 'token-invalid' })
  const expired = await native.signJwt({ ...claims, exp: now - 600 }, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    algorithm: 'RS256',
  })
  await assert.rejects(native.verifyJwt(expired, { key: pem, issuer: null }), { reason: 'token-expired' })
  console.log(`ok - smoke test under Node ${process.version}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
