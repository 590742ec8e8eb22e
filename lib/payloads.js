'use strict'
// Payloads by token text. A payload is a pure function of the token's text, so a token seen
// again needs no JSON.parse: the core is told the payload is known (it still checks every claim
// and the signature) and the caller gets a deep copy of the remembered parse, never the
// remembered object itself. A token seen once is remembered by its payload's JSON text only
// (most tokens in a stream of new ones are never seen again, and a copy costs about as much as
// the parse); the second sight parses it and keeps the parse. Bounded; the oldest entries go
// first.

const SIZE = 1024
// longer tokens are not remembered, and all remembered token text stays within BUDGET
const MAX_TOKEN_LENGTH = 16 * 1024
const BUDGET = 4 * 1024 * 1024
// Two generations, each up to half of SIZE and BUDGET: new entries go to the young one, and
// when it is full it becomes the old one (the old one is dropped whole). A hit in the old one
// moves up. Cheaper than evicting one entry per insert, which a stream of new tokens pays.
let young = new Map()
let old = new Map()
let youngChars = 0
let oldChars = 0

function put(text, t) {
  if (young.size >= SIZE / 2 || youngChars + text.length > BUDGET / 2) {
    old = young
    oldChars = youngChars
    young = new Map()
    youngChars = 0
  }
  young.set(text, t)
  youngChars += text.length
}

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

function copyOf(t) {
  const out = { ...t.value }
  for (let i = 0; i < t.nested.length; i++) out[t.nested[i]] = copyJson(t.value[t.nested[i]])
  return out
}

// What is remembered of the token's payload (pass it to `copy`), or undefined.
function known(text) {
  const t = young.get(text)
  if (t !== undefined || old.size === 0) return t
  const o = old.get(text)
  if (o !== undefined) {
    old.delete(text)
    oldChars -= text.length
    put(text, o)
  }
  return o
}

// A fresh copy of the payload remembered for the token's text (`entry`, from `known`).
function copy(text, entry) {
  if (typeof entry !== 'string') return copyOf(entry)
  // seen a second time: parse it, and keep the parse
  const t = template(JSON.parse(entry))
  if (young.get(text) === entry) young.set(text, t)
  return copyOf(t)
}

// Parses the payload's JSON text and remembers the text under the token's text.
function parseAndRemember(text, json) {
  const parsed = JSON.parse(json)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return parsed
  if (text.length > MAX_TOKEN_LENGTH || known(text) !== undefined) return parsed
  put(text, json)
  return parsed
}

// How many payloads and how much token text are remembered (for tests).
const usage = () => ({ entries: young.size + old.size, chars: youngChars + oldChars })

module.exports = { known, copy, parseAndRemember, usage, SIZE, MAX_TOKEN_LENGTH, BUDGET }
