'use strict'
// A local stand-in for the parts of Clerk's Backend API that authenticateRequest uses, on
// 127.0.0.1: GET /v1/jwks (the public key of an RSA key pair made at start), GET /v1/users/:id
// and GET /v1/sessions/:id (for loadUser / loadSession). Every request must carry the secret
// key as a bearer token, as Clerk requires. It also signs session tokens with its private key,
// as Clerk's Frontend API would for a signed-in browser.

const crypto = require('node:crypto')
const http = require('node:http')
const { promisify } = require('node:util')

const KID = 'ins_demo'
const ISSUER = 'https://clerk.demo.example' // authenticateRequest accepts https://clerk.* issuers

async function startClerkStandIn({ secretKey, users = {}, sessions = {} }) {
  // made off the main thread, which the server goes on using meanwhile
  const { publicKey, privateKey } = await promisify(crypto.generateKeyPair)('rsa', { modulusLength: 2048 })
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }
  const requests = []

  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://stand-in').pathname
    requests.push(`${req.method} ${path}`)
    const json = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    const notFound = () => json(404, { errors: [{ code: 'resource_not_found', message: 'not found', long_message: `${path} not found` }] })
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      return json(401, {
        errors: [{ code: 'authentication_invalid', message: 'Unauthorized request', long_message: 'The secret key is not valid' }],
      })
    }
    let match
    if (req.method !== 'GET') return notFound()
    if (path === '/v1/jwks') return json(200, { keys: [jwk] })
    if ((match = path.match(/^\/v1\/users\/([^/]+)$/))) return users[match[1]] ? json(200, users[match[1]]) : notFound()
    if ((match = path.match(/^\/v1\/sessions\/([^/]+)$/))) return sessions[match[1]] ? json(200, sessions[match[1]]) : notFound()
    return notFound()
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))

  // A session token as Clerk issues them (RS256, kid in the header), signed here.
  function signSessionToken(claims) {
    const part = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64url')
    const input = `${part({ alg: 'RS256', typ: 'JWT', kid: KID })}.${part({ iss: ISSUER, ...claims })}`
    return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
  }

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    signSessionToken,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

module.exports = { startClerkStandIn, ISSUER }
