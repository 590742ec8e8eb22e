'use strict'
// A smoke test that runs on every supported Node version with nothing but node:assert:
// the addon loads, signs, decodes, verifies, authenticates a request, and rejects as it should;
// an HTTPS call to a server nobody trusts is refused without taking the process down (in a
// container with no CA store too). `node smoke.js [package]` tests an installed package (the
// CI workflow's container jobs); by default, this checkout.

const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')
const https = require('node:https')
// an installed package is found from the working directory (the project that installed it)
const native = require(process.argv[2] ? require.resolve(process.argv[2], { paths: [process.cwd()] }) : '../..')

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

  // the main job: a request with a session token in its header
  const pk = `pk_test_${Buffer.from('smoke.clerk.accounts.dev$').toString('base64')}`
  const clerk = native.Clerk({ secretKey: 'sk_test_smoke', publishableKey: pk, jwtKey: pem })
  // (the options form, as Node 16 has no Request)
  const state = await clerk.authenticateRequest({ headerToken: token, host: 'localhost:3000' })
  assert.equal(state.status, 'signed-in', `${state.status} ${state.reason} ${state.message}`)
  assert.equal(state.toAuth().userId, 'user_1')

  // a Backend API server whose certificate nobody trusts: refused, the process lives on
  const tls = path.join(__dirname, '..', 'fixtures', 'tls')
  const server = https.createServer(
    { key: fs.readFileSync(path.join(tls, 'self-signed.key')), cert: fs.readFileSync(path.join(tls, 'self-signed.crt')) },
    (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"user","id":"user_1"}')
    },
  )
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const apiUrl = `https://127.0.0.1:${server.address().port}`
  await assert.rejects(native.Clerk({ secretKey: 'sk_test_smoke', apiUrl }).users.getUser('user_1'), (e) => {
    assert.ok(Array.isArray(e.errors), `the reference's error shape: ${e.stack}`)
    return true
  })
  server.close()
  console.log(`ok - smoke test under Node ${process.version}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
