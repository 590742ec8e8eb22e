'use strict'
// Where an RSA check runs. One check costs about 20 us; on the JS thread that is the cheapest
// place for a lone call, but it uses one core. When verifications pile up the check moves to
// the libuv thread pool, so both cores work: when several start in one turn of the event loop
// (Promise.all), when some already run on the pool, or when more than half of the last 20 ms
// went to them across several event-loop turns (a server under load; a sequential loop of
// awaits is one turn and gains nothing from a thread hop). Tokens the core has already
// verified need no RSA check and stay on the JS thread.

const { performance } = require('node:perf_hooks')

const WINDOW_MS = 20
const BUSY_SHARE = 0.5

let inPool = 0
let poolRuns = 0
let sameTurn = 0
let windowStart = 0
let busyMs = 0
let busyLastWindow = false
// event-loop turns: counted by setImmediate, which runs only between turns
let turn = 0
let turnPending = false
let turnsInWindow = 0
let lastTurnSeen = -1

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

// Whether the next check should go to the pool.
function shouldOffload() {
  rollWindow(performance.now())
  noteTurn()
  if (sameTurn++ === 0) queueMicrotask(() => (sameTurn = 0))
  return inPool > 0 || sameTurn > 1 || busyLastWindow
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

// Counts a thread-pool task (the promise of an AsyncTask, started by the caller) while it runs.
function inThreadPool(task) {
  inPool++
  poolRuns++
  const done = () => inPool--
  task.then(done, done)
  return task
}

// How many checks went to the pool (for tests and benchmarks).
const stats = () => ({ poolRuns, inPool })

module.exports = { shouldOffload, onThread, inThreadPool, stats }
