'use strict'
// Where an RSA check runs. One check costs about 20 us; on the JS thread that is the cheapest
// place for a lone call, but it uses one core. When verifications pile up, the core is asked to
// stop before the RSA check (tokens it has verified before need none and answer at once), and
// the deferred checks are shared out: the ones deferred in one turn of the event loop are
// collected, enough to keep the verifier threads busy go to them, and the JS thread does the
// rest. (authenticateRequest's deferred checks go to the libuv pool at once, one task each.)
//
// "Pile up" means: several start in one turn of the event loop (Promise.all), some already run
// on the pool or wait for a batch, or more than half of the last 20 ms went to them across
// several event-loop turns (a server under load; a sequential loop of awaits is one turn and
// gains nothing from a thread hop).

const os = require('node:os')
const { performance } = require('node:perf_hooks')
const binding = require('./native')

const WINDOW_MS = 20
const BUSY_SHARE = 0.5
// the longest the JS thread works through deferred checks before the event loop turns
const SLICE_MS = 2

const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length

let inPool = 0
let poolRuns = 0
let threadRuns = 0
let sameTurn = 0
let windowStart = 0
let busyMs = 0
let busyLastWindow = false
// event-loop turns: counted by setImmediate, which runs only between turns
let turn = 0
let turnPending = false
let turnsInWindow = 0
let lastTurnSeen = -1
// deferred verifyJwt checks waiting for the next share-out: { onThread, job, resolve, reject }
let pending = []
let pendingHead = 0
let flushQueued = false
// The verifier threads (src/worker.rs): one per core but the JS thread's. They take checks
// from a queue in Rust as long as it has any, so they never wait for the JS thread between two
// checks, and wake it once when results wait. `target` is how many checks they should have
// queued: it grows when a thread found the queue empty while the JS thread was busy, and
// shrinks when the JS thread sat idle (it should keep more checks for itself).
const THREADS = Math.max(1, cores - 1)
let verifier = null
let nextId = 1
const inFlight = new Map()
let keepAlive = null
let target = 8
let lastIdles = 0
let lastElu = performance.eventLoopUtilization()
// the target moves at most once per STEER_MS, on what happened over that time
const STEER_MS = 5
let lastSteer = 0

function takeResults() {
  const taken = binding.verifierTake(verifier)
  // nothing comes back while the JS environment shuts down
  if (taken == null) return
  const { ids, results } = taken
  for (let i = 0; i < ids.length; i++) {
    const entry = inFlight.get(ids[i])
    inFlight.delete(ids[i])
    entry.resolve(results[i])
  }
  if (inFlight.size === 0 && keepAlive !== null) {
    clearInterval(keepAlive)
    keepAlive = null
  }
}

function toThreads(entry) {
  if (verifier === null) verifier = binding.verifierStart(takeResults, THREADS)
  const id = nextId
  nextId = nextId >= 0x7fffffff ? 1 : nextId + 1
  const j = entry.job
  try {
    binding.verifierPush(verifier, id, j.token, j.key, j.keyText, j.issuer, j.audience, j.authorizedParties, j.clockSkewInMs, j.clockSkewInSeconds, j.nowMs)
  } catch (err) {
    // an argument the binding cannot take fails this check alone, not the whole share-out
    entry.reject(err)
    return
  }
  inFlight.set(id, entry)
  poolRuns++
  // the threads' wake-up call does not keep the process alive on its own
  if (keepAlive === null) keepAlive = setInterval(() => {}, 1 << 30)
}

function steer() {
  if (verifier === null || performance.now() - lastSteer < STEER_MS) return
  lastSteer = performance.now()
  const elu = performance.eventLoopUtilization()
  const { utilization } = performance.eventLoopUtilization(elu, lastElu)
  lastElu = elu
  const idles = binding.verifierIdles(verifier)
  const ranDry = idles !== lastIdles
  lastIdles = idles
  if (utilization < 0.9) target = Math.max(1, target * 0.9)
  else if (ranDry) target = Math.min(256, target * 1.1 + 1)
}

function rollWindow(now) {
  if (now - windowStart >= WINDOW_MS) {
    busyLastWindow = busyMs > WINDOW_MS * BUSY_SHARE && turnsInWindow > 1
    busyMs = 0
    turnsInWindow = 0
    windowStart = now
  }
}

function noteTurn() {
  if (turn !== lastTurnSeen) {
    lastTurnSeen = turn
    turnsInWindow++
  }
  if (!turnPending) {
    turnPending = true
    setImmediate(() => {
      turn++
      turnPending = false
    }).unref()
  }
}

// Whether the next check should leave the JS thread's current turn.
function shouldOffload() {
  rollWindow(performance.now())
  noteTurn()
  if (sameTurn++ === 0) queueMicrotask(() => (sameTurn = 0))
  return inPool > 0 || inFlight.size > 0 || pending.length > pendingHead || sameTurn > 1 || busyLastWindow
}

// Runs a synchronous check and counts the time it took the JS thread.
function onThread(fn) {
  const start = performance.now()
  try {
    return fn()
  } finally {
    busyMs += performance.now() - start
  }
}

// Counts a libuv pool task (a promise) while it runs.
function counted(task) {
  inPool++
  poolRuns++
  const done = () => inPool--
  task.then(done, done)
  return task
}

function flush() {
  flushQueued = false
  const entries = pending
  const head = pendingHead
  pending = []
  pendingHead = 0
  steer()
  // the threads get what keeps their queue at the target (at least one check: a lone deferred
  // check leaves the JS thread)
  const toPool = head + Math.min(entries.length - head, Math.max(1, Math.round(target) - inFlight.size))
  for (let i = head; i < toPool; i++) toThreads(entries[i])
  if (toPool === entries.length) return
  // the JS thread's share, for at most SLICE_MS at a time: what is left waits for the next
  // turn, so I/O (and the threads' results) are not held up behind a burst
  const start = performance.now()
  let i = toPool
  while (i < entries.length) {
    const e = entries[i++]
    threadRuns++
    try {
      e.resolve(e.onThread())
    } catch (err) {
      e.reject(err)
    }
    if (performance.now() - start > SLICE_MS) break
  }
  busyMs += performance.now() - start
  if (i < entries.length) {
    // what is left goes first next time (without copying a long burst on every slice)
    if (pending.length === 0) {
      pending = entries
      pendingHead = i
    } else pending = entries.slice(i).concat(pending)
    if (!flushQueued) {
      flushQueued = true
      setImmediate(flush)
    }
  }
}

function defer(entry) {
  return new Promise((resolve, reject) => {
    entry.resolve = resolve
    entry.reject = reject
    pending.push(entry)
    // after this turn's microtasks, so that the checks they defer share one flush
    if (!flushQueued) {
      flushQueued = true
      setImmediate(flush)
    }
  })
}

// A verifyJwt check the JS thread deferred: `onThread()` runs it here, `job` holds the same
// check's arguments for a verifier thread. Resolves with the check's result either way.
const deferJwt = (onThreadFn, job) => defer({ onThread: onThreadFn, job })

// Any other deferred check (authenticateRequest's): `start()` begins it at once as its own
// libuv pool task (a promise), without waiting for the next share-out.
const deferTask = (start) => counted(start())

// How many checks went to the pool and how many the JS thread took (for tests and benchmarks).
const stats = () => ({ poolRuns, threadRuns, inPool: inPool + inFlight.size, pending: pending.length - pendingHead, threads: THREADS, target })

module.exports = { shouldOffload, onThread, deferJwt, deferTask, stats }
