'use strict'
// Where an RSA check runs. One check costs about 20 us; on the JS thread that is the cheapest
// place for a lone call, but it uses one core. When verifications pile up, the core is asked to
// stop before the RSA check (tokens it has verified before need none and answer at once), and
// the deferred checks are shared out: the ones deferred in one turn of the event loop are collected,
// a share goes to the libuv thread pool as one batch task per spare core (one hop to the pool
// for many checks, not one each), and the JS thread does the rest meanwhile. The share is set
// from how fast each side was on the last batches, so both finish together.
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

const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length
const uvThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4
// pool tasks per batch: one per core but the JS thread's, and no more than libuv has threads
const POOL_TASKS = Math.max(1, Math.min(cores - 1, uvThreads))

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
// deferred checks waiting for the next share-out: { onThread, job | start, resolve, reject }
let pending = []
let flushQueued = false
// the share of deferred checks that goes to the pool, steered so that the pool's time on a
// batch matches the JS thread's time between share-outs (then neither waits for the other)
let share = 0.5
let lastElu = performance.eventLoopUtilization()
let lastPoolMs = 0

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
  return inPool > 0 || pending.length > 0 || sameTurn > 1 || busyLastWindow
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

const clamp = (x, lo, hi) => Math.min(Math.max(x, lo), hi)

// Counts a pool task (a promise of `checks` checks) while it runs.
function counted(task, checks = 1) {
  inPool++
  poolRuns += checks
  const done = () => inPool--
  task.then(done, done)
  return task
}

// One batch of verifyJwt jobs on the pool; each job's promise settles with its result.
function runBatch(entries) {
  counted(binding.verifyJwtBatch(entries.map((e) => e.job)), entries.length).then(
    ({ results, computeMs }) => {
      lastPoolMs = Math.max(lastPoolMs, computeMs)
      for (let i = 0; i < entries.length; i++) entries[i].resolve(results[i])
    },
    (err) => {
      for (const e of entries) e.reject(err)
    },
  )
}

function flush() {
  flushQueued = false
  const entries = pending
  pending = []
  // steer the share: a pool that spent less time on its batch than the JS thread spent busy
  // since the last share-out gets more (time the JS thread sat idle waiting does not count)
  const elu = performance.eventLoopUtilization()
  const { active } = performance.eventLoopUtilization(elu, lastElu)
  lastElu = elu
  if (lastPoolMs > 0 && active < 50) share = clamp(share * (active / lastPoolMs) ** 0.25, 0.05, 0.95)
  lastPoolMs = 0
  // checks for the pool, and at least one while it has an idle thread (so a lone deferred
  // check leaves the JS thread)
  const toPool = Math.min(entries.length, Math.max(inPool < POOL_TASKS ? 1 : 0, Math.round(entries.length * share)))
  const batches = Array.from({ length: Math.min(POOL_TASKS, toPool) }, () => [])
  for (let i = 0; i < toPool; i++) {
    const e = entries[i]
    if (e.job) batches[i % batches.length].push(e)
    else counted(e.start()).then(e.resolve, e.reject)
  }
  for (const b of batches) if (b.length > 0) runBatch(b)
  if (toPool === entries.length) return
  const start = performance.now()
  for (let i = toPool; i < entries.length; i++) {
    const e = entries[i]
    threadRuns++
    try {
      e.resolve(e.onThread())
    } catch (err) {
      e.reject(err)
    }
  }
  busyMs += performance.now() - start
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

// A verifyJwt check the JS thread deferred: `onThread()` runs it here, `job` is the same check
// for `verifyJwtBatch` on the pool. Resolves with the check's result either way.
const deferJwt = (onThreadFn, job) => defer({ onThread: onThreadFn, job })

// Any other deferred check: `start()` begins it as its own pool task (a promise).
const deferTask = (onThreadFn, start) => defer({ onThread: onThreadFn, start })

// How many checks went to the pool and how many the JS thread took (for tests and benchmarks).
const stats = () => ({ poolRuns, threadRuns, inPool, pending: pending.length, poolTasks: POOL_TASKS, share })

module.exports = { shouldOffload, onThread, deferJwt, deferTask, stats }
