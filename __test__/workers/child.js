'use strict'
// A fresh process for the worker_threads lifecycle tests (__test__/workers.test.js, issue 15):
// its main thread never loads the addon (unless the scenario says so at the end), so every
// load, use and teardown of it happens in worker_threads that come and go. Runs the scenario
// named by argv[2] and exits 0 only if every worker's answers were right; on a failure it
// prints why and exits 1. Progress goes to stderr ("stage: ..."), so a run that hangs says
// where (the parent kills it after its timeout and shows the last stage).
//
// Workers (this file again, off the main thread) load the package and, per round: verifyJwt
// (PEM key, a good and a forged token), authenticateRequest (jwtKey), and verifyToken against
// the local JWKS server with a secret key of their own (a cache miss: a fetch on the core's
// async runtime, which stops when the last environment using it ends and starts again with the
// next). In 'burst' mode a worker queues hundreds of RSA checks for the verifier threads and
// starts a key fetch that a second JWKS server never answers, then is terminated with all of it pending.

const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads')
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.join(__dirname, '..', '..')
const PK = 'pk_test_' + Buffer.from('worker-lifecycle.clerk.accounts.dev$').toString('base64')

const b64url = (s) => Buffer.from(typeof s === 'string' ? s : JSON.stringify(s)).toString('base64url')

function sign(payload, privateKey) {
  const input = `${b64url({ alg: 'RS256', typ: 'JWT', kid: 'ins_test' })}.${b64url(payload)}`
  return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
}

function claims(sub) {
  const now = Math.floor(Date.now() / 1000)
  return {
    azp: 'https://app.example.com',
    exp: now + 600,
    iat: now - 10,
    iss: 'https://clerk.example.com',
    nbf: now - 10,
    sid: 'sess_w',
    sub,
  }
}

// ---------------------------------------------------------------- worker side

async function workerMain() {
  process.env.NODE_ENV = 'test'
  const { id, mode, rounds, pem, privatePem, jwksUrl, stalledUrl } = workerData
  const native = require(ROOT)
  const privateKey = crypto.createPrivateKey(privatePem)
  const sub = `user_w${id}`
  parentPort.postMessage({ loaded: true })

  let round = 0
  async function once() {
    round++
    const good = sign(claims(sub), privateKey)
    const forged = good.slice(0, good.lastIndexOf('.') + 1) + crypto.randomBytes(256).toString('base64url')
    const problems = []
    const p = await native.verifyJwt(good, { key: pem, issuer: null })
    if (p.sub !== sub) problems.push(`verifyJwt: ${p.sub}`)
    const reason = await native.verifyJwt(forged, { key: pem, issuer: null }).then(
      () => 'resolved',
      (e) => e.reason,
    )
    if (reason !== 'token-invalid-signature') problems.push(`verifyJwt forged: ${reason}`)
    const clerk = native.Clerk({ secretKey: 'sk_test_worker', jwtKey: pem, publishableKey: PK })
    const state = await clerk.authenticateRequest({
      request: new Request('http://localhost:3000/', { headers: { authorization: `Bearer ${good}` } }),
    })
    if (state.status !== 'signed-in' || state.toAuth().userId !== sub) problems.push(`authenticateRequest: ${state.status} ${state.reason}`)
    const q = await native.verifyToken(good, { secretKey: `sk_test_lifecycle_${id}_${round}`, apiUrl: jwksUrl, issuer: null })
    if (q.sub !== sub) problems.push(`verifyToken: ${q.sub}`)
    // a burst the verifier policy (lib/verifier.js) sends to the verifier threads
    const all = await Promise.all(
      Array.from({ length: 24 }, () => native.verifyJwt(sign(claims(sub), privateKey), { key: pem, issuer: null })),
    )
    if (!all.every((x) => x.sub === sub)) problems.push('burst')
    parentPort.postMessage({ round, problems })
  }

  if (mode === 'burst') {
    // the verifier threads get hundreds of distinct checks (forged signatures: each needs the
    // full RSA check), authenticateRequest queues pending steps, and a verifyToken starts a key
    // fetch that the JWKS server never answers; the parent terminates this worker meanwhile
    const base = sign(claims(sub), privateKey)
    const head = base.slice(0, base.lastIndexOf('.') + 1)
    const pending = []
    pending.push(native.verifyToken(base, { secretKey: `sk_test_stalled_${id}`, apiUrl: stalledUrl, issuer: null }))
    const clerk = native.Clerk({ secretKey: 'sk_test_worker', jwtKey: pem, publishableKey: PK })
    for (let i = 0; i < 600; i++) {
      pending.push(native.verifyJwt(head + crypto.randomBytes(256).toString('base64url'), { key: pem, issuer: null }))
      if (i % 20 === 0) {
        const t = sign(claims(`${sub}_${i}`), privateKey)
        pending.push(
          clerk.authenticateRequest({ request: new Request('http://localhost:3000/', { headers: { authorization: `Bearer ${t}` } }) }),
        )
      }
    }
    for (const p of pending) p.catch(() => {})
    parentPort.postMessage({ busy: pending.length })
    // more every turn until the end
    for (;;) {
      await new Promise((r) => setImmediate(r))
      for (let i = 0; i < 50; i++)
        native.verifyJwt(head + crypto.randomBytes(256).toString('base64url'), { key: pem, issuer: null }).catch(() => {})
    }
  }
  if (mode === 'forever') for (;;) await once()
  for (let i = 0; i < rounds; i++) await once()
  parentPort.postMessage({ done: true })
  if (mode === 'exit') return // ends on its own
  await new Promise(() => setInterval(() => {}, 1 << 30)) // waits to be terminated
}

// ---------------------------------------------------------------- main side

let stage = 'start'
function setStage(s) {
  stage = s
  process.stderr.write(`stage: ${s}\n`)
}

const failures = []
function check(ok, message) {
  if (!ok) failures.push(`${stage}: ${message}`)
}

function threadCount() {
  try {
    return fs.readdirSync('/proc/self/task').length
  } catch {
    return null
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

let nextWorkerId = 1
let shared = null // { pem, privatePem, jwksUrl }

// Starts a worker; resolves `loaded` once it has the addon. Collects its round reports.
function spawnWorker(mode, rounds = 1) {
  const id = nextWorkerId++
  const worker = new Worker(__filename, { workerData: { id, mode, rounds, ...shared } })
  const w = { id, worker, reports: [], errors: [], done: false, busy: false, exitCode: undefined }
  let onLoaded
  w.loaded = new Promise((resolve) => (onLoaded = resolve))
  let onDone
  w.finished = new Promise((resolve) => (onDone = resolve))
  let onBusy
  w.busyNow = new Promise((resolve) => (onBusy = resolve))
  worker.on('message', (m) => {
    if (m.loaded) onLoaded()
    else if (m.done) {
      w.done = true
      onDone()
    } else if (m.busy) {
      w.busy = true
      onBusy()
    } else if (m.round) {
      w.reports.push(m)
      check(m.problems.length === 0, `worker ${id} round ${m.round}: ${m.problems.join('; ')}`)
    }
  })
  worker.on('error', (e) => {
    w.errors.push(e)
    check(false, `worker ${id} threw: ${e && e.stack}`)
    onLoaded()
    onDone()
    onBusy()
  })
  w.exited = new Promise((resolve) =>
    worker.on('exit', (code) => {
      w.exitCode = code
      resolve(code)
    }),
  )
  return w
}

async function terminate(w) {
  await w.worker.terminate()
  check(w.errors.length === 0, `worker ${w.id} had errors`)
}

// one worker at a time: load, verify, terminate; then the next
async function sequential(count) {
  for (let i = 0; i < count; i++) {
    setStage(`sequential worker ${i + 1} of ${count}`)
    const w = spawnWorker('rounds', 1)
    await w.finished
    check(w.reports.length === 1, `worker ${w.id}: ${w.reports.length} rounds reported`)
    await terminate(w)
  }
}

// `width` workers at a time, `times` times over: load and verify at once, then terminated
async function parallel(width, times) {
  for (let t = 0; t < times; t++) {
    setStage(`parallel group ${t + 1} of ${times}`)
    const ws = Array.from({ length: width }, () => spawnWorker('rounds', 2))
    await Promise.all(ws.map((w) => w.finished))
    for (const w of ws) check(w.reports.length === 2, `worker ${w.id}: ${w.reports.length} rounds reported`)
    await Promise.all(ws.map(terminate))
  }
}

// workers terminated with checks queued for the verifier threads and a key fetch in flight
async function pending(server, times) {
  for (let t = 0; t < times; t++) {
    setStage(`pending: burst worker ${t + 1} of ${times}`)
    const before = server.state.requests
    const w = spawnWorker('burst')
    await w.busyNow
    // wait until the stalled fetch reached the server (the key fetch is in flight)
    const since = Date.now()
    while (server.state.requests === before && Date.now() - since < 10_000) await sleep(5)
    check(server.state.requests > before, 'the burst worker never fetched the JWKS')
    if (t % 2 === 1) await sleep(20) // sometimes a little later
    setStage(`pending: terminating burst worker ${t + 1} of ${times}`)
    await terminate(w)
    setStage(`pending: a fresh worker after burst worker ${t + 1}`)
    const next = spawnWorker('rounds', 1)
    await next.finished
    check(next.reports.length === 1, `worker ${next.id} after a burst: ${next.reports.length} rounds reported`)
    await terminate(next)
  }
  setStage('pending: two burst workers side by side, then a fresh one')
  const a = spawnWorker('burst')
  const b = spawnWorker('burst')
  await Promise.all([a.busyNow, b.busyNow])
  await Promise.all([terminate(a), terminate(b)])
  const c = spawnWorker('rounds', 1)
  await c.finished
  check(c.reports.length === 1, `worker ${c.id}: ${c.reports.length} rounds reported`)
  await terminate(c)
}

// Loads and unloads in any order: a seeded random schedule of up to 4 live workers, each
// started, working, ending on its own, or terminated while loading or mid-work.
async function anyOrder(steps, seed) {
  let s = seed >>> 0 || 1
  const rand = (n) => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s % n
  }
  const live = []
  const finishedOk = []
  for (let i = 0; i < steps; i++) {
    const action = live.length === 0 ? 0 : live.length >= 4 ? 1 + rand(3) : rand(4)
    if (action === 0) {
      const kind = ['forever', 'rounds', 'exit'][rand(3)]
      setStage(`any order step ${i + 1}: start a '${kind}' worker`)
      const w = spawnWorker(kind, 1 + rand(2))
      live.push(w)
      if (rand(3) === 0) await w.loaded
    } else if (action === 1) {
      const w = live.splice(rand(live.length), 1)[0]
      setStage(`any order step ${i + 1}: terminate worker ${w.id} (${w.done ? 'done' : 'busy or loading'})`)
      if (rand(2) === 0) await w.loaded
      await terminate(w)
      if (w.done) finishedOk.push(w)
    } else if (action === 2) {
      const w = live[rand(live.length)]
      if (w.worker.threadId === -1 || w.exitCode !== undefined) continue
      setStage(`any order step ${i + 1}: wait for a round of worker ${w.id}`)
      const n = w.reports.length
      while (w.reports.length === n && !w.done && w.exitCode === undefined && w.errors.length === 0) await sleep(2)
    } else {
      setStage(`any order step ${i + 1}: a moment passes`)
      await sleep(rand(30))
    }
  }
  setStage('any order: the rest end')
  for (const w of live.splice(0)) {
    if (w.worker.threadId !== -1 && w.exitCode === undefined && rand(2) === 0) await w.loaded
    await terminate(w)
  }
  for (const w of finishedOk) check(w.reports.length > 0, `worker ${w.id} said done without a round`)
}

// the main thread loads the package after every worker ended, and workers still come and go
async function mainLoadsAfter(keys, server) {
  setStage('main thread loads the addon after the workers ended')
  process.env.NODE_ENV = 'test'
  const native = require(ROOT)
  const privateKey = crypto.createPrivateKey(keys.privatePem)
  const verifyAll = async (label) => {
    const good = sign(claims('user_main'), privateKey)
    check((await native.verifyJwt(good, { key: keys.pem, issuer: null })).sub === 'user_main', `${label}: verifyJwt`)
    const clerk = native.Clerk({ secretKey: 'sk_test_main', jwtKey: keys.pem, publishableKey: PK })
    const state = await clerk.authenticateRequest({
      request: new Request('http://localhost:3000/', { headers: { authorization: `Bearer ${good}` } }),
    })
    check(state.status === 'signed-in', `${label}: authenticateRequest ${state.status} ${state.reason}`)
    const q = await native.verifyToken(good, { secretKey: `sk_test_main_${label}`, apiUrl: server.url, issuer: null })
    check(q.sub === 'user_main', `${label}: verifyToken`)
    const all = await Promise.all(
      Array.from({ length: 30 }, () => native.verifyJwt(sign(claims('user_main'), privateKey), { key: keys.pem, issuer: null })),
    )
    check(
      all.every((x) => x.sub === 'user_main'),
      `${label}: burst`,
    )
  }
  await verifyAll('main first')
  setStage('main loaded: workers come and go beside it')
  await sequential(3)
  await parallel(3, 1)
  setStage('main loaded: checks again')
  await verifyAll('main again')
}

async function main() {
  const scenario = process.argv[2]
  const { startJwksServer } = require(path.join(__dirname, '..', 'jwks-server.js'))
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const keys = {
    pem: publicKey.export({ type: 'spki', format: 'pem' }),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
  }
  const server = await startJwksServer()
  server.state.keys = [{ ...publicKey.export({ format: 'jwk' }), kid: 'ins_test', alg: 'RS256', use: 'sig' }]
  const stalled = await startJwksServer()
  stalled.state.mode = 'stall'
  shared = { pem: keys.pem, privatePem: keys.privatePem, jwksUrl: server.url, stalledUrl: stalled.url }
  const threadsAtStart = threadCount()

  switch (scenario) {
    case 'sequential':
      await sequential(Number(process.argv[3] || 20))
      break
    case 'parallel':
      await parallel(4, Number(process.argv[3] || 4))
      break
    case 'pending':
      await pending(stalled, Number(process.argv[3] || 3))
      break
    case 'any-order':
      await anyOrder(Number(process.argv[3] || 40), Number(process.argv[4] || Date.now()))
      break
    case 'main-after':
      await sequential(2)
      await parallel(2, 1)
      await mainLoadsAfter(keys, server)
      break
    default:
      throw new Error(`unknown scenario ${scenario}`)
  }

  if (scenario !== 'main-after') {
    check(!Object.keys(require.cache).some((f) => f.endsWith('.node')), 'the main thread loaded the addon')
    // nothing of the ended workers keeps running: their verifier threads stopped, and so did
    // the async runtime once no environment used it (allowing Node's own threads a little slack)
    setStage('threads of ended workers stop')
    const since = Date.now()
    let now = threadCount()
    while (now !== null && now > threadsAtStart + 2 && Date.now() - since < 5_000) {
      await sleep(50)
      now = threadCount()
    }
    check(now === null || now <= threadsAtStart + 2, `${now} threads at the end, ${threadsAtStart} at the start`)
  }
  await server.close()
  await stalled.close()
  setStage('end')
  if (failures.length) {
    process.stdout.write(`FAILED\n${failures.slice(0, 10).join('\n')}\n`, () => process.exit(1))
  } else {
    process.stdout.write('OK\n', () => process.exit(0))
  }
}

if (isMainThread) {
  const watchdog = setTimeout(
    () => {
      process.stderr.write(`hung at stage: ${stage}\n`)
      process.exit(3)
    },
    Number(process.env.CLERK_WORKERS_CHILD_TIMEOUT_MS || 50_000),
  )
  watchdog.unref()
  main().catch((e) => {
    process.stdout.write(`FAILED at ${stage}: ${e && e.stack}\n`, () => process.exit(1))
  })
} else {
  workerMain().catch((e) => parentPort.postMessage({ round: -1, problems: [`worker threw: ${e && e.stack}`] }))
}
