'use strict'
// One run of the concurrency tests, in a fresh process: starts a JWKS server, brings the caches
// to a phase (cold, warm, past the TTL, after a key rotation, slow server, outage, after it),
// then runs every case one at a time or all at once (optionally in 4 worker_threads) and
// prints the outcomes as JSON. The clock is Date.now() held at `base` plus the phase's shifts.

const http = require('node:http')
const path = require('node:path')
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads')

const { makeCases } = require('./cases')

async function runCases(config, cases, mode) {
  const native = require(path.join(__dirname, '..', '..'))
  const { keys, jwksUrl } = config
  const keyOf = { 'one-pem': keys.one.pem, 'one-jwk': keys.one.jwk, 'two-pem': keys.two.pem }
  const secretKey = 'sk_live_concurrency_test'
  const clerk = native.Clerk({ secretKey, apiUrl: jwksUrl })
  const call = (c) => {
    if (c.api === 'verifyJwt') return native.verifyJwt(c.token, { key: keyOf[c.key], issuer: 'https://clerk.example.com' })
    if (c.api === 'verifyToken') {
      const source = c.source === 'jwtKey' ? { jwtKey: keys.one.pem } : { secretKey, apiUrl: jwksUrl }
      return native.verifyToken(c.token, source)
    }
    const headers = { host: 'app.example.com', 'x-forwarded-proto': 'https', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)' }
    if (c.carrier === 'header' && c.token !== undefined) headers.authorization = `Bearer ${c.token}`
    if (c.carrier === 'cookie') {
      headers.cookie = [`__client_uat=${c.clientUat}`, c.token === undefined ? '' : `__session=${c.token}`].filter(Boolean).join('; ')
    }
    return clerk.authenticateRequest({ request: new Request('https://app.example.com/page', { headers }) })
  }
  const outcome = async (c) => {
    try {
      const value = await call(c)
      if (c.api !== 'authenticateRequest') return { ok: true, sub: value.sub }
      const auth = value.toAuth()
      return {
        status: value.status,
        reason: value.reason,
        message: value.message,
        sub: auth && auth.sessionClaims ? auth.sessionClaims.sub : null,
      }
    } catch (e) {
      return { ok: false, name: e && e.constructor && e.constructor.name, reason: e && e.reason, message: e && e.message }
    }
  }
  if (mode === 'sequential') {
    const out = []
    for (const c of cases) out.push(await outcome(c))
    return out
  }
  return Promise.all(cases.map(outcome))
}

function jwksServer(state) {
  const server = http.createServer((req, res) => {
    state.requests++
    const answer = () => {
      if (state.down) res.writeHead(503, { 'content-type': 'application/json' }).end('{}')
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys }))
    }
    if (state.delayMs) setTimeout(answer, state.delayMs)
    else answer()
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

function freezeClock(base) {
  const clock = { shift: 0 }
  Date.now = () => base + clock.shift
  return clock
}

async function main() {
  const config = JSON.parse(process.env.CLERK_CONCURRENCY_CONFIG)
  const { keys, base, phase, mode } = config
  const clock = freezeClock(base)
  const state = { keys: [keys.one.jwk, keys.two.jwk], down: false, delayMs: 0, requests: 0 }
  const server = await jwksServer(state)
  config.jwksUrl = `http://127.0.0.1:${server.address().port}`
  const cases = makeCases(keys, base)
  const warmUp = () => runCases(config, cases.filter((c) => c.kind === 'valid').slice(0, 8), 'sequential')
  switch (phase) {
    case 'cold':
      break
    case 'warm':
      await warmUp()
      break
    case 'ttl':
      await warmUp()
      clock.shift += 301_000
      break
    case 'rotation':
      state.keys = [keys.one.jwk]
      await warmUp()
      // past the kid-refetch cooldown, inside the TTL: the new kid makes the cache refetch
      state.keys = [keys.two.jwk, keys.one.jwk]
      clock.shift += 6_000
      break
    case 'slow':
      state.delayMs = 200
      break
    case 'outage':
      await warmUp()
      state.down = true
      clock.shift += 301_000
      break
    case 'recovered':
      await warmUp()
      state.down = true
      clock.shift += 301_000
      await runCases(config, cases.slice(0, 8), 'sequential')
      state.down = false
      clock.shift += 1_500
      break
    default:
      throw new Error(`unknown phase ${phase}`)
  }
  let results
  if (mode === 'workers') {
    // the main thread never loads the addon here: only the workers do (issue 15)
    results = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise((resolve, reject) => {
            const w = new Worker(__filename, { workerData: { config, cases, base: base + clock.shift } })
            w.once('message', resolve)
            w.once('error', reject)
          }),
      ),
    )
  } else {
    results = [await runCases(config, cases, mode)]
  }
  server.close()
  // the server's port differs between runs: messages name it as one placeholder
  const text = JSON.stringify({ cases, results }).split(config.jwksUrl).join('http://jwks.test')
  process.stdout.write(text, () => process.exit(0))
}

if (isMainThread) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
} else {
  freezeClock(workerData.base)
  runCases(workerData.config, workerData.cases, 'burst').then((r) => parentPort.postMessage(r))
}
