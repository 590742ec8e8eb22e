'use strict'
// `npm run demo`: an Express app protected by this package's authenticateRequest, with a local
// stand-in for Clerk (JWKS, users, sessions; an RSA key made at start), all on 127.0.0.1. It sends
// five requests - signed in (Authorization header), a signed-in browser (cookies), an expired
// token, a garbage token, no token - and prints the request state and the toAuth() summary of
// each. No Clerk account, key or network needed. Exits 1 if a state is not the expected one.

const crypto = require('node:crypto')
const http = require('node:http')
const { createApp } = require('./app')
const { startClerkStandIn } = require('./clerk-stand-in')

const USER_ID = 'user_2demoAdaLovelace'
const SESSION_ID = 'sess_2demoSession'
const now = Math.floor(Date.now() / 1000)
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'

const user = {
  object: 'user',
  id: USER_ID,
  first_name: 'Ada',
  last_name: 'Lovelace',
  username: null,
  primary_email_address_id: 'idn_2demoEmail',
  primary_phone_number_id: null,
  primary_web3_wallet_id: null,
  email_addresses: [{ object: 'email_address', id: 'idn_2demoEmail', email_address: 'ada@example.com', verification: null, linked_to: [] }],
  phone_numbers: [],
  web3_wallets: [],
  external_accounts: [],
  public_metadata: {},
  private_metadata: {},
  unsafe_metadata: {},
  created_at: (now - 86400) * 1000,
  updated_at: (now - 3600) * 1000,
}
const session = {
  object: 'session',
  id: SESSION_ID,
  client_id: 'client_2demo',
  user_id: USER_ID,
  status: 'active',
  last_active_at: now * 1000,
  expire_at: (now + 7 * 86400) * 1000,
  abandon_at: (now + 30 * 86400) * 1000,
  created_at: (now - 600) * 1000,
  updated_at: now * 1000,
}

function get(port, path, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => {
        const header = (name) => (res.headers[name] ? decodeURIComponent(res.headers[name]) : null)
        let json = null
        try {
          json = JSON.parse(body)
        } catch {}
        resolve({
          status: res.statusCode,
          state: header('x-clerk-auth-status'),
          reason: header('x-clerk-auth-reason'),
          message: header('x-clerk-auth-message'),
          json,
        })
      })
    })
    req.on('error', reject)
  })
}

const listen = (app) =>
  new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server))
  })

function describeAuth(me) {
  if (me.status !== 200) return `null (the middleware answered ${me.status} before the route ran)`
  const a = me.json
  if (!a.userId) return 'signed out: userId=null sessionId=null'
  const who = a.user ? ` user="${a.user.name} <${a.user.email}>"` : ''
  const sess = a.session ? ` session=${a.session.status} (expires ${new Date(a.session.expireAt).toISOString().slice(0, 10)})` : ''
  return `userId=${a.userId} sessionId=${a.sessionId}${a.orgId ? ` orgId=${a.orgId}` : ''}${who}${sess}`
}

async function main() {
  const secretKey = `sk_test_${crypto.randomBytes(16).toString('hex')}` // a development instance's key, made up
  const publishableKey = `pk_test_${Buffer.from('clerk.demo.example$').toString('base64')}`
  const clerk = await startClerkStandIn({ secretKey, users: { [USER_ID]: user }, sessions: { [SESSION_ID]: session } })
  // No jwtKey: the app fetches the JWKS from the (stand-in) Backend API with the secret key.
  const server = await listen(createApp({ secretKey, publishableKey, apiUrl: clerk.url }))
  const { port } = server.address()

  console.log('clerk-backend-native: Express demo (everything on 127.0.0.1; no Clerk account, key or network)\n')
  console.log(`  stand-in Clerk API  ${clerk.url}  GET /v1/jwks, /v1/users/:id, /v1/sessions/:id (RSA key made just now)`)
  console.log(`  Express app         http://127.0.0.1:${port}  GET /me (withAuth), GET /private (requireAuth)\n`)

  const token = clerk.signSessionToken({ sub: USER_ID, sid: SESSION_ID, iat: now - 5, nbf: now - 5, exp: now + 60 })
  const expired = clerk.signSessionToken({ sub: USER_ID, sid: SESSION_ID, iat: now - 3600, nbf: now - 3600, exp: now - 3540 })
  const cases = [
    {
      title: 'a signed-in request: Authorization: Bearer <session token>',
      headers: { authorization: `Bearer ${token}` },
      expect: 'signed-in',
    },
    {
      title: 'a signed-in browser: cookies __session=<session token>; __client_uat=<when the client signed in>',
      headers: { 'user-agent': BROWSER, cookie: `__session=${token}; __client_uat=${now - 30}` },
      expect: 'signed-in',
    },
    { title: 'an expired token in the Authorization header', headers: { authorization: `Bearer ${expired}` }, expect: 'unknown' },
    { title: 'a garbage token: Authorization: Bearer not-a-jwt', headers: { authorization: 'Bearer not-a-jwt' }, expect: 'signed-out' },
    { title: 'no token at all (curl-like client)', headers: {}, expect: 'signed-out' },
  ]

  let wrong = 0
  for (const [i, c] of cases.entries()) {
    const me = await get(port, '/me', c.headers)
    const priv = await get(port, '/private', c.headers)
    const ok = me.state === c.expect && priv.state === c.expect && (c.expect === 'signed-in' ? priv.status === 200 : priv.status === 401)
    if (!ok) wrong++
    console.log(`${i + 1}. ${c.title}`)
    console.log(`   state     ${me.state}${me.reason ? ` (${me.reason})` : ''}${ok ? '' : `   <-- expected ${c.expect}`}`)
    if (me.message) console.log(`   message   ${me.message}`)
    console.log(`   toAuth()  ${describeAuth(me)}`)
    console.log(`   HTTP      GET /me -> ${me.status}, GET /private -> ${priv.status}\n`)
  }

  const counts = {}
  for (const r of clerk.requests) counts[r] = (counts[r] || 0) + 1
  console.log(
    `requests the stand-in Clerk API answered: ${Object.entries(counts)
      .map(([r, n]) => `${r} x${n}`)
      .join(', ')}`,
  )
  console.log('(the JWKS is fetched once and cached; user and session are loaded for each signed-in request)')

  server.close()
  await clerk.close()
  if (wrong) {
    console.error(`\n${wrong} request(s) did not get the expected state`)
    process.exitCode = 1
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
