'use strict'
// `npm run demo` (examples/express/demo.js) runs, exits 0 and prints the five expected states;
// the example middleware answers a browser that must refresh its cookie with the interstitial page.

const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const path = require('node:path')
const { execFile } = require('node:child_process')
const { createApp } = require('../examples/express/app')
const { startClerkStandIn } = require('../examples/express/clerk-stand-in')

test('the Express demo exits 0 and prints each request state and toAuth() summary', async () => {
  const { code, stdout, stderr } = await new Promise((resolve) => {
    execFile(process.execPath, [path.join(__dirname, '..', 'examples', 'express', 'demo.js')], { timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? err.code : 0, stdout, stderr }),
    )
  })
  assert.equal(code, 0, stderr)
  const states = [...stdout.matchAll(/^ {3}state {5}(\S+)(?: \((\S+)\))?/gm)].map((m) => `${m[1]}${m[2] ? ` ${m[2]}` : ''}`)
  assert.deepEqual(states, [
    'signed-in',
    'signed-in',
    'unknown token-expired',
    'signed-out token-invalid',
    'signed-out header-missing-non-browser',
  ])
  const auths = [...stdout.matchAll(/^ {3}toAuth\(\) {2}(.*)$/gm)].map((m) => m[1])
  assert.match(auths[0], /^userId=user_2demoAdaLovelace sessionId=sess_2demoSession user="Ada Lovelace <ada@example.com>" session=active/)
  assert.equal(auths[1], auths[0])
  assert.match(auths[2], /^null/)
  assert.match(auths[3], /userId=null/)
  const https = [...stdout.matchAll(/GET \/me -> (\d+), GET \/private -> (\d+)/g)].map((m) => `${m[1]}/${m[2]}`)
  assert.deepEqual(https, ['200/200', '200/200', '401/401', '200/401', '200/401'])
  assert.match(stdout, /GET \/v1\/jwks x1,/)
})

test('the example middleware sends a browser without __client_uat the interstitial page', async (t) => {
  const secretKey = 'sk_test_exampleMiddlewareTest'
  const publishableKey = `pk_test_${Buffer.from('clerk.demo.example$').toString('base64')}`
  const clerk = await startClerkStandIn({ secretKey })
  const server = createApp({ secretKey, publishableKey, apiUrl: clerk.url }).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  t.after(() => Promise.all([new Promise((r) => server.close(r)), clerk.close()]))
  const res = await new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: server.address().port, path: '/me', headers: { 'user-agent': 'Mozilla/5.0 (test)' } }, (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }))
      })
      .on('error', reject)
  })
  assert.equal(res.status, 401)
  assert.equal(res.headers['x-clerk-auth-status'], 'interstitial')
  assert.equal(res.headers['x-clerk-auth-reason'], 'uat-missing')
  assert.match(res.headers['content-type'], /^text\/html/)
  assert.match(res.body, /clerk\.demo\.example/)
  assert.deepEqual(clerk.requests, []) // nothing to verify, nothing fetched
})
