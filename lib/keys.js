'use strict'
// How a key crosses into the core: a PEM string as is, a JWK as its JSON text (the core
// caches parsed keys by that text), anything else by its typeof for the error message.

function keyArgs(key) {
  if (typeof key === 'string') return ['pem', key]
  if (typeof key === 'object') return ['jwk', JSON.stringify(key)]
  return [typeof key, undefined]
}

module.exports = { keyArgs }
