'use strict'
// Where an RSA check runs. One check costs about 20 us; on the JS thread that is the cheapest
// place for a lone call, but it uses one core. When verifications pile up, the core is asked to
// stop before the RSA check (tokens it has verified before need none and answer at once), and
// the deferred check goes to a queue that the verifier threads and the JS thread both work
// through (see below). The same policy and the same queue serve verifyJwt, verifyToken and
// authenticateRequest: the latter two queue the core's pending step (which owns the token, the
// parsed key and what deciding needs), so the rules never run twice.
//
// "Pile up" means: several start in one turn of the event loop (Promise.all), some already
// wait or run off the JS thread, or more than half of the last 20 ms went to them across
// several event-loop turns (a server under load, whose next request can go ahead while a check
// runs elsewhere). A caller that awaits each check before it starts the next gains nothing from
// a thread hop: when a window deferred checks under load but never had two out at once, load
// alone stops deferring for QUIET_WINDOWS windows, then tries again.

const os = require('node:os')
const { performance } = require('node:perf_hooks')
const binding = require('./native')

const WINDOW_MS = 20
const BUSY_SHARE = 0.5
const QUIET_WINDOWS = 10
// the longest the JS thread works through deferred checks before the event loop turns
const SLICE_MS = 2

const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length

let verifierThreadRuns = 0
let jsThreadRuns = 0
let sameTurn = 0
let windowStart = 0
let busyMs = 0
let busyLastWindow = false
// this window: how many checks were deferred, and the most out at once
let deferredInWindow = 0
let mostOut = 0
let quietWindows = 0
// event-loop turns: counted by setImmediate, which runs only between turns
let turn = 0
let turnPending = false
let turnsInWindow = 0
let lastTurnSeen = -1
// The verifier threads (clerk-core's verifier_queue.rs, through src/verifier.rs): one per core but the JS thread's. A deferred check goes
// into their queue in Rust at once; they take checks from it as long as it has any, so they
// never wait for the JS thread between two checks, and wake it once when results wait. Once a
// turn the JS thread helps: it runs queued checks itself, oldest first, until KEEP are left (of
// a small burst, its share as one more thread) or SLICE_MS has passed; and a burst that queues
// faster than the threads verify has the JS thread run one check per call beyond KEEP. So
// neither side idles while checks wait, with no share to guess.
const THREADS = Math.max(1, cores - 1)
let verifier = null
let nextId = 1
// id -> the resolve function of each check in the queue or on a thread
const inFlight = new Map()
let keepAlive = null
let helpQueued = false
// checks the JS thread leaves in the queue when it helps: the threads work on them while it
// hands out results (and the calls those start queue more); chosen by measurement
// (bench/NOTES.md, "How many checks the JS thread leaves")
const KEEP = 8 * THREADS

// Resolves the checks whose results came back (from the threads, or run by the JS thread).
function settle(taken) {
  // nothing comes back while the JS environment shuts down
  if (taken == null) return
  const { ids, results, own } = taken
  jsThreadRuns += own
  verifierThreadRuns += ids.length - own
  for (let i = 0; i < ids.length; i++) {
    const resolve = inFlight.get(ids[i])
    if (resolve === undefined) continue
    inFlight.delete(ids[i])
    resolve(results[i])
  }
  if (inFlight.size === 0 && keepAlive !== null) {
    clearInterval(keepAlive)
    keepAlive = null
  }
}

const takeResults = () => settle(binding.verifierTake(verifier))

function help() {
  helpQueued = false
  const start = performance.now()
  const taken = binding.verifierHelp(verifier, SLICE_MS, KEEP)
  busyMs += performance.now() - start
  settle(taken)
  // what is left waits for the next turn, so I/O is not held up behind a burst
  if (taken != null && taken.queued > KEEP) queueHelp()
}

// One queued check, run by the JS thread at once.
function helpNow() {
  const start = performance.now()
  const taken = binding.verifierHelp(verifier, 0, KEEP)
  busyMs += performance.now() - start
  settle(taken)
  queueHelp()
}

function queueHelp() {
  if (helpQueued) return
  helpQueued = true
  // after this turn's microtasks, so that the checks they defer are queued first
  setImmediate(help)
}

function rollWindow(now) {
  if (now - windowStart >= WINDOW_MS) {
    if (deferredInWindow >= 4 && mostOut <= 1) quietWindows = QUIET_WINDOWS
    else if (quietWindows > 0) quietWindows--
    busyLastWindow = quietWindows === 0 && busyMs > WINDOW_MS * BUSY_SHARE && turnsInWindow > 1
    deferredInWindow = 0
    mostOut = 0
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
function shouldDefer() {
  rollWindow(performance.now())
  noteTurn()
  if (sameTurn++ === 0) queueMicrotask(() => (sameTurn = 0))
  return inFlight.size > 0 || sameTurn > 1 || busyLastWindow
}

// Counts a check that left the JS thread's turn.
function noteDeferred() {
  deferredInWindow++
  const out = inFlight.size
  if (out > mostOut) mostOut = out
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

// Queues one check for the verifier threads: `push(verifier, id)` adds it to the Rust queue and
// returns how many wait. Resolves with the check's result; a push the binding refuses rejects
// this check alone.
function enqueue(push) {
  // (a throw in the executor rejects the promise)
  return new Promise((resolve) => {
    if (verifier === null) verifier = binding.verifierStart(takeResults, THREADS)
    const id = nextId
    nextId = nextId >= 0x7fffffff ? 1 : nextId + 1
    const queued = push(verifier, id)
    inFlight.set(id, resolve)
    noteDeferred()
    // the threads' wake-up call does not keep the process alive on its own
    if (keepAlive === null) keepAlive = setInterval(() => {}, 1 << 30)
    // a burst that outruns the threads: the JS thread takes one check now (the oldest), as it
    // would have without them, rather than letting the queue grow until the turn ends
    if (queued > KEEP) helpNow()
    else queueHelp()
  })
}

// A verifyJwt check the JS thread deferred (the binding's verifyJwt arguments, with the issuer a
// string or undefined).
const deferJwt = (token, key, keyText, claims, nowMs) => enqueue((v, id) => binding.verifierPush(v, id, token, key, keyText, claims, nowMs))

// The RSA check of a pending step of authenticateRequest or verifyToken (`next` is
// 'check-signature'): resolves with the step's outcome.
const deferPending = (pending) => enqueue((v, id) => binding.verifierPushPending(v, id, pending))

// Finishes the pending step of a request or a verifyToken call: an RSA check goes to the
// verifier queue, a key fetch (and the check after it) to the core's async runtime.
const finishStep = (step) => (step.next === 'check-signature' ? deferPending(step.pending) : binding.finishPending(step.pending))

// How many deferred checks ran on other threads and how many the JS thread took (for tests and benchmarks).
const stats = () => ({ verifierThreadRuns, jsThreadRuns, inFlight: inFlight.size, threads: THREADS })

module.exports = { shouldDefer, onThread, deferJwt, finishStep, stats }
