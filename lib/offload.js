'use strict'
// Where an RSA check runs. One check costs about 20 us; on the JS thread that is the cheapest
// place for a lone call, but it uses one core. When verifications pile up, the core is asked to
// stop before the RSA check (tokens it has verified before need none and answer at once), and
// the check goes either to the libuv thread pool or, when the pool already has all it can
// use, to a queue that the JS thread works through between turns of the event loop, so the JS
// thread verifies too instead of waiting while the pool catches up.
//
// "Pile up" means: several start in one turn of the event loop (Promise.all), some already run
// on the pool or wait in the queue, or more than half of the last 20 ms went to them across
// several event-loop turns (a server under load; a sequential loop of awaits is one turn and
// gains nothing from a thread hop).
//
// The pool gets at most one task per core but one (the JS thread has the last core), and never
// more than libuv has threads: more tasks than cores only adds thread switches.

const os = require('node:os')
const { performance } = require('node:perf_hooks')

const WINDOW_MS = 20
const BUSY_SHARE = 0.5
// how long the JS thread works through the queue before it lets the event loop turn
const SLICE_MS = 0.05

const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length
const uvThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4
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
// checks waiting for the pool or the JS thread: { onThread, inPool, resolve, reject }
const queue = []
let drainPending = false

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
  return inPool > 0 || queue.length > 0 || sameTurn > 1 || busyLastWindow
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

// Starts a thread-pool task (`start` returns the promise of an AsyncTask) and counts it while
// it runs; when it ends, the oldest queued check takes its place.
function inThreadPool(start) {
  inPool++
  poolRuns++
  const done = () => {
    inPool--
    if (queue.length > 0 && inPool < POOL_TASKS) {
      const job = queue.shift()
      inThreadPool(job.inPool).then(job.resolve, job.reject)
    }
  }
  const task = start()
  task.then(done, done)
  return task
}

// The JS thread's share: checks from the queue, for one slice, then a turn of the event loop
// (which delivers the pool's results) before the next slice.
function drain() {
  drainPending = false
  // the pool may have taken every queued check since this drain was scheduled
  const end = performance.now() + SLICE_MS
  while (queue.length > 0) {
    const job = queue.shift()
    threadRuns++
    try {
      job.resolve(onThread(job.onThread))
    } catch (err) {
      job.reject(err)
    }
    if (performance.now() >= end) break
  }
  if (queue.length > 0) scheduleDrain()
}

function scheduleDrain() {
  if (!drainPending) {
    drainPending = true
    setImmediate(drain)
  }
}

// An RSA check the JS thread deferred: `onThread()` runs it here (synchronously), `inPool()`
// starts it on the pool. Resolves with the check's result either way.
function runDeferred(onThreadFn, inPoolFn) {
  if (inPool < POOL_TASKS) return inThreadPool(inPoolFn)
  return new Promise((resolve, reject) => {
    queue.push({ onThread: onThreadFn, inPool: inPoolFn, resolve, reject })
    scheduleDrain()
  })
}

// How many checks went to the pool and to the JS thread's queue (for tests and benchmarks).
const stats = () => ({ poolRuns, threadRuns, inPool, queued: queue.length, poolTasks: POOL_TASKS })

module.exports = { shouldOffload, onThread, inThreadPool, runDeferred, stats }
