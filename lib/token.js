'use strict'
// verifyToken: one synchronous call answers from the JWKS cache; when the cache cannot, one
// awaited fetch in Rust (shared by all concurrent callers) brings the key. While checks pile up,
// the RSA check is deferred to the verifier threads (lib/verifier.js), as for verifyJwt.

const binding = require('./native')
const { deprecated } = require('./deprecated')
const { toError, isFailure } = require('./errors')
const { issuerArg, claimArgs, withOrgsWarning } = require('./jwt')
const { assertVerifyOptions, assertTokenOptions } = require('./options')
const { shouldDefer, onThread, finishStep } = require('./verifier')

async function verifyToken(token, options) {
  const { apiKey, secretKey, apiUrl, apiVersion } = options
  const { issuer, jwksCacheTtlInMs, jwtKey, skipJwksCache, jwksTimeoutInMs } = options
  if (apiKey) deprecated('apiKey', 'Use `secretKey` instead.')
  assertVerifyOptions('verifyToken', options)
  assertTokenOptions('verifyToken', options)
  const text = (token || '').toString()
  const keys = {
    jwtKey: jwtKey || undefined,
    issuerUrl: typeof issuer === 'string' ? issuer : undefined,
    secretKey: secretKey || undefined,
    apiKey: apiKey || undefined,
    apiUrl,
    apiVersion,
    jwksCacheTtlInMs,
    skipJwksCache: !!skipJwksCache,
    jwksTimeoutInMs,
  }
  const claims = claimArgs(issuerArg(issuer), options)
  // a JS issuer predicate can only run on this thread, so its checks are never deferred
  const defer = typeof issuer !== 'function' && shouldDefer()
  const now = Date.now()
  let result = onThread(() => binding.verifyToken(text, keys, claims, now, defer))
  if (result !== null && typeof result === 'object' && result.next === 'check-signature') {
    result = await finishStep(result)
  } else if (result !== null && typeof result === 'object' && result.next === 'fetch-key') {
    // the claims are checked after the fetch, with the clock read then, as the reference does
    const jwk = await binding.fetchJwk(keys, result.kid, result.generation, Date.now())
    if (isFailure(jwk)) throw toError(jwk)
    result = binding.verifyJwt(text, 'jwk', jwk, claims, Date.now(), false)
  }
  if (typeof result === 'string') return withOrgsWarning(JSON.parse(result))
  throw toError(result)
}

module.exports = { verifyToken }
