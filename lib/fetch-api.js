'use strict'
// Request and Headers: the global ones (Node 18+), else node-fetch-native's (Node 16), as the
// reference gets them.

const api =
  typeof globalThis.Request === 'function' && typeof globalThis.Headers === 'function'
    ? { Request: globalThis.Request, Headers: globalThis.Headers }
    : require('node-fetch-native')

module.exports = { Request: api.Request, Headers: api.Headers }
