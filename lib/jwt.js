'use strict'
// decodeJwt, verifyJwt, hasValidSignature, signJwt: JS shapes around the Rust core.

const binding = require('./native')
const { deprecated, deprecatedObjectProperty } = require('./deprecated')
const { toError, isFailure } = require('./errors')
const { keyArgs, keyHandle } = require('./keys')
const payloads = require('./payloads')
const { assertVerifyOptions } = require('./options')
const { shouldDefer, onThread, deferJwt } = require('./verifier')

const ORGS_WARNING = 'Add orgs to your session token using the "user.organizations" shortcode in JWT Templates instead.'

const withOrgsWarning = deprecatedObjectProperty.for('orgs', ORGS_WARNING, 'decodeJwt:orgs')

function decodeJwt(token) {
  const text = (token || '').toString()
  const result = binding.decodeJwt(text)
  if (isFailure(result)) throw toError(result)
  const [rawHeader, rawPayload, rawSignature] = text.split('.')
  const header = JSON.parse(result.header)
  const payload = withOrgsWarning(JSON.parse(result.payload))
  return {
    header,
    payload,
    signature: result.signature,
    raw: { header: rawHeader, payload: rawPayload, signature: rawSignature, text: token },
  }
}

// The issuer option as the core takes it: a string, a predicate of the claim's JSON text, or
// nothing (any other value skips the check, as in the reference).
function issuerArg(issuer) {
  if (typeof issuer === 'string') return issuer
  if (typeof issuer === 'function') {
    return (issJson) => !!issuer(issJson == null ? undefined : JSON.parse(issJson))
  }
  return undefined
}

// The claim options as the binding takes them: one array in a fixed order, as long as its last
// option given (null when none is given: the usual case, which then costs nothing to read).
/** @returns {Parameters<typeof import('../binding').verifyJwt>[3]} */
function claimArgs(iss, { audience, authorizedParties, clockSkewInMs, clockSkewInSeconds }) {
  if (clockSkewInSeconds != null) return [iss, audience, authorizedParties, clockSkewInMs, clockSkewInSeconds]
  if (clockSkewInMs != null) return [iss, audience, authorizedParties, clockSkewInMs]
  if (authorizedParties != null) return [iss, audience, authorizedParties]
  if (audience != null) return [iss, audience]
  return iss == null ? null : [iss]
}

async function verifyJwt(token, options) {
  const { clockSkewInSeconds, issuer, key } = options
  assertVerifyOptions('verifyJwt', options)
  if (clockSkewInSeconds) deprecated('clockSkewInSeconds', 'Use `clockSkewInMs` instead.')
  let keyKind = keyHandle(key)
  let keyText
  if (keyKind === null) [keyKind, keyText] = keyArgs(key)
  const text = (token || '').toString()
  const now = Date.now()
  const known = payloads.known(text)
  const payloadKnown = known !== undefined
  const claims = claimArgs(issuerArg(issuer), options)
  // A token seen before is most likely verified already and needs no RSA check: ask the core
  // first, with the RSA check deferred (`false` then says one is needed).
  let result = payloadKnown ? binding.verifyJwt(text, keyKind, keyText, claims, now, true, true) : false
  if (result === false) {
    // a JS issuer predicate can only run on this thread
    const defer = typeof issuer !== 'function' && shouldDefer()
    // a new token goes straight to where its RSA check will run
    if (!defer || payloadKnown) {
      result = onThread(() => binding.verifyJwt(text, keyKind, keyText, claims, now, defer, payloadKnown))
    }
    if (result === false) {
      result = await deferJwt(text, keyKind, keyText, claims, now)
    }
  }
  // true: verified, and the payload is the one remembered for this text
  if (result === true || (payloadKnown && typeof result === 'string')) return withOrgsWarning(payloads.copy(text, known))
  if (typeof result === 'string') return withOrgsWarning(payloads.parseAndRemember(text, result))
  throw toError(result)
}

async function hasValidSignature(jwt, key) {
  const { header, signature, raw } = jwt
  const [keyKind, keyText] = keyArgs(key)
  const result = binding.hasValidSignature([raw.header, raw.payload].join('.'), signature, String(header.alg), keyKind, keyText)
  if (typeof result === 'boolean') return result
  throw toError(result)
}

async function signJwt(payload, key, options) {
  const algorithm = options.algorithm ? String(options.algorithm) : undefined
  const [keyKind, keyText] = keyArgs(key)
  const problem = binding.checkSigningKey(algorithm, keyKind, keyText)
  if (problem) throw toError(problem)
  const header = options.header || { typ: 'JWT' }
  header.alg = options.algorithm
  payload.iat = Math.floor(Date.now() / 1e3)
  const result = binding.signJwt(JSON.stringify(header), JSON.stringify(payload), algorithm, keyKind, keyText)
  if (typeof result === 'string') return result
  throw toError(result)
}

module.exports = { decodeJwt, verifyJwt, hasValidSignature, signJwt, issuerArg, claimArgs, withOrgsWarning }
