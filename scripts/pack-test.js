'use strict'
// Packs clerk-backend-native and its linux-x64-gnu binary package as npm would publish them,
// installs both in empty projects (no Rust on PATH; only the registry for the JS
// dependencies), and uses them: from CommonJS, from ESM with named imports, and under the
// alias @clerk/backend. Without the binary package, loading must name the platform and the
// package it expected. Prints "pack-test: N passed, M failed".

const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { runSync, MINUTE } = require('./proc')

const root = path.join(__dirname, '..')
const platformDir = path.join(root, 'npm', 'linux-x64-gnu')
const addon = 'clerk-backend-native.linux-x64-gnu.node'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-native-pack-'))
const noRust = { ...process.env, PATH: ['/usr/local/bin', '/usr/bin', '/bin'].join(':'), npm_config_loglevel: 'error' }
const npm = (args, cwd) =>
  runSync('npm', args, {
    cwd,
    what: `npm ${args[0]} in ${cwd}`,
    timeoutMs: 10 * MINUTE,
    env: { ...process.env, npm_config_loglevel: 'error' },
  })
const node = (file, cwd) => runSync(process.execPath, [file], { cwd, what: `node ${file} in ${cwd}`, timeoutMs: 2 * MINUTE, env: noRust })

let passed = 0
let failed = 0
function check(name, fn) {
  try {
    fn()
    passed++
    console.log(`ok - ${name}`)
  } catch (e) {
    failed++
    console.log(
      `not ok - ${name}\n${String(e.stack || e)
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}`,
    )
  }
}

function pack(dir) {
  const out = JSON.parse(npm(['pack', '--json', '--pack-destination', work], dir))
  return { file: path.join(work, out[0].filename), files: out[0].files.map((f) => f.path) }
}

fs.copyFileSync(path.join(root, addon), path.join(platformDir, addon))
let main
let binary
try {
  main = pack(root)
  binary = pack(platformDir)
} finally {
  fs.rmSync(path.join(platformDir, addon), { force: true })
}

check('the main tarball carries JS, types and no Rust or binaries', () => {
  for (const f of ['index.js', 'index.mjs', 'index.d.ts', 'binding.js', 'lib/api.js', 'types/api.d.ts'])
    assert.ok(main.files.includes(f), f)
  assert.ok(!main.files.some((f) => f.endsWith('.node') || f.endsWith('.rs') || f.startsWith('crates/')), main.files.join(' '))
  assert.deepEqual(binary.files.sort(), [addon, 'package.json', 'README.md'].sort())
})

const SCRIPT_CJS = `
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const pkg = require(process.argv[2] || PKG)
const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const now = Math.floor(Date.now() / 1000)
pkg.signJwt({ sub: 'user_1', exp: now + 60 }, privateKey.export({ type: 'pkcs8', format: 'pem' }), { algorithm: 'RS256' })
  .then((token) => pkg.verifyToken(token, { jwtKey: publicKey.export({ type: 'spki', format: 'pem' }), issuer: null }))
  .then((payload) => {
    assert.equal(payload.sub, 'user_1')
    assert.equal(Object.keys(pkg).length, 42)
    assert.equal(typeof pkg.Clerk({ secretKey: 'sk_test_x' }).users.getUser, 'function')
    console.log('works')
  })
`

function project(name, deps, extraArgs = []) {
  const dir = path.join(work, name)
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }))
  npm(['install', '--no-audit', '--no-fund', ...extraArgs, ...deps], dir)
  return dir
}

check('installs with its binary package and works from CommonJS, without Rust', () => {
  const dir = project('cjs', [main.file, binary.file])
  fs.writeFileSync(path.join(dir, 'cjs.js'), SCRIPT_CJS.replace('PKG', "'clerk-backend-native'"))
  assert.equal(node('cjs.js', dir).trim(), 'works')
  fs.writeFileSync(
    path.join(dir, 'esm.mjs'),
    `import { Clerk, verifyToken, decodeJwt } from 'clerk-backend-native'
import * as all from 'clerk-backend-native'
if (typeof Clerk !== 'function' || typeof verifyToken !== 'function' || typeof decodeJwt !== 'function') throw new Error('missing')
if (Object.keys(all).length !== 42) throw new Error('exports: ' + Object.keys(all).length)
console.log('esm works')`,
  )
  assert.equal(node('esm.mjs', dir).trim(), 'esm works')
})

check('works under the alias @clerk/backend', () => {
  const dir = project('alias', [`@clerk/backend@file:${main.file}`, binary.file])
  fs.writeFileSync(path.join(dir, 'cjs.js'), SCRIPT_CJS.replace('PKG', "'@clerk/backend'"))
  assert.equal(node('cjs.js', dir).trim(), 'works')
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', '@clerk', 'backend', 'package.json'), 'utf8'))
  assert.equal(manifest.name, 'clerk-backend-native')
})

check('without the binary package, loading names the platform and the package', () => {
  const dir = project('missing', [main.file], ['--omit=optional'])
  fs.writeFileSync(path.join(dir, 'load.js'), "try { require('clerk-backend-native') } catch (e) { console.log(e.code + ' ' + e.message) }")
  const out = node('load.js', dir)
  assert.match(out, /^ERR_CLERK_NATIVE_BINARY_MISSING /)
  assert.match(out, /linux-x64-gnu/)
  assert.match(out, /clerk-backend-native-linux-x64-gnu/)
})

fs.rmSync(work, { recursive: true, force: true })
console.log(`pack-test: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
