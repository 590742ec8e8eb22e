'use strict'
// Builds the native addon when it is missing or older than the Rust sources, so that
// `npm test` and `npm run demo` work on a fresh clone (this needs a Rust toolchain).

const fs = require('node:fs')
const path = require('node:path')
const { runSync, MINUTE } = require('./proc')

const root = path.join(__dirname, '..')
const addon = path.join(root, `clerk-backend-native.${process.platform}-${process.arch}-gnu.node`)
const generated = [path.join(root, 'binding.js'), path.join(root, 'binding.d.ts')]

function newest(dir) {
  let latest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) latest = Math.max(latest, newest(full))
    else latest = Math.max(latest, fs.statSync(full).mtimeMs)
  }
  return latest
}

function needsBuild() {
  if (![addon, ...generated].every((f) => fs.existsSync(f))) return true
  const built = fs.statSync(addon).mtimeMs
  const sources = Math.max(
    newest(path.join(root, 'src')),
    newest(path.join(root, 'crates', 'clerk-core', 'src')),
    fs.statSync(path.join(root, 'Cargo.toml')).mtimeMs,
    fs.statSync(path.join(root, 'crates', 'clerk-core', 'Cargo.toml')).mtimeMs,
  )
  return sources > built
}

if (process.platform === 'linux' && process.arch === 'x64' && needsBuild()) {
  console.log('clerk-backend-native: building the native addon (release)...')
  runSync('npm', ['run', 'build'], { cwd: root, what: 'npm run build (the addon)', timeoutMs: 45 * MINUTE, stdio: 'inherit' })
}
