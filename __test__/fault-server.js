'use strict'
// A fault-injecting HTTP server on 127.0.0.1 for the network tests. It answers every path
// (the Backend API under /v1/..., a JWKS at /v1/jwks and /.well-known/jwks.json) in the mode
// it is set to, and records each request (method, path, authorization).
//
// Modes:
//   ok                200, JSON: `{ keys }` on JWKS paths, else `state.body` (a user object)
//   reset             reads the request, then destroys the socket without a byte of answer
//   close-mid-response  headers and half of a promised body, then the socket is destroyed
//   stall             accepts, reads the request, never answers
//   status            `state.status` (default 500) with a Clerk error body
//   429, 503          that status with `Retry-After: state.retryAfter` (if not null)
//   invalid-json      200 `application/json` whose body is not JSON
//   huge              200 `application/json`, a 100 MB body streamed in 64 KiB chunks (one
//                     buffer reused, never allocated whole; stops when the client goes away),
//                     announced with Content-Length
//   huge-chunked      the same without Content-Length (chunked), so only reading tells
//   drip              200 headers, then one byte of body every 50 ms
//
// `state.plan` is a list of modes used by the next requests, one each, before `state.mode`.
// `down()` stops listening (and drops open connections: connections are then refused);
// `up()` listens again on the same port.

const http = require('node:http')

const HUGE_BYTES = 100 * 1024 * 1024
const CHUNK = Buffer.alloc(64 * 1024, 0x20) // spaces: valid JSON padding, never ending
const USER = {
  object: 'user',
  id: 'user_1',
  first_name: 'Ada',
  email_addresses: [],
  phone_numbers: [],
  web3_wallets: [],
  external_accounts: [],
}

function isJwksPath(path) {
  return /\/(\.well-known\/jwks\.json|jwks)$/.test(path)
}

async function startFaultServer(initial = {}) {
  const state = {
    mode: 'ok',
    plan: [],
    status: 500,
    retryAfter: '0',
    keys: [],
    body: USER,
    requests: [],
    hugeBytesSent: 0,
    ...initial,
  }
  const sockets = new Set()
  const timers = new Set()

  const json = (res, status, value, extra = {}) => {
    const text = JSON.stringify(value)
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extra })
    res.end(text)
  }

  const server = http.createServer((req, res) => {
    const path = req.url.split('?')[0]
    state.requests.push({ method: req.method, path, authorization: req.headers.authorization })
    const mode = state.plan.length ? state.plan.shift() : state.mode
    // read (and drop) the request body before answering, so a reset is not a write error
    req.resume()
    req.on('end', () => answer(mode, req, res, path))
  })

  function answer(mode, req, res, path) {
    switch (mode) {
      case 'reset':
        req.socket.destroy()
        return
      case 'close-mid-response': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
        res.write('{"object":"user","id":"us')
        const timer = setTimeout(() => req.socket.destroy(), 20)
        timers.add(timer)
        return
      }
      case 'stall':
        return
      case 'status':
        json(res, state.status, {
          errors: [{ code: 'internal_clerk_error', message: 'Oops', long_message: 'Something went wrong' }],
          clerk_trace_id: 'trace_fault',
        })
        return
      case '429':
      case '503': {
        const extra = state.retryAfter == null ? {} : { 'retry-after': String(state.retryAfter) }
        const code = mode === '429' ? 'too_many_requests' : 'service_unavailable'
        json(res, Number(mode), { errors: [{ code, message: 'Try again later' }] }, extra)
        return
      }
      case 'invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"object":"user","id":')
        return
      case 'huge':
      case 'huge-chunked': {
        const length = mode === 'huge' ? { 'content-length': String(HUGE_BYTES) } : {}
        res.writeHead(200, { 'content-type': 'application/json', ...length })
        let sent = 0
        let gone = false
        res.on('close', () => (gone = true))
        const pump = () => {
          while (!gone && sent < HUGE_BYTES) {
            const n = Math.min(CHUNK.length, HUGE_BYTES - sent)
            sent += n
            state.hugeBytesSent += n
            if (!res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
              res.once('drain', pump)
              return
            }
          }
          if (!gone) res.end()
        }
        pump()
        return
      }
      case 'drip': {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"object":"user","id":"user_1","first_name":"')
        const timer = setInterval(() => res.write('a'), 50)
        timers.add(timer)
        res.on('close', () => clearInterval(timer))
        return
      }
      default:
        if (isJwksPath(path)) json(res, 200, { keys: state.keys })
        else json(res, 200, state.body)
    }
  }

  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = server.address().port
  const dropConnections = () => {
    for (const t of timers) {
      clearTimeout(t)
      clearInterval(t)
    }
    for (const s of sockets) s.destroy()
  }
  return {
    state,
    port,
    url: `http://127.0.0.1:${port}`,
    // the same plain-HTTP server, named with https://
    httpsUrl: `https://127.0.0.1:${port}`,
    get count() {
      return state.requests.length
    },
    // the requests since `from` (an earlier count), as "METHOD /path"
    since(from) {
      return state.requests.slice(from).map((r) => `${r.method} ${r.path}`)
    },
    set(mode, extra = {}) {
      state.mode = mode
      state.plan = []
      Object.assign(state, extra)
    },
    async down() {
      dropConnections()
      await new Promise((resolve) => server.close(resolve))
    },
    async up() {
      await new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject)
          resolve()
        })
      })
    },
    async close() {
      dropConnections()
      if (server.listening) await new Promise((resolve) => server.close(resolve))
    },
  }
}

module.exports = { startFaultServer, HUGE_BYTES }
