'use strict'
// Type checks of options that must cross into Rust, with clear TypeErrors: the reference
// does not check them and misbehaves quietly (a string `authorizedParties` matched substrings).

const isStringList = (v) => Array.isArray(v) && v.every((x) => x == null || typeof x === 'string')
const isNumber = (v) => v == null || typeof v === 'number'

function assertVerifyOptions(fn, { audience, authorizedParties, clockSkewInMs, clockSkewInSeconds }) {
  if (audience != null && typeof audience !== 'string' && !isStringList(audience)) {
    throw new TypeError(`${fn}: the audience option must be a string or an array of strings`)
  }
  if (authorizedParties != null && !(isStringList(authorizedParties) && authorizedParties.every((p) => p != null))) {
    throw new TypeError(`${fn}: the authorizedParties option must be an array of strings`)
  }
  if (!isNumber(clockSkewInMs) || !isNumber(clockSkewInSeconds)) {
    throw new TypeError(`${fn}: the clockSkewInMs option must be a number of milliseconds`)
  }
}

const isText = (v) => v == null || v === '' || v === false || typeof v === 'string'

function assertTokenOptions(fn, { jwtKey, secretKey, apiKey, apiUrl, apiVersion, jwksCacheTtlInMs, jwksTimeoutInMs }) {
  for (const [name, value] of Object.entries({ jwtKey, secretKey, apiKey, apiUrl, apiVersion })) {
    if (!isText(value)) throw new TypeError(`${fn}: the ${name} option must be a string`)
  }
  if (!isNumber(jwksCacheTtlInMs) || !isNumber(jwksTimeoutInMs)) {
    throw new TypeError(`${fn}: jwksCacheTtlInMs and jwksTimeoutInMs must be numbers of milliseconds`)
  }
}

// An option that crosses into Rust as text: a string as it is, a non-string as JS would print
// it, and `null`, `undefined` or `false` as absent.
const optionText = (v) => (typeof v === 'string' ? v : v == null || v === false ? undefined : String(v))

module.exports = { assertVerifyOptions, assertTokenOptions, optionText }
