'use strict'
// createIsomorphicRequest and buildRequestUrl: WHATWG Request objects whose URL follows the
// forwarded host and protocol headers. Node 16 has no global Request/Headers; lib/fetch-api.js
// supplies them there.

const binding = require('./native')
const { Request, Headers } = require('./fetch-api')

const buildRequestUrl = (request, path) => {
  const initialUrl = new URL(request.url)
  const header = (name) => request.headers.get(name)
  const base = binding.buildOrigin(
    initialUrl.protocol,
    header('x-forwarded-proto') ?? undefined,
    header('x-forwarded-host') ?? undefined,
    header('host') || initialUrl.host,
  )
  return new URL(path || initialUrl.pathname, base)
}

const createIsomorphicRequest = (cb) => {
  const req = cb(Request, Headers)
  return new Request(buildRequestUrl(req), req)
}

module.exports = { buildRequestUrl, createIsomorphicRequest }
