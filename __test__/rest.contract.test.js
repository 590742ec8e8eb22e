'use strict'
// Our Backend API client against Clerk's OpenAPI description: every call of the shared catalogue
// (every method, every option) goes through a small proxy to a Prism mock of
// clerk-bapi-2021-02-05.openapi.yml, and Prism must not report the request as violating the spec.
//
// Prism serves the spec's paths without the `/v1` of its server URL, so the proxy strips it (the
// client keeps its default apiVersion). Prism reports a request's violations in the
// `sl-violations` response header (a JSON list of {location: ['request', ...], severity, code,
// message}) while it still answers with a mock (often the spec's 4xx example), answers routes the
// spec does not describe with a 404 `application/problem+json` body (NO_PATH_MATCHED_ERROR), and
// logs both ("Violation: request..." and "Request terminated with error: ..."). The proxy reads
// the first two per request; the last test checks that the log says the same.
//
// Until require('..').Clerk exists this suite fails; CLERK_TEST_SELF=1 runs the reference instead.

process.env.NODE_ENV = 'test' // silences the deprecation warnings

const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const path = require('node:path')
const { spawn } = require('node:child_process')
const { ourClerk, closedPortUrl, CALLS, apiMethods } = require('./bapi-recorder')

const PRISM = path.join(__dirname, '..', 'node_modules', '.bin', 'prism')
const SPEC = '/work/shared/reference/clerk-bapi-2021-02-05.openapi.yml'
const STARTUP_LIMIT_MS = 60000

// Requests of the reference itself that today's spec rejects; ours must send the same ones.
// Each must still be reported (a violation, or a 404 for a route the spec no longer has), so
// that this list cannot go stale.
const KNOWN_VIOLATIONS = {
  'organizations.getOrganizationInvitationList': 'status[] is sent as a repeated key; the spec wants one string',
  'users.updateUser: no params': 'no body is sent; the spec requires one',
  'emails.createEmail': 'POST /emails is no longer described',
  'smsMessages.createSMSMessage': 'POST /sms_messages is no longer described',
  'interstitial.getInterstitial': 'GET /internal/interstitial is no longer described',
}

// ---------------------------------------------------------------------------------------------
// Prism

async function startPrism() {
  const port = Number(new URL(await closedPortUrl()).port)
  const child = spawn(PRISM, ['mock', '-p', String(port), '-h', '127.0.0.1', SPEC], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    // the whole file's limit: a Prism left behind never outlives the run
    timeout: 15 * 60_000,
    killSignal: 'SIGKILL',
  })
  const prism = { child, port, log: '', exited: false }
  const collect = (chunk) => (prism.log += chunk.toString('utf8'))
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  child.on('exit', () => (prism.exited = true))
  await waitFor(prism, () => /Prism is listening/.test(prism.log), STARTUP_LIMIT_MS, 'Prism to listen')
  return prism
}

async function waitFor(prism, done, limitMs, what) {
  const deadline = Date.now() + limitMs
  while (!done()) {
    if (prism.exited) throw new Error(`Prism exited while waiting for ${what}:\n${prism.log}`)
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}:\n${prism.log.slice(-4000)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function stopPrism(prism) {
  if (!prism || prism.exited) return
  const exited = new Promise((resolve) => prism.child.once('exit', resolve))
  prism.child.kill('SIGTERM')
  const stuck = setTimeout(() => prism.child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(stuck)
}

// ---------------------------------------------------------------------------------------------
// A proxy that strips /v1 and keeps, per request, what Prism said about it.

function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

async function startProxy(prismPort) {
  const exchanges = []
  const sockets = new Set()
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url, 'http://proxy.invalid')
      const exchange = { method: req.method, sentPath: url.pathname, path: url.pathname.replace(/^\/v1(?=\/|$)/, '') }
      exchanges.push(exchange)
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: prismPort,
          method: req.method,
          path: exchange.path + url.search,
          headers: { ...req.headers, host: `127.0.0.1:${prismPort}` },
        },
        (answer) => {
          const body = []
          answer.on('data', (c) => body.push(c))
          answer.on('end', () => {
            const text = Buffer.concat(body).toString('utf8')
            exchange.status = answer.statusCode
            exchange.violations = (parseJson(answer.headers['sl-violations'] || '[]') || []).filter(
              (v) => v.location && v.location[0] === 'request',
            )
            if (/^application\/problem\+json/.test(answer.headers['content-type'] || '')) exchange.problem = parseJson(text)
            res.writeHead(answer.statusCode, answer.headers)
            res.end(text)
          })
        },
      )
      upstream.on('error', (e) => {
        exchange.error = e.message
        res.writeHead(502, { 'content-type': 'text/plain' }).end(e.message)
      })
      upstream.end(Buffer.concat(chunks))
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    exchanges,
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

// What Prism holds against one request: its request violations, or its error answer.
function complaints(exchange) {
  const found = exchange.violations.map((v) => `${v.location.join('.')}: ${v.message} (${v.severity})`)
  if (exchange.problem) found.push(`${exchange.status} ${exchange.problem.type}: ${exchange.problem.detail || exchange.problem.title}`)
  if (exchange.error) found.push(`proxy error: ${exchange.error}`)
  return found
}

// Prism's log, split per request ("Request received" starts a block; a request's violations are
// logged before it is answered, its "Request terminated with error" line, which names the route,
// may come later).
function logFindings(log) {
  const blocks = []
  const terminated = []
  for (const line of log.split('\n')) {
    const received = /\[HTTP SERVER\] (\w+) (\S+) .*Request received/.exec(line)
    const failed = /\[HTTP SERVER\] (\w+) (\S+) .*Request terminated with error: (\S+)/.exec(line)
    if (received) blocks.push({ route: `${received[1].toUpperCase()} ${received[2]}`, violations: [] })
    else if (failed) terminated.push(`${failed[1].toUpperCase()} ${failed[2]}`)
    else if (/Violation: request/.test(line) && blocks.length) blocks[blocks.length - 1].violations.push(line.replace(/^.*Violation: /, ''))
  }
  return { blocks, terminated }
}

// ---------------------------------------------------------------------------------------------

let prism
let proxy

test.before(async () => {
  prism = await startPrism()
  proxy = await startProxy(prism.port)
})
test.after(async () => {
  if (proxy) await proxy.close()
  await stopPrism(prism)
})

test('the known violations name calls of the catalogue', () => {
  const names = new Set(CALLS.map((c) => c.name))
  for (const name of Object.keys(KNOWN_VIOLATIONS)) assert.ok(names.has(name), name)
  assert.equal(new Set(CALLS.map((c) => c.method)).size, apiMethods(ourClerk({ secretKey: 'sk_test_contract' })).length)
})

test('every call of our client is valid for the OpenAPI spec (or a known exception)', async (t) => {
  const clerk = ourClerk({ secretKey: 'sk_test_contract', apiUrl: proxy.url })
  for (const { name, call } of CALLS) {
    await t.test(name, async () => {
      const before = proxy.exchanges.length
      await call(clerk).catch(() => {}) // Prism's mock answers need not deserialize
      const exchanges = proxy.exchanges.slice(before)
      for (const exchange of exchanges) exchange.name = name
      assert.equal(exchanges.length, 1, 'one request per call')
      const [exchange] = exchanges
      assert.match(exchange.sentPath, /^\/v1\//, 'the default apiVersion')
      const found = complaints(exchange)
      if (KNOWN_VIOLATIONS[name]) {
        assert.ok(
          found.length > 0 || exchange.status === 404,
          `${name} is listed as a known violation (${KNOWN_VIOLATIONS[name]}) but Prism accepts it: remove it from the list`,
        )
      } else {
        assert.deepEqual(found, [], `Prism reports ${exchange.method} ${exchange.sentPath} as violating the spec`)
      }
    })
  }
})

test("Prism's log reports the same requests as violating", async () => {
  const exchanges = proxy.exchanges
  assert.ok(exchanges.length > 0)
  // A last request straight to Prism: once its error is logged, the log holds all the others.
  const sentinel = '/__contract_log_sentinel__'
  await new Promise((resolve) => http.get(`http://127.0.0.1:${prism.port}${sentinel}`, (res) => res.resume().on('end', resolve)))
  await waitFor(prism, () => logFindings(prism.log).terminated.includes(`GET ${sentinel}`), 10000, 'the log')

  const { blocks, terminated } = logFindings(prism.log)
  const logged = blocks.filter((b) => b.route !== `GET ${sentinel}`)
  assert.deepEqual(
    logged.map((b) => b.route),
    exchanges.map((e) => `${e.method} ${e.path}`),
    'one log block per request, in order',
  )
  const fromLog = logged
    .filter((b) => b.violations.length > 0 || terminated.includes(b.route))
    .map((b) => exchanges[logged.indexOf(b)].name)
  const fromAnswers = exchanges.filter((e) => complaints(e).length > 0).map((e) => e.name)
  assert.deepEqual(fromLog, fromAnswers, 'the log and the answers flag the same calls')
  assert.deepEqual(
    fromLog.filter((name) => !KNOWN_VIOLATIONS[name]),
    [],
    'violations in the log outside KNOWN_VIOLATIONS',
  )
})
