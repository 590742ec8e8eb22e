'use strict'
process.env.NODE_ENV = 'test'

// Hostile tokens (issue 8): each one through the public API of this package and of clerk-ref
// (@clerk/backend 0.38.15) side by side, under one frozen clock. Where the reference gives a
// defined answer, ours must be the very same (type, reason, action, message, payload); where
// the reference itself misbehaves (a RangeError from deep JSON, an exp of 1e400 read as
// "never expires") the difference is asserted here and named. Nothing may crash, hang, fetch
// a URL named by the token, or hold memory without bound.

const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const http = require('node:http')
const v8 = require('node:v8')
const vm = require('node:vm')
const ref = require('clerk-ref')
const native = require('..')
const { makeKeys, fixtureKey, makeToken, b64url, claims, outcome, withFrozenClock } = require('./helpers')
const { startJwksServer } = require('./jwks-server')

const keys = makeKeys() // the trusted key (the only jwtKey given to either package in this file)
const attacker = makeKeys() // a key nobody trusts
const KID = `ins_hostile_${process.pid}`
const H = { alg: 'RS256', typ: 'JWT', kid: KID }
const opts = { key: keys.pem, issuer: null }

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc')
const rssMb = () => {
  gc()
  gc()
  return process.memoryUsage().rss / 1048576
}

// A token of raw base64url parts, signed with `privateKey` over exactly those parts.
function signParts(headerB64, payloadB64, privateKey = keys.privateKey) {
  const input = `${headerB64}.${payloadB64}`
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
}
const signText = (headerText, payloadText, privateKey) =>
  signParts(Buffer.from(headerText).toString('base64url'), Buffer.from(payloadText).toString('base64url'), privateKey)
const hmac = (header, payload, secret) => {
  const input = `${b64url(header)}.${b64url(payload)}`
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`
}
const future = () => Math.floor(Date.now() / 1000) + 600

// Records a mismatch (name, both answers) and says whether the two answers were equal.
function same(ours, theirs, mismatches, name) {
  try {
    assert.deepEqual(ours, theirs)
    return true
  } catch {
    mismatches.push(`${name}\n  ref:    ${short(theirs)}\n  native: ${short(ours)}`)
    return false
  }
}

const short = (o) => (o.ok ? 'ok' : `${o.type} ${o.reason} ${String(o.message).slice(0, 160)}`)

// Both packages on the same input, under one frozen clock.
function both(call) {
  return withFrozenClock(async () => [await outcome(() => call(ref)), await outcome(() => call(native))])
}

// ---------------------------------------------------------------------------------------------
// the table: name -> [token, what the reference (and so we) answer]

function hostileTokens() {
  const T = {}
  const expect = {}
  const add = (name, token, answer) => {
    T[name] = token
    expect[name] = answer
  }
  const invalidAlg = (alg) => ({
    reason: 'token-invalid-algorithm',
    message: `Invalid JWT algorithm ${JSON.stringify(alg)}. Supported: RS256,RS384,RS512.`,
  })

  // algorithms
  add('alg none, empty signature', `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`, invalidAlg('none'))
  add('alg None (mixed case)', `${b64url({ alg: 'None' })}.${b64url(claims())}.`, invalidAlg('None'))
  add('alg none, a real RS256 signature', makeToken(claims(), keys.privateKey, { alg: 'none', typ: 'JWT' }), invalidAlg('none'))
  add('no alg at all', makeToken(claims(), keys.privateKey, { typ: 'JWT' }), {
    reason: 'token-invalid-algorithm',
    message: 'Invalid JWT algorithm undefined. Supported: RS256,RS384,RS512.',
  })
  add('alg as a list', makeToken(claims(), keys.privateKey, { alg: ['RS256'] }), invalidAlg(['RS256']))
  add(
    'HS256 signed with the RSA public key PEM (algorithm confusion)',
    hmac({ alg: 'HS256', typ: 'JWT' }, claims(), keys.pem),
    invalidAlg('HS256'),
  )
  add(
    'HS256 signed with the public key DER',
    hmac({ alg: 'HS256', typ: 'JWT' }, claims(), keys.publicKey.export({ type: 'spki', format: 'der' })),
    invalidAlg('HS256'),
  )
  add('HS256 signed with the JWK modulus', hmac({ alg: 'HS256' }, claims(), keys.jwk.n), invalidAlg('HS256'))
  const ec = fixtureKey('ec-p256')
  const es256Input = `${b64url({ alg: 'ES256', typ: 'JWT' })}.${b64url(claims())}`
  add(
    'ES256, a real P-256 signature',
    `${es256Input}.${crypto.sign('sha256', Buffer.from(es256Input), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`,
    invalidAlg('ES256'),
  )
  const psInput = `${b64url({ alg: 'PS256', typ: 'JWT' })}.${b64url(claims())}`
  add(
    'PS256, a real PSS signature with the trusted key',
    `${psInput}.${crypto.sign('sha256', Buffer.from(psInput), { key: keys.privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING }).toString('base64url')}`,
    invalidAlg('PS256'),
  )
  add('EdDSA', `${b64url({ alg: 'EdDSA' })}.${b64url(claims())}.AAAA`, invalidAlg('EdDSA'))
  add('typ JWE', makeToken(claims(), keys.privateKey, { ...H, typ: 'JWE' }), {
    reason: 'token-invalid',
    message: 'Invalid JWT type "JWE". Expected "JWT".',
  })

  // kid: never used by verifyJwt, never a path
  add('kid of 100,000 characters', makeToken(claims(), keys.privateKey, { ...H, kid: 'k'.repeat(100_000) }), 'ok')
  add('kid with path characters', makeToken(claims(), keys.privateKey, { ...H, kid: '../../../etc/passwd?x=1#y' }), 'ok')
  add('kid as an object', makeToken(claims(), keys.privateKey, { ...H, kid: { $ne: null } }), 'ok')

  // crit, jku, x5u, jwk: the reference ignores them (RFC 7515's crit rule is not applied);
  // a token counts only if the trusted key signed it
  add(
    'crit naming an unknown extension, signed by the trusted key',
    makeToken(claims(), keys.privateKey, { ...H, crit: ['http://example.com/ext'], 'http://example.com/ext': true }),
    'ok',
  )
  add('crit, signed by another key', makeToken(claims(), attacker.privateKey, { ...H, crit: ['exp'], exp: 1 }), {
    reason: 'token-invalid-signature',
  })
  add('crit not a list', makeToken(claims(), attacker.privateKey, { ...H, crit: 'b64' }), { reason: 'token-invalid-signature' })
  add('embedded jwk of the signing (attacker) key', makeToken(claims(), attacker.privateKey, { ...H, jwk: attacker.jwk }), {
    reason: 'token-invalid-signature',
  })

  // duplicate keys: the last one wins in both JSON parsers, so no parser differential
  const exp = future()
  add('duplicate sub (last wins)', signText(JSON.stringify(H), `{"sub":"user_a","sub":"user_b","exp":${exp}}`), 'ok')
  add('duplicate exp: expired then valid (last wins)', signText(JSON.stringify(H), `{"sub":"u","exp":1,"exp":${exp}}`), 'ok')
  add('duplicate exp: valid then expired (last wins)', signText(JSON.stringify(H), `{"sub":"u","exp":${exp},"exp":1}`), {
    reason: 'token-expired',
  })
  add('duplicate alg: none then RS256', signText(`{"alg":"none","alg":"RS256"}`, `{"sub":"u","exp":${exp}}`), 'ok')
  add('duplicate alg: RS256 then none', signText(`{"alg":"RS256","alg":"none"}`, `{"sub":"u","exp":${exp}}`), invalidAlg('none'))

  // exp, nbf, iat of every type
  for (const [claim, value] of [
    ['exp', String(exp)],
    ['exp', exp + 0.5],
    ['exp', -1],
    ['exp', 0],
    ['exp', 1e300],
    ['exp', -1e300],
    ['exp', 8.64e15],
    ['exp', null],
    ['exp', true],
    ['exp', [exp]],
    ['exp', { n: exp }],
    ['nbf', 'now'],
    ['nbf', 1.5],
    ['nbf', -1],
    ['nbf', 1e300],
    ['nbf', -1e300],
    ['nbf', future() + 1000],
    ['nbf', null],
    ['iat', '1'],
    ['iat', 0.000001],
    ['iat', -1],
    ['iat', 1e20],
    ['iat', 1e300],
    ['iat', future() + 1000],
    ['iat', false],
  ]) {
    add(`${claim} ${JSON.stringify(value)}`, makeToken(claims({ [claim]: value }), keys.privateKey, H), 'compare')
  }
  add('exp 1e-400 (underflows to 0)', signText(JSON.stringify(H), `{"sub":"u","exp":1e-400}`), { reason: 'token-expired' })
  add('exp -0', signText(JSON.stringify(H), `{"sub":"u","exp":-0}`), { reason: 'token-expired' })
  add('exp 1e400 (beyond a double)', signText(JSON.stringify(H), `{"sub":"u","exp":1e400}`), 'differs')
  add('nbf 1e400', signText(JSON.stringify(H), `{"sub":"u","exp":${exp},"nbf":1e400}`), 'differs')
  add('exp with 400 digits', signText(JSON.stringify(H), `{"sub":"u","exp":${'9'.repeat(400)}}`), 'differs')

  // text
  add(
    'invalid UTF-8 in the payload (replaced, as TextDecoder does)',
    signParts(
      b64url(H),
      Buffer.concat([Buffer.from('{"sub":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`","exp":${exp}}`)]).toString('base64url'),
    ),
    'ok',
  )
  add(
    'invalid UTF-8 in the header',
    signParts(
      Buffer.concat([Buffer.from('{"alg":"RS256","x":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]).toString('base64url'),
      b64url(claims()),
    ),
    'ok',
  )
  add(
    'overlong UTF-8 for "/"',
    signParts(
      b64url(H),
      Buffer.concat([Buffer.from('{"sub":"'), Buffer.from([0xc0, 0xaf]), Buffer.from(`","exp":${exp}}`)]).toString('base64url'),
    ),
    'ok',
  )
  add('a BOM before the header JSON', signParts(Buffer.from('\ufeff{"alg":"RS256"}').toString('base64url'), b64url(claims())), 'compare')
  add('escaped lone surrogates', signText(JSON.stringify(H), `{"sub":"\\ud800\\udfff\\udc00","exp":${exp}}`), 'ok')
  add('NUL in a claim', signText(JSON.stringify(H), `{"sub":"a\\u0000b","exp":${exp}}`), 'ok')
  add('payload is a JSON string', signText(JSON.stringify(H), '"sub"'), 'compare')
  add('payload is null', signText(JSON.stringify(H), 'null'), 'compare')
  add('header is a list', signText('["RS256"]', JSON.stringify(claims())), 'compare')
  add('trailing garbage after the JSON', signText(JSON.stringify(H), `${JSON.stringify(claims())}x`), 'compare')

  // base64url forms
  const good = makeToken(claims(), keys.privateKey, H)
  const [gh, gp, gs] = good.split('.')
  const pad = (s) => s + '='.repeat((4 - (s.length % 4)) % 4)
  add('padded signature', `${gh}.${gp}.${pad(gs)}=`, 'compare')
  add('padded header (changes the signed text)', `${pad(gh)}=.${gp}.${gs}`, 'compare')
  add('padding in the middle', `${gh}.${gp}.${gs.slice(0, 8)}==${gs.slice(8)}`, 'compare')
  add(
    'standard base64 alphabet',
    signParts(Buffer.from(JSON.stringify(H)).toString('base64'), Buffer.from(JSON.stringify(claims({ x: '>>>???' }))).toString('base64')),
    'compare',
  )
  add('whitespace inside a part', `${gh}.${gp.slice(0, 5)} \n${gp.slice(5)}.${gs}`, 'compare')
  const nonCanonical = (s) => {
    // the last character carries bits past the end of the data: set them
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(s.at(-1))
    return s.slice(0, -1) + alphabet[last | (s.length % 4 === 2 ? 0x0f : 0x03)]
  }
  add('non-canonical last character of the signature', `${gh}.${gp}.${nonCanonical(gs)}`, 'compare')
  add(
    'non-canonical last character of the payload',
    `${gh}.${b64url(JSON.stringify(claims()) + ' ').length % 4 === 1 ? gp : nonCanonical(b64url(JSON.stringify(claims()) + ' '))}.${gs}`,
    'compare',
  )
  add('a part of length 1 mod 4', `${gh}.${gp}.${gs}A`, 'compare')
  add('four parts', `${good}.${gs}`, {
    reason: 'token-invalid',
    message: 'Invalid JWT form. A JWT consists of three parts separated by dots.',
  })
  add('empty token', '', { reason: 'token-invalid' })

  // deep JSON
  const deep = (n) => '['.repeat(n) + ']'.repeat(n)
  add('payload nested 10,000 levels (arrays)', signText(JSON.stringify(H), deep(10_000)), 'differs')
  add(
    'payload nested 10,000 levels (objects, sub and exp valid)',
    signText(JSON.stringify(H), `{"sub":"u","exp":${exp},"a":`.repeat(10_000) + '1' + '}'.repeat(10_000)),
    'differs',
  )
  add('header nested 10,000 levels', signText('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), JSON.stringify(claims())), 'differs')
  add('payload nested 100,000 levels', signText(JSON.stringify(H), deep(100_000)), 'differs')
  add('a claim nested 100 levels (within the limit)', makeToken(claims({ deep: JSON.parse(deep(100)) }), keys.privateKey, H), 'ok')

  return { T, expect }
}

const { T: TOKENS, expect: EXPECT } = hostileTokens()

test(`verifyJwt: ${Object.keys(TOKENS).length} hostile tokens answer as the reference does`, async () => {
  const differences = []
  const mismatches = []
  for (const [name, token] of Object.entries(TOKENS)) {
    const want = EXPECT[name]
    const [theirs, ours] = await both((pkg) => pkg.verifyJwt(token, opts))
    // whatever happens, a typed answer
    if (!ours.ok) assert.ok(['TokenVerificationError', 'SyntaxError', 'TypeError'].includes(ours.type), `${name}: ${short(ours)}`)
    if (want === 'differs') {
      differences.push({ name, theirs: short(theirs), ours: short(ours) })
      continue
    }
    if (!same(ours, theirs, mismatches, name)) continue
    if (want === 'ok') assert.equal(ours.ok, true, `${name}: ${short(ours)}`)
    else if (want !== 'compare') {
      assert.equal(ours.ok, false, name)
      assert.equal(ours.reason, want.reason, `${name}: ${short(ours)}`)
      if (want.message) assert.equal(ours.message, want.message, name)
    }
  }
  assert.deepEqual(mismatches, [])
  // The named differences, each a typed rejection on our side:
  const byName = Object.fromEntries(differences.map((d) => [d.name, d]))
  // - numbers beyond a double: the reference reads 1e400 as Infinity, and an exp of Infinity
  //   never expires (its date check compares NaN); we refuse the JSON
  assert.equal(byName['exp 1e400 (beyond a double)'].theirs, 'ok')
  assert.match(byName['exp 1e400 (beyond a double)'].ours, /^SyntaxError undefined number out of range/)
  assert.equal(byName['nbf 1e400'].theirs, 'ok')
  assert.match(byName['nbf 1e400'].ours, /^SyntaxError undefined number out of range/)
  assert.match(byName['exp with 400 digits'].ours, /^SyntaxError undefined number out of range/)
  // - JSON nested beyond 128 levels: V8 parses 10,000 levels, and the reference then either
  //   answers with a claim reason or overflows its stack (RangeError); we refuse the JSON
  assert.match(byName['payload nested 10,000 levels (arrays)'].theirs, /^TokenVerificationError token-verification-failed Subject claim/)
  assert.match(
    byName['payload nested 10,000 levels (objects, sub and exp valid)'].theirs,
    /^RangeError undefined Maximum call stack size exceeded/,
  )
  assert.match(byName['header nested 10,000 levels'].theirs, /^TokenVerificationError token-invalid-algorithm/)
  for (const d of differences.filter((x) => /nested/.test(x.name)))
    assert.match(d.ours, /^SyntaxError undefined recursion limit exceeded/, d.name)
  assert.equal(differences.length, 7)
})

test('decodeJwt: the same hostile tokens decode (or throw) as the reference does', async () => {
  const mismatches = []
  for (const [name, token] of Object.entries(TOKENS)) {
    if (EXPECT[name] === 'differs') continue
    const [theirs, ours] = await both((pkg) => {
      const { header, payload, signature, raw } = pkg.decodeJwt(token)
      return { header, payload, signature: Buffer.from(signature).toString('hex'), raw }
    })
    same(ours, theirs, mismatches, name)
  }
  assert.deepEqual(mismatches, [])
})

test('verifyToken (jwtKey) and authenticateRequest (header and cookie) give the reference reasons', async () => {
  const DEV_FAPI = 'hostile-hippo-42.clerk.accounts.dev'
  const base = {
    secretKey: 'sk_test_hostileSecret0123456789',
    publishableKey: 'pk_test_' + Buffer.from(`${DEV_FAPI}$`).toString('base64'),
    jwtKey: keys.pem,
  }
  const mismatches = []
  const browser = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36'
  for (const [name, token] of Object.entries(TOKENS)) {
    if (EXPECT[name] === 'differs') continue
    if (token.length > 20_000) continue // the 100,000-character kid: see the 1 MB test
    const [theirs, ours] = await both((pkg) => pkg.verifyToken(token, { jwtKey: keys.pem, issuer: null }))
    same(ours, theirs, mismatches, `verifyToken ${name}`)

    for (const carrier of ['header', 'cookie']) {
      const headers =
        carrier === 'header'
          ? { authorization: `Bearer ${token}`, host: 'localhost:3000' }
          : { cookie: `__session=${token}; __client_uat=1`, host: 'localhost:3000', 'user-agent': browser }
      const [a, b] = await both(async (pkg) => {
        const state = await pkg.Clerk(base).authenticateRequest({ request: new Request('http://localhost:3000/x', { headers }) })
        return { status: state.status, reason: state.reason, message: state.message, token: state.token }
      })
      same(b, a, mismatches, `authenticateRequest (${carrier}) ${name}`)
    }
  }
  assert.deepEqual(mismatches, [])
})

// ---------------------------------------------------------------------------------------------
// one bit flipped, anywhere

function flips(token) {
  const parts = token.split('.')
  const out = []
  parts.forEach((part, p) => {
    const bytes = Buffer.from(part, 'base64url')
    // every bit of the header and payload, every 5th of the signature
    const step = p === 2 ? 5 : 1
    for (let bit = 0; bit < bytes.length * 8; bit += step) {
      const b = Buffer.from(bytes)
      b[bit >> 3] ^= 1 << (bit & 7)
      const copy = [...parts]
      copy[p] = b.toString('base64url')
      out.push([`part ${p} bit ${bit}`, copy.join('.')])
    }
  })
  // and bits of the text itself (characters outside the alphabet, dots, ...)
  for (let i = 0; i < token.length; i += 7) {
    for (let bit = 0; bit < 7; bit++) {
      out.push([`char ${i} bit ${bit}`, token.slice(0, i) + String.fromCharCode(token.charCodeAt(i) ^ (1 << bit)) + token.slice(i + 1)])
    }
  }
  return out
}

// Whether a token's header or payload, as JSON.parse reads it, holds a number beyond a double
// (Infinity): difference 16 of the README, where the reference reads Infinity and this package
// refuses the token with JSON's SyntaxError (`number out of range`). A flip can make one.
function beyondDouble(token) {
  const infinite = (v) =>
    typeof v === 'number' ? !Number.isFinite(v) : v !== null && typeof v === 'object' && Object.values(v).some(infinite)
  return token
    .split('.')
    .slice(0, 2)
    .some((part) => {
      try {
        return infinite(JSON.parse(Buffer.from(part, 'base64url').toString()))
      } catch {
        return false
      }
    })
}

test('beyondDouble finds the numbers of difference 16', () => {
  const b64 = (text) => Buffer.from(text).toString('base64url')
  assert.equal(beyondDouble(`${b64('{"alg":"RS256"}')}.${b64('{"exp":1e400}')}.x`), true)
  assert.equal(beyondDouble(`${b64('{"alg":"RS256"}')}.${b64('{"a":{"b":[-1e999]}}')}.x`), true)
  assert.equal(beyondDouble(`${b64('{"alg":"RS256"}')}.${b64('{"exp":1e300}')}.x`), false)
})

test('a valid token with one bit flipped: never accepted, and the reference reason every time', async () => {
  const good = makeToken(claims({ org_id: 'org_1', org_role: 'admin' }), keys.privateKey, H)
  assert.equal((await native.verifyJwt(good, opts)).sub, 'user_123') // the unflipped one passes
  const cases = flips(good)
  const tally = {}
  for (const [name, token] of cases) {
    const [theirs, ours] = await both((pkg) => pkg.verifyJwt(token, opts))
    const why = `${name}\n  ref:    ${short(theirs)}\n  native: ${short(ours)}`
    if (beyondDouble(token)) {
      // difference 16: refused by both, here with JSON's SyntaxError
      assert.equal(theirs.ok, false, why)
      assert.equal(ours.type, 'SyntaxError', why)
      assert.match(ours.message, /number out of range/, why)
      tally['difference 16'] = (tally['difference 16'] || 0) + 1
      continue
    }
    // a flip that only touches the base64 "slack" bits of the text may decode to the same
    // bytes; then the reference accepts too
    assert.deepEqual(ours, theirs, why)
    const k = ours.ok ? 'ok' : `${ours.type} ${ours.reason}`
    tally[k] = (tally[k] || 0) + 1
  }
  assert.ok(cases.length > 1500, `${cases.length}`)
  assert.ok(tally['TokenVerificationError token-invalid-signature'] > 500, JSON.stringify(tally))
  assert.ok((tally.ok || 0) < cases.length / 50, JSON.stringify(tally))
})

// ---------------------------------------------------------------------------------------------
// URLs in the header are never fetched

test('jku, x5u, jwk and x5c headers are never followed (verifyJwt, verifyToken, authenticateRequest)', async (t) => {
  let hits = 0
  const trap = http.createServer((req, res) => {
    hits++
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...attacker.jwk, kid: KID }] }))
  })
  await new Promise((r) => trap.listen(0, '127.0.0.1', r))
  const trapUrl = `http://127.0.0.1:${trap.address().port}`
  const jwks = await startJwksServer()
  jwks.state.keys = [{ ...keys.jwk, kid: KID }]
  t.after(async () => {
    await jwks.close()
    await new Promise((r) => trap.close(r))
  })
  const header = {
    ...H,
    jku: `${trapUrl}/jwks.json`,
    x5u: `${trapUrl}/cert.pem`,
    jwk: { ...attacker.jwk, kid: KID },
    x5c: [attacker.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')],
  }
  const forged = makeToken(claims(), attacker.privateKey, header)
  const genuine = makeToken(claims(), keys.privateKey, header)
  // for an issuer given as a string (its JWKS comes from {issuer}/.well-known/jwks.json)
  const withIss = new Map([
    [forged, makeToken(claims({ iss: jwks.url }), attacker.privateKey, header)],
    [genuine, makeToken(claims({ iss: jwks.url }), keys.privateKey, header)],
  ])
  const secretKey = `sk_test_hostile_${process.pid}`

  for (const [token, wantOk] of [
    [forged, false],
    [genuine, true],
  ]) {
    const results = [
      await outcome(() => native.verifyJwt(token, opts)),
      await outcome(() => native.verifyJwt(token, { key: keys.jwk, issuer: null })),
      await outcome(() => native.verifyToken(token, { jwtKey: keys.pem, issuer: null })),
      await outcome(() => native.verifyToken(token, { secretKey, apiUrl: jwks.url, issuer: null, skipJwksCache: true })),
      await outcome(() => native.verifyToken(withIss.get(token), { issuer: jwks.url, skipJwksCache: true })),
    ]
    for (const r of results) {
      assert.equal(r.ok, wantOk, short(r))
      if (!wantOk) assert.equal(r.reason, 'token-invalid-signature')
    }
    for (const carrier of ['header', 'cookie']) {
      const headers =
        carrier === 'header'
          ? { authorization: `Bearer ${token}`, host: 'localhost:3000' }
          : { cookie: `__session=${token}; __client_uat=1`, host: 'localhost:3000', 'user-agent': 'Mozilla/5.0' }
      const state = await native
        .Clerk({ secretKey, apiUrl: jwks.url, publishableKey: 'pk_test_' + Buffer.from('h.clerk.accounts.dev$').toString('base64') })
        .authenticateRequest({ request: new Request('http://localhost:3000/', { headers }) })
      assert.equal(state.status, wantOk ? 'signed-in' : 'signed-out', `${carrier}: ${state.reason} ${state.message}`)
      if (!wantOk) assert.equal(state.reason, 'token-invalid-signature')
    }
  }
  // the reference does not follow them either
  for (const token of [forged, genuine]) {
    await outcome(() => ref.verifyJwt(token, opts))
    await outcome(() => ref.verifyToken(token, { secretKey, apiUrl: jwks.url, issuer: null, skipJwksCache: true }))
  }
  assert.equal(hits, 0, `the server named in jku/x5u was hit ${hits} times`)
  // every JWKS request went to the configured paths only
  assert.ok(jwks.state.requests > 0)
})

test('kid with path characters, or very long, never shapes the JWKS URL (verifyToken over a real server)', async (t) => {
  const paths = []
  const server = http.createServer((req, res) => {
    paths.push(req.url)
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...keys.jwk, kid: KID }] }))
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  t.after(() => new Promise((r) => server.close(r)))
  const url = `http://127.0.0.1:${server.address().port}`
  for (const kid of ['../../v1/users', '%2e%2e%2fadmin', '?x=1#frag', '\r\nHost: evil', 'k'.repeat(100_000), '']) {
    const token = makeToken(claims(), keys.privateKey, { ...H, kid })
    const o = await outcome(() => native.verifyToken(token, { secretKey: 'sk_test_kidpath', apiUrl: url, issuer: null }))
    assert.equal(o.ok, false, JSON.stringify(kid).slice(0, 40))
    assert.equal(o.reason, 'jwk-remote-missing', short(o))
    assert.ok(o.message.length < 100_000 + 1_000)
    const [theirs] = await both((pkg) =>
      pkg === ref ? pkg.verifyToken(token, { secretKey: 'sk_test_kidpath', apiUrl: url, issuer: null }) : null,
    )
    assert.equal(theirs.reason, 'jwk-remote-missing')
  }
  assert.ok(paths.length > 0)
  for (const p of paths) assert.equal(p, '/v1/jwks')
})

// ---------------------------------------------------------------------------------------------
// size

test('1 MB tokens: verified or rejected like any other, and memory stays flat', async () => {
  const big = makeToken(claims({ pad: 'x'.repeat(1 << 20) }), keys.privateKey, H)
  const bigForged = makeToken(claims({ pad: 'y'.repeat(1 << 20) }), attacker.privateKey, H)
  const garbage = `${'a'.repeat(1 << 20)}.${'b'.repeat(1 << 20)}.${'c'.repeat(1 << 20)}`
  const [theirs, ours] = await both((pkg) => pkg.verifyJwt(big, opts))
  assert.deepEqual(ours, theirs)
  assert.equal(ours.ok, true)
  for (const token of [bigForged, garbage]) {
    const [a, b] = await both((pkg) => pkg.verifyJwt(token, opts))
    assert.deepEqual(b, a)
    assert.equal(b.ok, false)
  }
  const state = await native
    .Clerk({
      secretKey: 'sk_test_big',
      jwtKey: keys.pem,
      publishableKey: 'pk_test_' + Buffer.from('h.clerk.accounts.dev$').toString('base64'),
    })
    .authenticateRequest({ request: new Request('http://localhost:3000/', { headers: { authorization: `Bearer ${big}` } }) })
  assert.equal(state.status, 'signed-in')

  // the same valid 1 MB token, and distinct forged and garbage ones, many times over
  // (resident memory swings by tens of MB as the allocator keeps and returns freed blocks, more
  // so on Node 16: a leak shows as a trend over rounds, so the later rounds are compared with
  // the first)
  const samples = []
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < 20; i++) {
      assert.equal((await native.verifyJwt(big, opts)).sub, 'user_123')
      await assert.rejects(native.verifyJwt(bigForged.slice(0, -4) + (i % 10) + 'AAA', opts))
      await assert.rejects(native.verifyJwt(`${garbage}${round}-${i}`, opts))
      await assert.rejects(native.verifyToken(`${bigForged}${round}-${i}`, { jwtKey: keys.pem, issuer: null }))
      // one event-loop turn per iteration, as a server gives each request: Node 18 keeps every
      // promise rejected in one unbroken chain of microtasks (with its error, here a SyntaxError
      // that holds the 1 MB header it failed to parse) until the loop turns
      await new Promise((resolve) => setImmediate(resolve))
    }
    samples.push(rssMb())
  }
  const growth = Math.min(samples[2], samples[3]) - samples[0]
  assert.ok(growth < 64, `RSS grew ${growth.toFixed(1)} MB over 240 1-3 MB tokens (${samples.map((x) => x.toFixed(0)).join(', ')} MB)`)
})

test(
  'distinct valid 1 MB tokens do not pile up in the verified-token cache',
  // seen.rs keeps no token over 16 KB and at most 8 MB of token text in all
  async () => {
    await native.verifyJwt(makeToken(claims({ pad: 'z'.repeat(1 << 20) }), keys.privateKey, H), opts)
    const start = rssMb()
    for (let i = 0; i < 40; i++) await native.verifyJwt(makeToken(claims({ pad: 'z'.repeat(1 << 20), i }), keys.privateKey, H), opts)
    const growth = rssMb() - start
    // kept, 40 such tokens would hold about 140 MB (the text, its decoded payload and the
    // payload's JSON); not kept, RSS still moves by 30-55 MB on Node 24 with jemalloc, as the
    // garbage of 40 calls (each about 6 MB in all) waits for V8's collector and jemalloc's decay
    assert.ok(growth < 90, `RSS grew ${growth.toFixed(1)} MB over 40 distinct valid 1 MB tokens`)
  },
)
