'use strict'
// Loaded with --require when the suite runs on Node 16 (scripts/node-matrix.js): what the
// tests take from newer Node versions. The package itself needs none of this.
// - fetch, Request, Headers, Response, FormData from node-fetch-native, Blob from node:buffer;
// - node:test: module-level before/after that run around all tests, and t.after().

const Module = require('node:module')
const { Blob } = require('node:buffer')
const polyfill = require('node-fetch-native')

for (const name of ['fetch', 'Request', 'Headers', 'Response', 'FormData', 'AbortController']) {
  if (typeof globalThis[name] !== 'function' && polyfill[name]) globalThis[name] = polyfill[name]
}
if (typeof globalThis.Blob !== 'function') globalThis.Blob = Blob
if (typeof globalThis.structuredClone !== 'function') {
  const v8 = require('node:v8')
  globalThis.structuredClone = (value) => v8.deserialize(v8.serialize(value))
}

const realTest = require('node:test')
const befores = []
const afters = []
let ready = null
let cleanupRegistered = false

const runAll = async (fns) => {
  for (const fn of fns) await fn()
}

// t.after() and subtests that have it too
function augment(t) {
  const own = []
  t.after = (fn) => own.push(fn)
  // t.mock.method(object, name, implementation), restored after the test
  t.mock = t.mock || {
    method(object, name, implementation) {
      const original = object[name]
      object[name] = implementation || (() => {})
      own.push(() => {
        object[name] = original
      })
    },
  }
  const subtest = t.test.bind(t)
  t.test = (name, options, fn) => {
    if (typeof options === 'function') [options, fn] = [{}, options]
    return subtest(name, options, wrap(fn))
  }
  return own
}

function wrap(fn) {
  if (typeof fn !== 'function') return fn
  return async (t, ...rest) => {
    const own = augment(t)
    try {
      return await fn(t, ...rest)
    } finally {
      for (const after of own.reverse()) await after()
    }
  }
}

function test(name, options, fn) {
  if (typeof options === 'function') [options, fn] = [{}, options]
  const body = wrap(fn)
  return realTest(name, options, async (t) => {
    ready = ready || runAll(befores)
    await ready
    return body(t)
  })
}
Object.assign(test, realTest)
test.test = test
test.before = (fn) => befores.push(fn)
test.after = (fn) => {
  afters.push(fn)
  if (!cleanupRegistered) {
    cleanupRegistered = true
    // registered after every test of the file (they are all registered while it loads)
    setImmediate(() => realTest('after all', () => runAll(afters)))
  }
}

const load = Module._load
Module._load = function (request, ...args) {
  if (request === 'node:test' || request === 'test') return test
  return load.call(this, request, ...args)
}
