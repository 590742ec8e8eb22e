'use strict'
// authenticateRequest converts a configuration once and finds it again by its values
// (lib/request-state.js, authSetup): every change of an option, in the call or in place in a
// list, must still be honoured on the next call.

const test = require('node:test')
const assert = require('node:assert/strict')
const native = require('..')
const { makeKeys, makeToken, claims } = require('./helpers')

process.env.NODE_ENV = 'test'

const one = makeKeys()
const two = makeKeys()
const secretKey = 'sk_live_setup_cache'
const auth = (options) =>
  native
    .Clerk({ secretKey })
    .authenticateRequest(options)
    .then((s) => `${s.status}${s.reason ? ` ${s.reason}` : ''}`)

test('each configuration is honoured, however it changes between calls', async () => {
  const tokenOne = makeToken(claims({ aud: 'app-x' }), one.privateKey)
  const tokenTwo = makeToken(claims({ aud: 'app-x' }), two.privateKey)
  // the jwtKey changes from call to call
  for (let i = 0; i < 3; i++) {
    assert.equal(await auth({ headerToken: tokenOne, jwtKey: one.pem }), 'signed-in')
    assert.equal(await auth({ headerToken: tokenOne, jwtKey: two.pem }), 'signed-out token-invalid-signature')
    assert.equal(await auth({ headerToken: tokenTwo, jwtKey: two.pem }), 'signed-in')
  }
  // the audience, as a string and as lists
  assert.equal(await auth({ headerToken: tokenOne, jwtKey: one.pem, audience: 'app-x' }), 'signed-in')
  assert.equal(await auth({ headerToken: tokenOne, jwtKey: one.pem, audience: 'app-y' }), 'signed-out token-verification-failed')
  assert.equal(await auth({ headerToken: tokenOne, jwtKey: one.pem, audience: ['app-y', 'app-x'] }), 'signed-in')
  // a list changed in place between two calls
  const parties = ['https://app.example.com']
  const options = { headerToken: tokenOne, jwtKey: one.pem, authorizedParties: parties }
  assert.equal(await auth(options), 'signed-in')
  parties[0] = 'https://other.example.com'
  assert.equal(await auth(options), 'signed-out token-invalid-authorized-parties')
  parties[0] = 'https://app.example.com'
  assert.equal(await auth(options), 'signed-in')
  // Infinity is not "not given": a skew that accepts any expired token
  const expired = makeToken(claims({ exp: Math.floor(Date.now() / 1000) - 3600 }), one.privateKey)
  assert.equal(await auth({ headerToken: expired, jwtKey: one.pem }), 'unknown token-expired')
  assert.equal(await auth({ headerToken: expired, jwtKey: one.pem, clockSkewInMs: Infinity }), 'signed-in')
  assert.equal(await auth({ headerToken: expired, jwtKey: one.pem }), 'unknown token-expired')
})

test('more configurations than the setup cache holds all answer right', async () => {
  const token = makeToken(claims(), one.privateKey)
  for (let i = 0; i < 150; i++) {
    const apiVersion = `v${i % 100}`
    assert.equal(
      await auth({ headerToken: token, jwtKey: i % 2 ? one.pem : two.pem, apiVersion }),
      i % 2 ? 'signed-in' : 'signed-out token-invalid-signature',
    )
  }
})

test('a falsy per-request option gives way to the header, as `option || header` does in the reference', async () => {
  const ref = require('clerk-ref')
  const token = makeToken(claims({ iat: Math.floor(Date.now() / 1000) - 10 }), one.privateKey)
  const uat = Math.floor(Date.now() / 1000) - 100
  const request = new Request('https://app.example.com/', {
    headers: { host: 'app.example.com', 'user-agent': 'Mozilla/5.0', cookie: `__client_uat=${uat}; __session=${token}` },
  })
  // clientUat 0 with another override given: the cookie's __client_uat still counts
  const options = { secretKey: 'sk_test_setup_cache', jwtKey: one.pem, request, clientUat: 0, host: 'app.example.com' }
  const mine = await native.Clerk({}).authenticateRequest(options)
  const theirs = await ref.Clerk({}).authenticateRequest(options)
  assert.equal(`${mine.status} ${mine.reason}`, `${theirs.status} ${theirs.reason}`)
  assert.equal(mine.status, 'signed-in')
})

test('options are type-checked whenever they differ from the last configuration, and never skipped', async () => {
  const token = makeToken(claims(), one.privateKey)
  const options = { headerToken: token, jwtKey: one.pem }
  const clerk = native.Clerk({ secretKey })
  assert.equal((await clerk.authenticateRequest(options)).status, 'signed-in')
  // the same object changed in place, twice in a row: refused both times
  options.jwtKey = 5
  await assert.rejects(clerk.authenticateRequest(options), { name: 'TypeError', message: /jwtKey option must be a string/ })
  await assert.rejects(clerk.authenticateRequest(options), { name: 'TypeError', message: /jwtKey option must be a string/ })
  options.jwtKey = one.pem
  options.authorizedParties = ['https://app.example.com']
  assert.equal((await clerk.authenticateRequest(options)).status, 'signed-in')
  // a list made invalid in place
  options.authorizedParties.push(7)
  await assert.rejects(clerk.authenticateRequest(options), { name: 'TypeError', message: /authorizedParties/ })
  // a list JSON cannot take (it refers to itself) is refused with the option's TypeError
  const loop = []
  loop.push(loop)
  await assert.rejects(clerk.authenticateRequest({ ...options, authorizedParties: loop }), {
    name: 'TypeError',
    message: /authorizedParties/,
  })
})
