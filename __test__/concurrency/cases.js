'use strict'
// The mixed requests of the concurrency tests: verifyJwt, verifyToken and authenticateRequest
// (header and cookie) over valid, expired, not-yet-valid, wrongly signed, garbage and missing
// tokens, several users and two served kids. Times are fixed (`base`), so that every message
// (which prints dates) is the same in every run.

const crypto = require('node:crypto')

const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')

function sign(payload, privatePem, kid) {
  const input = `${b64url({ alg: 'RS256', typ: 'JWT', kid })}.${b64url(payload)}`
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privatePem).toString('base64url')}`
}

// keys: { one, two, other } each { kid, privatePem, pem, jwk }; base: the frozen Date.now().
function makeCases(keys, base) {
  const now = Math.floor(base / 1000)
  const claims = (user, extra = {}) => ({
    azp: 'https://app.example.com',
    exp: now + 3600,
    iat: now - 10,
    iss: 'https://clerk.example.com',
    nbf: now - 10,
    sid: `sess_${user}`,
    sub: user,
    ...extra,
  })
  const tokens = []
  for (let u = 0; u < 9; u++) {
    const user = `user_${u}`
    tokens.push(
      ['valid', sign(claims(user), keys.one.privatePem, keys.one.kid)],
      ['valid-second-kid', sign(claims(user), keys.two.privatePem, keys.two.kid)],
      ['expired', sign(claims(user, { exp: now - 3600, iat: now - 7200, nbf: now - 7200 }), keys.one.privatePem, keys.one.kid)],
      ['not-yet-valid', sign(claims(user, { nbf: now + 3600 }), keys.one.privatePem, keys.one.kid)],
      ['wrongly-signed', sign(claims(user), keys.other.privatePem, keys.one.kid)],
    )
    if (u < 2) {
      tokens.push(
        ['unknown-kid', sign(claims(user), keys.other.privatePem, 'ins_unknown_kid')],
        ['wrong-issuer', sign(claims(user, { iss: 'https://evil.example.com' }), keys.one.privatePem, keys.one.kid)],
        ['garbage', 'not.a.jwt'],
        ['malformed', 'abc'],
        ['missing', undefined],
      )
    }
  }
  const cases = []
  for (const [kind, token] of tokens) {
    cases.push({ api: 'verifyJwt', kind, token, key: kind.includes('second') ? 'two-pem' : cases.length % 2 ? 'one-jwk' : 'one-pem' })
    cases.push({ api: 'verifyToken', kind, token, source: cases.length % 3 === 0 && !kind.includes('second') ? 'jwtKey' : 'remote' })
    cases.push({ api: 'authenticateRequest', kind, token, carrier: 'header' })
    cases.push({
      api: 'authenticateRequest',
      kind,
      token,
      carrier: 'cookie',
      clientUat: kind === 'valid' && cases.length % 5 === 0 ? now + 5 : now - 100,
    })
  }
  return cases
}

module.exports = { makeCases }
