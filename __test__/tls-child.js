'use strict'
// The child process of tls.test.js: loads one package (ours or the reference) under the
// environment it was started with (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS, ...), makes one Backend
// API call, one verifyToken with a remote JWKS and one authenticateRequest against the HTTPS
// server named in TLS_CHILD, and prints the outcomes as one line of JSON.

const input = JSON.parse(process.env.TLS_CHILD)
const pkg = input.pkg === 'reference' ? require('clerk-ref') : require('..')

process.env.NODE_ENV = 'test'

async function settle(fn) {
  try {
    return { ok: true, value: await fn() }
  } catch (e) {
    return { ok: false, error: e }
  }
}

function apiOutcome(r) {
  if (r.ok) return { ok: true, id: r.value && r.value.id }
  const e = r.error
  return {
    ok: false,
    class: e && e.constructor && e.constructor.name.replace(/^_/, ''),
    clerkError: e && e.clerkError,
    status: e && e.status,
    clerkTraceId: e && e.clerkTraceId,
    message: e && e.message,
    errors: ((e && e.errors) || []).map((x) => ({ keys: Object.keys(x), code: x.code, message: x.message })),
  }
}

function verifyOutcome(r) {
  if (r.ok) return { ok: true, sub: r.value && r.value.sub }
  const e = r.error
  return { ok: false, class: e && e.constructor && e.constructor.name.replace(/^_/, ''), reason: e && e.reason, message: e && e.message }
}

async function main() {
  const { secretKey, publishableKey, apiUrl, token } = input
  const out = {}
  const api = await settle(() => pkg.Clerk({ secretKey, apiUrl, timeoutInMs: 15000 }).users.getUser('user_1'))
  out.api = apiOutcome(api)
  const verified = await settle(() => pkg.verifyToken(token, { secretKey, apiUrl, issuer: null }))
  out.verifyToken = verifyOutcome(verified)
  const state = await settle(() =>
    pkg.Clerk({ secretKey, publishableKey, apiUrl }).authenticateRequest({
      request: new Request('http://localhost:3000/', { headers: { authorization: `Bearer ${token}` } }),
    }),
  )
  out.authenticateRequest = state.ok
    ? { ok: true, status: state.value.status, reason: state.value.reason, message: state.value.message, isSignedIn: state.value.isSignedIn }
    : { ok: false, message: String(state.error && state.error.message) }
  process.stdout.write(`${JSON.stringify(out)}\n`)
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`tls-child failed: ${e && e.stack}\n`)
    process.exit(3)
  },
)
