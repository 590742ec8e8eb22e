'use strict'
const binding = require('./native')
// How a key crosses into the core: a PEM string as is, a JWK as its JSON text (the core
// caches parsed keys by that text), anything else by its typeof for the error message.

function keyArgs(key) {
  if (typeof key === 'string') return ['pem', key]
  if (typeof key === 'object') return ['jwk', JSON.stringify(key)]
  return [typeof key, undefined]
}

// The same for the verify functions, with a key text swapped for a handle the core made from it
// once (so the text does not cross again and its parsed forms are found without hashing it).
const HANDLES = 256
const handles = new Map()

function handleFor(id, kind, text) {
  let handle = handles.get(id)
  if (handle === undefined) {
    if (handles.size >= HANDLES) handles.delete(handles.keys().next().value)
    handle = binding.keyHandle(kind, text)
    handles.set(id, handle)
  }
  return handle
}

// A JWK object seen before: its handle, while its own fields hold the same values (a field
// changed in place, or any field that is itself an object, takes the JSON text path again).
const objects = new WeakMap()

function sameFields(key, seen) {
  const names = Object.keys(key)
  if (names.length !== seen.names.length) return false
  for (let i = 0; i < names.length; i++) {
    const v = key[names[i]]
    if (names[i] !== seen.names[i] || v !== seen.values[i] || (typeof v === 'object' && v !== null)) return false
  }
  return true
}

// The handle for a PEM string or a JWK object, or null for anything else (then `keyArgs`).
function keyHandle(key) {
  if (typeof key === 'string') return handleFor(key, 'pem', key)
  if (typeof key === 'object' && key !== null) {
    const seen = objects.get(key)
    if (seen !== undefined && sameFields(key, seen)) return seen.handle
    const text = JSON.stringify(key)
    const handle = handleFor(`jwk\u0000${text}`, 'jwk', text)
    const names = Object.keys(key)
    objects.set(key, { handle, names, values: names.map((n) => key[n]) })
    return handle
  }
  return null
}

module.exports = { keyArgs, keyHandle }
