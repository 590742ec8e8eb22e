'use strict'
// A Backend API that answers its headers and then drips the body one byte at a time never
// holds a call past timeoutInMs: the call rejects with the unexpected_error shape.

const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const native = require('..')

process.env.NODE_ENV = 'test'

test('a dripping body is cut off at timeoutInMs', async (t) => {
  const timers = new Set()
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.write('{"object":"user","id":"user_1","first_name":"')
    const timer = setInterval(() => res.write('a'), 50)
    timers.add(timer)
    req.on('close', () => clearInterval(timer))
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  t.after(() => {
    for (const timer of timers) clearInterval(timer)
    server.closeAllConnections?.()
    server.close()
  })
  const clerk = native.Clerk({ secretKey: 'sk_test_drip', apiUrl: `http://127.0.0.1:${server.address().port}`, timeoutInMs: 400 })
  const started = Date.now()
  await assert.rejects(clerk.users.getUser('user_1'), (e) => {
    assert.equal(e.errors[0].code, 'unexpected_error')
    assert.match(e.errors[0].message, /did not answer within 400 ms/)
    assert.equal(e.status, '')
    return true
  })
  const took = Date.now() - started
  assert.ok(took >= 350 && took < 3000, `took ${took} ms`)
})
