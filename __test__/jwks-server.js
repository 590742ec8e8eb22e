'use strict'
// A JWKS server on 127.0.0.1 for the tests: serves /.well-known/jwks.json (Frontend API) and
// /v1/jwks (Backend API), counts requests, and can be told to fail, stall or go down.

const http = require('node:http')

async function startJwksServer() {
  const state = {
    keys: [],
    mode: 'ok', // ok | status | stall | garbage | empty
    status: 500,
    body: null,
    requests: 0,
    authorizations: [],
    delayMs: 0,
  }
  const sockets = new Set()
  const server = http.createServer((req, res) => {
    state.requests++
    state.authorizations.push(req.headers.authorization)
    if (!/\/(\.well-known\/jwks\.json|v1\/jwks)$/.test(req.url.split('?')[0])) {
      res.writeHead(404).end('{}')
      return
    }
    const answer = () => {
      switch (state.mode) {
        case 'stall':
          return // never answer
        case 'status':
          res.writeHead(state.status, { 'content-type': 'application/json' }).end(JSON.stringify(state.body || {}))
          return
        case 'garbage':
          res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json')
          return
        case 'empty':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}')
          return
        default:
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys }))
      }
    }
    if (state.delayMs) setTimeout(answer, state.delayMs)
    else answer()
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}`
  return {
    state,
    url,
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

module.exports = { startJwksServer }
