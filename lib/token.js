'use strict'
// verifyToken: one synchronous call answers from the JWKS cache; when the cache cannot, one
// awaited fetch in Rust (shared by all concurrent callers) brings the key.

const binding = require('./native')
const { deprecated } = require('./deprecated')
const { toError, isFailure } = require('./errors')
const { issuerArg, withOrgsWarning } = require('./jwt')
const { assertVerifyOptions, assertTokenOptions } = require('./options')

async function verifyToken(token, options) {
  const { apiKey, secretKey, apiUrl, apiVersion, audience, authorizedParties, clockSkewInSeconds, clockSkewInMs } = options
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
  const iss = issuerArg(issuer)
  let result = binding.verifyToken(text, keys, iss, audience, authorizedParties, clockSkewInMs, clockSkewInSeconds, Date.now())
  if (result !== null && typeof result === 'object' && typeof result.generation === 'number') {
    const jwk = await binding.fetchJwk(keys, result.kid, result.generation, Date.now())
    if (isFailure(jwk)) throw toError(jwk)
    result = binding.verifyJwt(text, 'jwk', jwk, iss, audience, authorizedParties, clockSkewInMs, clockSkewInSeconds, Date.now(), false)
  }
  if (typeof result === 'string') return withOrgsWarning(JSON.parse(result))
  throw toError(result)
}

module.exports = { verifyToken }
