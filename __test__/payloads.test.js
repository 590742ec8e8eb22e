'use strict'
// verifyJwt remembers parsed payloads by token text and hands out deep copies
// (lib/payloads.js), and swaps key texts for handles made once (lib/keys.js). Neither may change
// a result: a repeated token gives a payload equal to the reference's, never the same object,
// and mutating one result does not show in the next.

const test = require('node:test')
const assert = require('node:assert/strict')
const native = require('..')
const ref = require('clerk-ref')
const { SIZE, MAX_TOKEN_LENGTH, BUDGET, usage } = require('../lib/payloads')
const { makeKeys, makeToken, claims } = require('./helpers')

const keys = makeKeys()
const opts = { key: keys.pem, issuer: null }

test('a repeated token gives a fresh, equal payload each time, nested values included', async () => {
  const payload = claims({ meta: { roles: ['admin', { deep: [1, 2, { x: null }] }] }, list: [1, 'two', { three: 3 }], 10: 'ten', 2: 'two' })
  const token = makeToken(payload, keys.privateKey)
  const first = await native.verifyJwt(token, opts)
  const second = await native.verifyJwt(token, opts)
  assert.notEqual(first, second)
  assert.notEqual(first.meta, second.meta)
  assert.notEqual(first.meta.roles[1], second.meta.roles[1])
  assert.notEqual(first.list, second.list)
  assert.deepEqual(Object.keys(second), Object.keys(await ref.verifyJwt(token, opts)))
  assert.deepEqual(JSON.stringify(second), JSON.stringify(await ref.verifyJwt(token, opts)))
  // mutations of a result stay in that result
  first.sub = 'changed'
  first.meta.roles[1].deep.push('more')
  first.list.length = 0
  delete first.exp
  const third = await native.verifyJwt(token, opts)
  assert.equal(third.sub, payload.sub)
  assert.deepEqual(third.meta, payload.meta)
  assert.deepEqual(third.list, payload.list)
  assert.equal(third.exp, payload.exp)
  // the first sight keeps the JSON text, the second the parse: the copies after it are fresh too
  third.meta.roles.pop()
  second.list.push('x')
  const fourth = await native.verifyJwt(token, opts)
  assert.deepEqual(fourth, payload)
  assert.notEqual(fourth.meta, third.meta)
})

test('a "__proto__" claim stays an own property and never becomes the prototype', async () => {
  const json = JSON.stringify(claims()).replace(/}$/, ',"__proto__":{"polluted":true},"n":{"__proto__":[1]}}')
  const token = makeToken(json, keys.privateKey)
  for (let i = 0; i < 3; i++) {
    const p = await native.verifyJwt(token, opts)
    assert.equal(Object.getPrototypeOf(p), Object.prototype)
    assert.ok(Object.prototype.hasOwnProperty.call(p, '__proto__'))
    assert.deepEqual(Object.getOwnPropertyDescriptor(p, '__proto__').value, { polluted: true })
    assert.equal(p.polluted, undefined)
    assert.equal(Object.getPrototypeOf(p.n), Object.prototype)
    assert.deepEqual(Object.getOwnPropertyDescriptor(p.n, '__proto__').value, [1])
    assert.equal({}.polluted, undefined)
  }
})

test('every call still checks the claims: a remembered payload is not a verdict', async () => {
  const token = makeToken(claims({ exp: Math.floor(Date.now() / 1000) + 2 }), keys.privateKey)
  assert.equal((await native.verifyJwt(token, opts)).sub, 'user_123')
  const realNow = Date.now
  Date.now = () => realNow() + 60_000
  try {
    await assert.rejects(native.verifyJwt(token, opts), { reason: 'token-expired' })
    await assert.rejects(native.verifyJwt(token, { ...opts, authorizedParties: ['https://other.dev'] }), {
      reason: 'token-invalid-authorized-parties',
    })
  } finally {
    Date.now = realNow
  }
  await assert.rejects(native.verifyJwt(token, { key: makeKeys().pem, issuer: null }), { reason: 'token-invalid-signature' })
  assert.equal((await native.verifyJwt(token, opts)).sub, 'user_123')
})

test('more tokens than remembered, and more keys than handles kept: results stay right', async () => {
  const tokens = Array.from({ length: SIZE + 50 }, (_, i) => makeToken(claims({ jti: String(i) }), keys.privateKey))
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < tokens.length; i += 7) assert.equal((await native.verifyJwt(tokens[i], opts)).jti, String(i))
  }
  const other = Array.from({ length: 3 }, () => makeKeys())
  for (let i = 0; i < 300; i++) {
    const k = other[i % other.length]
    const key = i % 2 ? k.pem : k.jwk
    const t = makeToken(claims({ n: i }), k.privateKey)
    assert.equal((await native.verifyJwt(t, { key, issuer: null })).n, i)
    await assert.rejects(native.verifyJwt(t, { key: other[(i + 1) % other.length].pem, issuer: null }), {
      reason: 'token-invalid-signature',
    })
  }
})

test('a non-ASCII token crosses intact and fails as the reference fails', async () => {
  const token = makeToken(claims(), keys.privateKey)
  // (outside the BMP the reference prints half a surrogate pair, which has no UTF-8 form)
  for (const bad of [`${token}é`, `é${token}`, token.replace('.', '.ñ'), `${token}\u0100`, token.replace('.', '.\u4e00')]) {
    const [a, b] = await Promise.all([
      native.verifyJwt(bad, opts).then(
        () => 'ok',
        (e) => e.message,
      ),
      ref.verifyJwt(bad, opts).then(
        () => 'ok',
        (e) => e.message,
      ),
    ])
    assert.equal(a, b)
  }
  const payload = claims({ name: 'Zoë 名前 \u{1F600}' })
  const t = makeToken(payload, keys.privateKey)
  assert.equal((await native.verifyJwt(t, opts)).name, payload.name)
  assert.equal((await native.verifyJwt(t, opts)).name, payload.name)
})

test('long tokens are not remembered, and the remembered text stays within its budget', async () => {
  const long = makeToken(claims({ pad: 'x'.repeat(MAX_TOKEN_LENGTH) }), keys.privateKey)
  const before = usage()
  assert.equal((await native.verifyJwt(long, opts)).pad.length, MAX_TOKEN_LENGTH)
  assert.equal((await native.verifyJwt(long, opts)).pad.length, MAX_TOKEN_LENGTH)
  assert.deepEqual(usage(), before)
  const pad = 'y'.repeat(MAX_TOKEN_LENGTH / 2)
  for (let i = 0; i < Math.ceil(BUDGET / (MAX_TOKEN_LENGTH * 0.6)) + 4; i++) {
    const t = makeToken(claims({ i, pad }), keys.privateKey)
    assert.equal((await native.verifyJwt(t, opts)).i, i)
    assert.ok(usage().chars <= BUDGET, `${usage().chars} chars held`)
  }
})
