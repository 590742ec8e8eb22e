'use strict'
// Parsed payloads by token text. A payload is a pure function of the token's text, so a token
// seen again needs no JSON.parse: the core is told the payload is known (it still checks every
// claim and the signature) and the caller gets a deep copy of the remembered parse, never the
// remembered object itself. Bounded; the oldest entry goes first.

const SIZE = 1024
const remembered = new Map()

// A parse of JSON text, with what a copy needs: the keys whose values are objects or arrays.
function template(value) {
  const nested = []
  for (const k of Object.keys(value)) {
    const v = value[k]
    if (v !== null && typeof v === 'object') nested.push(k)
  }
  return { value, nested }
}

function copyJson(v) {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map(copyJson)
  // a spread defines own data properties, `__proto__` included, in the source's key order
  const out = { ...v }
  for (const k of Object.keys(v)) {
    const x = v[k]
    if (x !== null && typeof x === 'object') out[k] = copyJson(x)
  }
  return out
}

function copy(t) {
  const out = { ...t.value }
  for (let i = 0; i < t.nested.length; i++) out[t.nested[i]] = copyJson(t.value[t.nested[i]])
  return out
}

// The remembered parse of the token's payload, or undefined.
const known = (text) => remembered.get(text)

// Parses the payload's JSON text, remembers it under the token's text, returns a copy.
function parseAndRemember(text, json) {
  const parsed = JSON.parse(json)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return parsed
  if (remembered.size >= SIZE) remembered.delete(remembered.keys().next().value)
  const t = template(parsed)
  remembered.set(text, t)
  return copy(t)
}

module.exports = { known, copy, parseAndRemember, SIZE }
