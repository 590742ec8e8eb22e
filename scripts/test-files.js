'use strict'
// Runs the test files of __test__ (or those named on the command line), each in its own Node
// process with a deadline, as `node --test` would (each file is run as `node file`, so the
// process that hangs is the test's own): a file that hangs is killed and named, with its
// threads' stacks, instead of holding up the run forever. Prints one line per
// file, the failing tests' TAP blocks, and a total; exits 1 if any file failed or hung.
//
//   node scripts/test-files.js [file ...]
//   TEST_FILE_TIMEOUT_S=600  the deadline of one file
//
// scripts/node-matrix.js runs the same files under other Node versions through runFiles().

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { run } = require('./proc')

const root = path.join(__dirname, '..')
const FILE_TIMEOUT_MS = Number(process.env.TEST_FILE_TIMEOUT_S || 600) * 1000

const allFiles = () =>
  fs
    .readdirSync(path.join(root, '__test__'))
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join('__test__', f))

// The lines of a TAP stream that say why it failed: the `not ok` lines and their details.
function failures(tap) {
  const lines = tap.split('\n')
  const shown = []
  lines.forEach((l, i) => {
    if (!/^\s*not ok/.test(l)) return
    shown.push(l)
    // the block's details (error, expected, actual, ...), without the stack
    let inStack = false
    let kept = 0
    for (let k = i + 1; k < lines.length && kept < 40 && !/^\s*(ok|not ok) \d+/.test(lines[k]); k++) {
      if (/^\s*stack:/.test(lines[k])) inStack = true
      else if (/^\s*[a-zA-Z]+:/.test(lines[k])) inStack = false
      if (inStack || /^\s*(---|\.\.\.)\s*$/.test(lines[k]) || /^\s*duration_ms:/.test(lines[k])) continue
      shown.push(lines[k].slice(0, 600))
      kept++
    }
  })
  return shown
}

// Runs `files` with the Node binary `node` (`argsFor(file)` gives its arguments), `jobs` at a
// time. Resolves with the number of files that failed.
async function runFiles({ files, node = process.execPath, argsFor, label = '', jobs }) {
  const queue = [...files]
  let failed = 0
  async function next() {
    const file = queue.shift()
    if (file === undefined) return
    const started = Date.now()
    const what = `${file}${label}`
    const r = await run(node, argsFor(file), { cwd: root, what, timeoutMs: FILE_TIMEOUT_MS, env: process.env })
    const secs = ((Date.now() - started) / 1000).toFixed(0)
    const oks = (r.stdout.match(/^\s*ok \d+ /gm) || []).length
    if (r.status === 0 && !r.hung) {
      console.log(`ok - ${what} (${oks} tests and subtests ok, ${secs} s)`)
    } else {
      failed++
      const why = r.hung ? r.hung.message : `exit code ${r.status}${r.signal ? `, signal ${r.signal}` : ''}`
      const shown = failures(r.stdout)
      console.log(`not ok - ${what} (${secs} s): ${why.split('\n')[0]}`)
      if (shown.length) console.log(shown.join('\n'))
      if (r.hung) console.log(r.hung.message.split('\n').slice(1).join('\n'))
      const err = r.stderr.trim()
      if (err)
        console.log(
          err
            .split('\n')
            .slice(-30)
            .map((l) => `  stderr: ${l}`)
            .join('\n'),
        )
    }
    return next()
  }
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length
  // as node --test: one file per core but one
  const n = jobs || Math.max(1, cores - 1)
  await Promise.all(Array.from({ length: Math.min(n, files.length) }, next))
  return failed
}

// The arguments a test file runs with under Node `major`: Node 16 has no --test-reporter (its
// node:test prints TAP anyway) and lacks what the tests use from newer versions (fetch,
// Request, Blob, structuredClone, t.after, t.mock), which __test__/setup/node16.js supplies.
const argsForNode = (major) =>
  major <= 16 ? (file) => ['--require', path.join(root, '__test__', 'setup', 'node16.js'), file] : (file) => ['--test-reporter=tap', file]

module.exports = { allFiles, runFiles, failures, argsForNode, FILE_TIMEOUT_MS }

if (require.main === module) {
  const files = process.argv.slice(2).length ? process.argv.slice(2) : allFiles()
  runFiles({ files, argsFor: argsForNode(Number(process.versions.node.split('.')[0])) }).then((failed) => {
    console.log(`test-files: ${files.length - failed} of ${files.length} files passed`)
    process.exit(failed ? 1 : 0)
  })
}
