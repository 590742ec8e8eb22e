'use strict'
process.env.NODE_ENV = 'test'

// A secret key never shows (issue 8): every error message, stack, String(err), JSON of the
// error and util.inspect of it, every request state, debug() output and debugRequestState,
// across authenticateRequest, verifyToken, REST calls and JWKS fetches that fail in every way
// a real 127.0.0.1 server can make them fail, and bad options. The 7-character prefix
// (`sk_test`, as the reference's debug() keeps) may show; the full key, and any 8 characters
// of it past that prefix, may not.

const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const http = require('node:http')
const util = require('node:util')
const native = require('..')
const { makeKeys, makeToken, claims } = require('./helpers')

const rand = (n) => crypto.randomBytes(n).toString('base64url').replace(/[-_]/g, 'x').slice(0, n)
const SECRETS = {
  secretKey: `sk_test_${rand(40)}`,
  apiKey: `test_${rand(40)}`,
  // secrets that cannot go into an HTTP header as they are
  secretKeyWithNewline: `sk_test_${rand(20)}\n${rand(20)}`,
  secretKeyNonAscii: `sk_test_${rand(20)}é${rand(20)}`,
}

// Every 8-character window of the secret that holds at least 4 of its random characters
// (windows from index 4 on). A window with only one or two random characters, such as
// "k_test_c", would match a publishable key ("pk_test_c2Vj...") by chance in 1 run of 64.
function leaks(text, secret) {
  const found = []
  if (text.includes(secret)) found.push('the full secret')
  for (let i = 4; i + 8 <= secret.length; i++) {
    const w = secret.slice(i, i + 8)
    if (text.includes(w)) found.push(JSON.stringify(w))
  }
  // the parts of a secret that has a line break or non-ASCII character in it
  for (const part of secret.slice(7).split(/[^\x21-\x7e]/)) if (part.length >= 8 && text.includes(part)) found.push(JSON.stringify(part))
  return found
}

const seen = [] // [label, text]
function collect(label, value) {
  const texts = []
  if (value instanceof Error || (value && typeof value === 'object' && 'message' in value && 'stack' in value)) {
    texts.push(String(value.message), String(value.stack), String(value))
    if (value.errors) texts.push(JSON.stringify(value.errors))
    if (typeof value.getFullMessage === 'function') texts.push(value.getFullMessage())
    if (value.cause) collect(`${label} cause`, value.cause)
  }
  try {
    texts.push(JSON.stringify(value) ?? '')
  } catch (e) {
    texts.push(`JSON.stringify threw ${e.message}`)
  }
  texts.push(util.inspect(value, { depth: 8, showHidden: true, getters: false }))
  for (const t of texts) seen.push([label, t])
}

async function settle(label, fn) {
  const t0 = Date.now()
  try {
    return await settle0(label, fn)
  } finally {
    if (Date.now() - t0 > 300 && process.env.SLOW) console.error('SLOW', Date.now() - t0, label)
  }
}
async function settle0(label, fn) {
  try {
    const value = await fn()
    collect(`${label} (value)`, value)
    return { ok: true, value }
  } catch (e) {
    collect(`${label} (error)`, e)
    return { ok: false, error: e }
  }
}

// A Backend API that fails in one of several ways, chosen by the path's first segment on a
// per-server basis (mode).
async function startFailingServer() {
  const state = { mode: '401', hits: 0 }
  const sockets = new Set()
  const server = http.createServer((req, res) => {
    state.hits++
    const json = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    switch (state.mode) {
      case '401':
        return json(401, {
          errors: [{ code: 'clerk_key_invalid', message: 'The provided Clerk Secret Key is invalid.', long_message: 'Secret key invalid' }],
          clerk_trace_id: 'trace_1',
        })
      case '403':
        return json(403, {
          errors: [{ code: 'authorization_invalid', message: 'Unauthorized request', long_message: 'You are not authorized' }],
        })
      case '500':
        return json(500, { errors: [{ code: 'internal_clerk_error', message: 'Oops' }] })
      case 'html':
        return res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>')
      case 'garbage':
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys": [nope')
      case 'empty':
        return json(200, { keys: [] })
      case 'reset':
        return req.socket.destroy()
      case 'stall':
        return undefined // never answers
      default:
        return json(404, {})
    }
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return {
    state,
    url: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((r) => server.close(r))
    },
  }
}

const MODES = ['401', '403', '500', 'html', 'garbage', 'empty', 'reset', 'stall']

test('no secret key in any error, state or debug() output', async (t) => {
  const server = await startFailingServer()
  t.after(() => server.close())
  const closed = http.createServer()
  await new Promise((r) => closed.listen(0, '127.0.0.1', r))
  const deadUrl = `http://127.0.0.1:${closed.address().port}`
  await new Promise((r) => closed.close(r))

  const keys = makeKeys()
  const kid = `ins_secrets_${process.pid}`
  const token = makeToken(claims(), keys.privateKey, { alg: 'RS256', typ: 'JWT', kid })
  const expired = makeToken(claims({ exp: Math.floor(Date.now() / 1000) - 100 }), keys.privateKey, { alg: 'RS256', typ: 'JWT', kid })
  const pk = `pk_test_${Buffer.from('secret-sloth-1.clerk.accounts.dev$').toString('base64')}`
  const secretOptions = (name) => (name === 'apiKey' ? { apiKey: SECRETS.apiKey } : { secretKey: SECRETS[name] })

  for (const name of Object.keys(SECRETS)) {
    const cred = secretOptions(name)
    // JWKS fetches that fail (verifyToken, and authenticateRequest through it)
    // (a stalled server costs the timeout per call: one secret goes through it)
    for (const mode of MODES.filter((m) => m !== 'stall' || name === 'secretKey')) {
      server.state.mode = mode
      await settle(`${name} verifyToken JWKS ${mode}`, () =>
        native.verifyToken(token, { ...cred, apiUrl: server.url, issuer: null, skipJwksCache: true, jwksTimeoutInMs: 200 }),
      )
      for (const tok of [token, expired, 'garbage']) {
        for (const carrier of ['header', 'cookie']) {
          const headers =
            carrier === 'header'
              ? { authorization: `Bearer ${tok}`, host: 'localhost:3000' }
              : { cookie: `__session=${tok}; __client_uat=1`, host: 'localhost:3000', 'user-agent': 'Mozilla/5.0' }
          const r = await settle(`${name} authenticateRequest ${carrier} JWKS ${mode}`, () =>
            native.Clerk({ ...cred, apiUrl: server.url, publishableKey: pk }).authenticateRequest({
              request: new Request('http://localhost:3000/', { headers }),
              skipJwksCache: true,
              jwksTimeoutInMs: 200,
              loadUser: true,
            }),
          )
          if (r.ok) {
            collect(`${name} state ${mode} debugRequestState`, native.debugRequestState(r.value))
            const auth = r.value.toAuth()
            if (auth) {
              collect(`${name} state ${mode} toAuth().debug()`, auth.debug())
              collect(`${name} state ${mode} makeAuthObjectSerializable`, native.makeAuthObjectSerializable(auth))
              await settle(`${name} getToken template ${mode}`, () => auth.getToken({ template: 't' }))
            }
          }
        }
      }
    }
    // a signed-in state (jwtKey, no network) and its debug()
    const signedIn = await settle(`${name} signed-in`, () =>
      native
        .Clerk({ ...cred, apiUrl: server.url, publishableKey: pk, jwtKey: keys.pem })
        .authenticateRequest({ request: new Request('http://localhost:3000/', { headers: { authorization: `Bearer ${token}` } }) }),
    )
    assert.equal(signedIn.ok, true)
    assert.equal(signedIn.value.status, 'signed-in', `${name}: ${signedIn.value.reason} ${signedIn.value.message}`)
    const debug = signedIn.value.toAuth().debug()
    collect(`${name} signed-in debug()`, debug)
    // the 7-character prefix is what debug() keeps, as the reference's does
    if (name !== 'apiKey') assert.equal(debug.secretKey, SECRETS[name].slice(0, 7))
    else assert.equal(debug.apiKey, SECRETS.apiKey.slice(0, 7))
    collect(`${name} signed-in state`, signedIn.value)
    for (const mode of MODES.filter((m) => m !== 'stall')) {
      server.state.mode = mode
      await settle(`${name} signed-in getToken template ${mode}`, () => signedIn.value.toAuth().getToken({ template: 'x' }))
    }

    // REST calls that fail
    for (const mode of MODES.filter((m) => m !== 'stall' || name === 'secretKey')) {
      server.state.mode = mode
      const clerk = native.Clerk({ ...cred, apiUrl: server.url, timeoutInMs: 200 })
      await settle(`${name} users.getUser ${mode}`, () => clerk.users.getUser('user_1'))
      await settle(`${name} sessions.verifySession ${mode}`, () => clerk.sessions.verifySession('sess_1', 'tok'))
      await settle(`${name} interstitial ${mode}`, () => clerk.interstitial.getInterstitial())
      await settle(`${name} remotePrivateInterstitial ${mode}`, () => clerk.remotePrivateInterstitial())
    }
    server.state.mode = '500'
    for (const apiUrl of [deadUrl, 'not a url', 'ftp://127.0.0.1:1', `${server.url}/%zz`]) {
      const clerk = native.Clerk({ ...cred, apiUrl, timeoutInMs: 200 })
      await settle(`${name} users.getUser ${apiUrl}`, () => clerk.users.getUser('user_1'))
      await settle(`${name} verifyToken ${apiUrl}`, () =>
        native.verifyToken(token, { ...cred, apiUrl, issuer: null, skipJwksCache: true, jwksTimeoutInMs: 200 }),
      )
      // (an unreachable JWKS is retried with back-off, about 3 s: once is enough)
      if (name === 'secretKey')
        await settle(`${name} authenticateRequest ${apiUrl}`, () =>
          native.Clerk({ ...cred, apiUrl, publishableKey: pk }).authenticateRequest({
            request: new Request('http://localhost:3000/', { headers: { authorization: `Bearer ${token}` } }),
            skipJwksCache: true,
          }),
        )
    }

    // bad options next to the secret
    server.state.mode = '401'
    for (const bad of [
      { audience: 5 },
      { authorizedParties: 'x' },
      { clockSkewInMs: 'soon' },
      { jwtKey: 5 },
      { jwksCacheTtlInMs: 'x' },
      { apiVersion: {} },
      { isSatellite: true },
      { isSatellite: true, signInUrl: 'https://primary.dev/sign-in', domain: '', proxyUrl: '' },
      { publishableKey: 'pk_test_!!' },
      { publishableKey: undefined, frontendApi: undefined },
    ]) {
      await settle(`${name} authenticateRequest ${JSON.stringify(bad)}`, () =>
        native.Clerk({ ...cred, apiUrl: server.url, publishableKey: pk }).authenticateRequest({
          ...bad,
          request: new Request('http://localhost:3000/', { headers: { authorization: `Bearer ${token}` } }),
        }),
      )
      await settle(`${name} verifyToken ${JSON.stringify(bad)}`, () =>
        native.verifyToken(token, { ...cred, ...bad, apiUrl: server.url, issuer: null }),
      )
    }
    // a secret given where a key is expected
    await settle(`${name} as a verifyJwt key`, () => native.verifyJwt(token, { key: SECRETS[name], issuer: null }))
    await settle(`${name} as a signJwt key`, () => native.signJwt({ sub: 'u' }, SECRETS[name], { algorithm: 'RS256' }))
    await settle(`${name} as a jwtKey`, () => native.verifyToken(token, { jwtKey: SECRETS[name], issuer: null }))
  }
  assert.ok(server.state.hits > 100, `${server.state.hits}`)

  const found = []
  for (const [label, text] of seen) {
    for (const [name, secret] of Object.entries(SECRETS)) {
      const l = leaks(text, secret)
      if (l.length) found.push(`${label}: ${name} (${l.slice(0, 3).join(', ')}) in ${JSON.stringify(text.slice(0, 400))}`)
    }
  }
  assert.ok(seen.length > 2000, `${seen.length} texts collected`)
  assert.deepEqual([...new Set(found)].slice(0, 20), [])
})

test('the leak check itself finds a secret, and finds it cut in pieces', () => {
  const s = SECRETS.secretKey
  assert.deepEqual(leaks(`debug: ${s.slice(0, 7)} only`, s), [])
  // a publishable key that happens to share the secret's first random character
  assert.deepEqual(leaks(`pk_test_${s[8]}${s[9] === 'Q' ? 'R' : 'Q'}VjcmV0`, s), [])
  assert.ok(leaks(`Bearer ${s}`, s).includes('the full secret'))
  assert.ok(leaks(`...${s.slice(12, 20)}...`, s).length > 0)
  assert.ok(leaks(`${SECRETS.secretKeyWithNewline.split('\n')[1]}`, SECRETS.secretKeyWithNewline).length > 0)
})
