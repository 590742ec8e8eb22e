'use strict'
// Which certificates are trusted (issue 15): a real HTTPS server on 127.0.0.1 whose certificate
// comes from a private CA made here with the openssl CLI, and children started with the
// environment under test (no system CA store, NODE_EXTRA_CA_CERTS), so that it applies at
// startup as it does for Node. Each child makes a Backend API call, a verifyToken with a remote
// JWKS and an authenticateRequest, and prints the outcomes; where practical the reference runs
// in the same setup and must agree.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const https = require('node:https')
const { execFileSync, execFile } = require('node:child_process')
const { makeKeys, makeToken, claims, childRequireArgs } = require('./helpers')

const CHILD = path.join(__dirname, 'tls-child.js')
const CHILD_TIMEOUT_MS = 60_000
const SECRET = 'sk_test_tlsSecretKey0123456789abcdef'
const FAPI = 'happy-hippo-42.clerk.accounts.dev'
const PUBLISHABLE = 'pk_test_' + Buffer.from(`${FAPI}$`).toString('base64')
const USER = {
  object: 'user',
  id: 'user_1',
  first_name: 'Ada',
  email_addresses: [],
  phone_numbers: [],
  web3_wallets: [],
  external_accounts: [],
}
// an environment with no system CA store at all, as in an image without ca-certificates
const NO_STORE = { SSL_CERT_FILE: '/nonexistent/ca.pem', SSL_CERT_DIR: '/nonexistent' }

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, timeout: 30_000, stdio: ['ignore', 'ignore', 'pipe'] })
}

// A private CA, a server certificate it signed for 127.0.0.1, and a self-signed one.
function makeCertificates(dir) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
  openssl(['req', '-x509', ...ec, '-days', '2', '-subj', '/CN=clerk-tls-test-ca', '-keyout', 'ca.key', '-out', 'ca.pem'], dir)
  openssl(['req', '-new', ...ec, '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr'], dir)
  fs.writeFileSync(
    path.join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
  )
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      'server.ext',
      '-out',
      'server.pem',
    ],
    dir,
  )
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
    ],
    dir,
  )
  const read = (f) => fs.readFileSync(path.join(dir, f))
  return {
    caFile: path.join(dir, 'ca.pem'),
    privateCa: { key: read('server.key'), cert: read('server.pem') },
    selfSigned: { key: read('self.key'), cert: read('self.pem') },
  }
}

// /v1/jwks and /v1/users/user_1 over HTTPS, counting requests.
async function startServer(tls, jwks) {
  const state = { requests: [] }
  const sockets = new Set()
  const server = https.createServer(tls, (req, res) => {
    state.requests.push(`${req.method} ${req.url}`)
    if (req.url === '/v1/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks))
    } else if (req.url === '/v1/users/user_1') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(USER))
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[]}')
    }
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  // a handshake the client refuses is no test failure
  server.on('tlsClientError', () => {})
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    state,
    url: `https://127.0.0.1:${server.address().port}`,
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

// Runs tls-child.js for one package with `env` added (and NODE_EXTRA_CA_CERTS removed unless
// given); resolves with its exit code, signal and parsed outcomes.
function runChild(label, pkg, env, input) {
  const childEnv = { ...process.env }
  delete childEnv.NODE_EXTRA_CA_CERTS
  delete childEnv.NODE_TEST_CONTEXT
  Object.assign(childEnv, env, { TLS_CHILD: JSON.stringify({ ...input, pkg }) })
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...childRequireArgs(), CHILD],
      { env: childEnv, timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? error.code : 0
        const signal = error ? error.signal : null
        if (signal === 'SIGKILL' && error.killed) {
          resolve({
            hung: true,
            code,
            signal,
            stdout,
            stderr,
            message: `${label} (${pkg}): the child hung for ${CHILD_TIMEOUT_MS} ms and was killed`,
          })
          return
        }
        let out = null
        try {
          out = JSON.parse(stdout.trim().split('\n').pop())
        } catch {
          // left null: the assertions below name the exit code and stderr
        }
        resolve({ hung: false, code, signal, stdout, stderr, out })
      },
    )
  })
}

function assertSurvived(label, r) {
  assert.ok(!r.hung, r.message)
  assert.equal(r.signal, null, `${label}: the child died of ${r.signal}: ${r.stderr}`)
  assert.equal(r.code, 0, `${label}: exit code ${r.code}: ${r.stderr}`)
  assert.ok(r.out, `${label}: no outcome printed: ${r.stdout} ${r.stderr}`)
  assert.ok(!/panic/i.test(r.stderr), `${label}: ${r.stderr}`)
}

// The reference's shape of a fetch that threw: ClerkAPIResponseError, status '', one
// unexpected_error with code and message only.
function assertUnexpectedError(label, api) {
  assert.equal(api.ok, false, `${label}: the Backend API call should reject`)
  assert.equal(api.class, 'ClerkAPIResponseError', label)
  assert.equal(api.clerkError, true, label)
  assert.equal(api.status, '', label)
  assert.equal(api.errors.length, 1, label)
  assert.deepEqual(api.errors[0].keys, ['code', 'message'], label)
  assert.equal(api.errors[0].code, 'unexpected_error', label)
  assert.ok(!JSON.stringify(api).includes(SECRET), `${label}: the secret key leaked into the error`)
}

// Ours against the reference's in the same setup. Where the JWKS cannot load, the reference
// throws fetch's bare error from verifyToken, which its authenticateRequest turns into
// signed-out `unexpected-error`; ours is a TokenVerificationError `jwk-remote-failed-to-load`
// (README, difference 8), checked by the callers.
function assertSameOutcomes(label, ours, reference) {
  const api = (o) =>
    o.api.ok
      ? o.api
      : {
          ok: false,
          class: o.api.class,
          status: o.api.status,
          codes: o.api.errors.map((e) => e.code),
          keys: o.api.errors.map((e) => e.keys),
        }
  const context = `${label}: ours ${JSON.stringify(ours)} reference ${JSON.stringify(reference)}`
  assert.deepEqual(api(ours), api(reference), context)
  if (reference.verifyToken.ok) {
    assert.deepEqual(ours.verifyToken, reference.verifyToken, context)
    const state = (o) => ({
      status: o.authenticateRequest.status,
      reason: o.authenticateRequest.reason,
      isSignedIn: o.authenticateRequest.isSignedIn,
    })
    assert.deepEqual(state(ours), state(reference), context)
  } else {
    // fetch's error: undici's TypeError, or on Node 16 (no global fetch) node-fetch's FetchError
    assert.ok(['TypeError', 'FetchError'].includes(reference.verifyToken.class), context)
    assert.match(reference.verifyToken.message, /fetch failed|request to .* failed/, context)
    assert.equal(ours.verifyToken.ok, false, context)
    assert.equal(reference.authenticateRequest.status, 'signed-out', context)
    assert.equal(reference.authenticateRequest.reason, 'unexpected-error', context)
    assert.equal(ours.authenticateRequest.status, 'signed-out', context)
  }
}

function haveOpenssl() {
  try {
    execFileSync('openssl', ['version'], { timeout: 10_000, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const skip = haveOpenssl() ? false : 'the openssl CLI is needed to make the test certificates'

test(
  "TLS: the roots trusted are Node's (Mozilla, system store, NODE_EXTRA_CA_CERTS), and no panic",
  { timeout: 600_000, skip },
  async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-tls-'))
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
    const certs = makeCertificates(dir)
    const keys = makeKeys()
    const jwks = { keys: [keys.jwk] }
    const token = makeToken(claims({ iss: `https://${FAPI}` }), keys.privateKey)

    const privateServer = await startServer(certs.privateCa, jwks)
    t.after(() => privateServer.close())
    const selfSignedServer = await startServer(certs.selfSigned, jwks)
    t.after(() => selfSignedServer.close())
    const input = (server) => ({ secretKey: SECRET, publishableKey: PUBLISHABLE, apiUrl: server.url, token })

    await t.test('a. no system CA store, a private CA not trusted: errors, not a crash', async () => {
      const label = 'no store, private CA untrusted'
      const [ours, reference] = await Promise.all([
        runChild(label, 'native', NO_STORE, input(privateServer)),
        runChild(label, 'reference', NO_STORE, input(privateServer)),
      ])
      assertSurvived(label, ours)
      assertSurvived(`${label} (reference)`, reference)
      const o = ours.out
      assertUnexpectedError(label, o.api)
      // the client was built (the bundled Mozilla roots stand in for the missing store): the
      // call failed at the handshake, for the issuer
      assert.match(o.api.errors[0].message, /^fetch failed: the TLS handshake with https:\/\/127\.0\.0\.1:\d+ failed: .*UnknownIssuer/)
      assert.doesNotMatch(o.api.errors[0].message, /could not be set up/)
      assert.equal(o.verifyToken.ok, false)
      assert.equal(o.verifyToken.reason, 'jwk-remote-failed-to-load')
      assert.match(o.verifyToken.message, /UnknownIssuer/)
      assert.equal(o.authenticateRequest.ok, true, o.authenticateRequest.message)
      assert.equal(o.authenticateRequest.status, 'signed-out')
      assert.equal(o.authenticateRequest.reason, 'jwk-remote-failed-to-load')
      assert.equal(o.authenticateRequest.isSignedIn, false)
      assertSameOutcomes(label, o, reference.out)
    })

    await t.test('b. NODE_EXTRA_CA_CERTS names the private CA (no system store): everything succeeds', async () => {
      const label = 'NODE_EXTRA_CA_CERTS'
      const before = privateServer.state.requests.length
      const env = { ...NO_STORE, NODE_EXTRA_CA_CERTS: certs.caFile }
      const [ours, reference] = await Promise.all([
        runChild(label, 'native', env, input(privateServer)),
        runChild(label, 'reference', env, input(privateServer)),
      ])
      assertSurvived(label, ours)
      assertSurvived(`${label} (reference)`, reference)
      const o = ours.out
      assert.deepEqual(o.api, { ok: true, id: 'user_1' }, JSON.stringify(o.api))
      assert.deepEqual(o.verifyToken, { ok: true, sub: 'user_123' }, JSON.stringify(o.verifyToken))
      assert.equal(o.authenticateRequest.ok, true, o.authenticateRequest.message)
      assert.equal(o.authenticateRequest.status, 'signed-in', JSON.stringify(o.authenticateRequest))
      assert.equal(o.authenticateRequest.isSignedIn, true)
      assertSameOutcomes(label, o, reference.out)
      assert.ok(privateServer.state.requests.length > before, 'the server saw the requests')
    })

    await t.test('b2. NODE_EXTRA_CA_CERTS missing or garbage: a warning at most, the call fails cleanly', async () => {
      const garbage = path.join(dir, 'garbage.pem')
      fs.writeFileSync(garbage, 'not a certificate\n-----BEGIN CERTIFICATE-----\n!!\n')
      for (const file of [path.join(dir, 'missing.pem'), garbage, dir]) {
        const label = `NODE_EXTRA_CA_CERTS=${path.basename(file)}`
        const r = await runChild(label, 'native', { ...NO_STORE, NODE_EXTRA_CA_CERTS: file }, input(privateServer))
        assertSurvived(label, r)
        assertUnexpectedError(label, r.out.api)
        assert.match(r.out.api.errors[0].message, /UnknownIssuer/, label)
        assert.equal(r.out.verifyToken.reason, 'jwk-remote-failed-to-load', label)
        assert.equal(r.out.authenticateRequest.reason, 'jwk-remote-failed-to-load', label)
      }
    })

    await t.test('c. a self-signed server certificate is refused, with the CA file given or not', async () => {
      for (const env of [NO_STORE, { ...NO_STORE, NODE_EXTRA_CA_CERTS: certs.caFile }, {}]) {
        const label = `self-signed, env ${JSON.stringify(env)}`
        const [ours, reference] = await Promise.all([
          runChild(label, 'native', env, input(selfSignedServer)),
          runChild(label, 'reference', env, input(selfSignedServer)),
        ])
        assertSurvived(label, ours)
        assertSurvived(`${label} (reference)`, reference)
        const o = ours.out
        assertUnexpectedError(label, o.api)
        assert.match(o.api.errors[0].message, /TLS handshake .* failed: .*(UnknownIssuer|CaUsedAsEndEntity|certificate)/i)
        assert.equal(o.verifyToken.reason, 'jwk-remote-failed-to-load')
        assert.equal(o.authenticateRequest.status, 'signed-out')
        assert.equal(o.authenticateRequest.reason, 'jwk-remote-failed-to-load')
        assertSameOutcomes(label, o, reference.out)
      }
      assert.equal(selfSignedServer.state.requests.length, 0, 'no request got through the refused handshakes')
    })
  },
)
