'use strict'
// Child processes with a deadline. Every script and test that starts a process goes through
// here (or passes its own `timeout`), so nothing in `npm test` can wait forever: a child that
// outlives its deadline is killed, and the error names what hung, for how long, and (for a
// Node child, where gdb is installed) what its threads were doing.

const { execFileSync, spawn } = require('node:child_process')

const MINUTE = 60_000

class Hung extends Error {
  constructor(what, ms, detail) {
    super(`${what} hung: no end after ${Math.round(ms / 1000)} s${detail ? `\n${detail}` : ''}`)
    this.name = 'Hung'
  }
}

// The native stacks of a live process, shortened to the frames that say something (or '' when
// gdb is missing or cannot attach).
function backtrace(pid) {
  try {
    const out = execFileSync('gdb', ['-p', String(pid), '-batch', '-ex', 'thread apply all bt 12'], {
      encoding: 'utf8',
      timeout: MINUTE,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    // each thread, without Node's idle helper threads and the frames of waiting itself
    const threads = out
      .split(/\n(?=Thread )/)
      .filter(
        (t) =>
          (/^Thread /.test(t) && !/PlatformWorkerThread|SignalInspector|uv__io_poll/.test(t)) || /napi|clerk|Runtime_|Builtins_/.test(t),
      )
    const lines = []
    for (const t of threads) {
      for (const l of t.split('\n')) {
        if (/^Thread /.test(l) || (/^#\d+ /.test(l) && !/futex|pthread_cond|clone3|start_thread/.test(l))) lines.push(l.slice(0, 300))
      }
    }
    return lines.length ? `its threads (gdb):\n${lines.map((l) => `  ${l}`).join('\n')}` : ''
  } catch {
    return ''
  }
}

// execFileSync with a deadline: throws Hung (with the child's output so far) when it passes.
function runSync(file, args, { what = `${file} ${args.join(' ')}`, timeoutMs = 10 * MINUTE, ...options } = {}) {
  try {
    return execFileSync(file, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...options, timeout: timeoutMs, killSignal: 'SIGKILL' })
  } catch (e) {
    if (e.code === 'ETIMEDOUT' || (e.signal === 'SIGKILL' && e.status === null)) {
      const tail = String(e.stdout || '')
        .split('\n')
        .slice(-15)
        .join('\n')
      const hung = new Hung(what, timeoutMs, tail && `its last output:\n${tail}`)
      hung.stdout = e.stdout
      hung.stderr = e.stderr
      throw hung
    }
    throw e
  }
}

// Runs a child to its end and resolves with { status, signal, stdout, stderr, hung }. Past the
// deadline, the child's stacks are taken and it is killed; `hung` is then the Hung error.
function run(file, args, { what = `${file} ${args.join(' ')}`, timeoutMs = 10 * MINUTE, input, ...options } = {}) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let hung = null
    let ended = false
    let grace = null
    const end = (status, signal, extra = '') => {
      if (ended) return
      ended = true
      clearTimeout(timer)
      clearTimeout(grace)
      resolve({ status, signal, stdout, stderr: stderr + extra, hung })
    }
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d))
    child.stdin.on('error', () => {})
    child.stdin.end(input)
    const timer = setTimeout(() => {
      const tail = stdout.split('\n').slice(-15).join('\n')
      hung = new Hung(what, timeoutMs, [tail && `its last output:\n${tail}`, backtrace(child.pid)].filter(Boolean).join('\n'))
      child.kill('SIGKILL')
      // a grandchild that keeps the pipes open would hold 'close' back: give up on it
      grace = setTimeout(() => end(null, 'SIGKILL'), 5000)
    }, timeoutMs)
    child.on('error', (error) => end(null, null, String(error)))
    child.on('close', (status, signal) => end(status, signal))
  })
}

module.exports = { MINUTE, Hung, runSync, run, backtrace }
