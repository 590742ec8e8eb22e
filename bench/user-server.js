'use strict'
// A stand-in Backend API for bench/rest.mjs, run as its own process: answers GET
// /v1/users/:id with a real user body (the fixture from ../shared) on 127.0.0.1.

const http = require('node:http')
const fs = require('node:fs')
const path = require('node:path')

const fixture = path.join(__dirname, '..', '..', 'shared', 'reference', 'fixtures', 'user.json')
const body = fs.existsSync(fixture)
  ? fs.readFileSync(fixture, 'utf8')
  : JSON.stringify({ object: 'user', id: 'user_1', email_addresses: [], phone_numbers: [], web3_wallets: [], external_accounts: [] })

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  res.end(body)
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
process.on('disconnect', () => process.exit(0))
