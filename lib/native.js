'use strict'
// Loads the native addon through the generated binding.js. When no binary fits this platform,
// say which platform it is and which package was expected, instead of the loader's generic text.
//
// Bundlers. binding.js is never handed to a bundler: it is loaded with a require made by
// createRequire, which webpack (Next.js), esbuild and the like do not follow, so they never try
// to parse the `.node` file ("Module parse failed"). Where this file runs unbundled (plain
// Node.js, or a bundler told to leave the package external), that require is the one of this
// file, so loading is what `require('../binding')` does. Where this file was bundled, __filename
// is no longer lib/native.js, and binding.js is found at run time from where the bundle runs:
// the package is resolved by its name (@clerk/backend when installed under that alias, or
// clerk-backend-native) with the bundle's own require. The `path.join(__dirname, ...)` below is
// what output file tracing (@vercel/nft, behind Next.js's `.nft.json` files and
// `output: 'standalone'`) reads, in the package, to ship binding.js and, through it, the
// platform package with the `.node` file.

const fs = require('fs')
const path = require('path')
const { createRequire } = require('module')

const TARGETS = {
  'linux-x64-gnu': 'clerk-backend-native-linux-x64-gnu',
  'linux-x64-musl': 'clerk-backend-native-linux-x64-musl',
  'linux-arm64-gnu': 'clerk-backend-native-linux-arm64-gnu',
  'linux-arm64-musl': 'clerk-backend-native-linux-arm64-musl',
  'darwin-x64': 'clerk-backend-native-darwin-x64',
  'darwin-arm64': 'clerk-backend-native-darwin-arm64',
  'win32-x64': 'clerk-backend-native-win32-x64-msvc',
  'win32-arm64': 'clerk-backend-native-win32-arm64-msvc',
}

// The names this package can be installed under.
const NAMES = ['@clerk/backend', 'clerk-backend-native']

function platformName() {
  let libc = ''
  if (process.platform === 'linux') {
    const report = /** @type {any} */ (typeof process.report?.getReport === 'function' ? process.report.getReport() : null)
    libc = report && report.header && report.header.glibcVersionRuntime ? '-gnu' : '-musl'
  }
  return `${process.platform}-${process.arch}${libc}`
}

// binding.js next to lib/, when this file is lib/native.js of the installed package.
function unbundled() {
  const file = path.join(__dirname, '..', 'binding.js')
  return typeof __filename === 'string' && path.basename(__filename) === 'native.js' && fs.existsSync(file) ? file : null
}

// The entry file of this package, found from where a bundle runs, under either name it can be
// installed as. In a webpack bundle (Next.js), __non_webpack_require__ is the bundle's own Node.js
// require; the literal names let @vercel/nft follow the package from a built chunk (Next.js
// keeps that in a route's trace only when the chunk is the route's own: ARCHITECTURE.md, Bundlers).
// Elsewhere (esbuild, ...), the require of the bundle's file, or else of the working directory.
function entries(tried) {
  const found = []
  const attempt = (name, resolve) => {
    try {
      found.push(resolve())
    } catch (e) {
      tried.push(`${name}: ${e.code || e.message}`)
    }
  }
  if (typeof __non_webpack_require__ === 'function') {
    // eslint-disable-next-line no-undef
    attempt('@clerk/backend', () => __non_webpack_require__.resolve('@clerk/backend'))
    // eslint-disable-next-line no-undef
    attempt('clerk-backend-native', () => __non_webpack_require__.resolve('clerk-backend-native'))
  } else {
    const from = typeof __filename === 'string' && path.isAbsolute(__filename) ? __filename : path.join(process.cwd(), 'index.js')
    const req = createRequire(from)
    for (const name of NAMES) attempt(name, () => req.resolve(name))
  }
  return found
}

// binding.js of this package, found from where a bundle runs.
function bundled(tried) {
  for (const entry of entries(tried)) {
    const dir = path.dirname(entry)
    try {
      const { name } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      if (name === 'clerk-backend-native' && fs.existsSync(path.join(dir, 'binding.js'))) return path.join(dir, 'binding.js')
      tried.push(`${entry} is ${name}`)
    } catch (e) {
      tried.push(`${entry}: ${e.code || e.message}`)
    }
  }
  return null
}

function missing(cause, bundledCopy) {
  const platform = platformName()
  const expected = TARGETS[platform]
  const error = /** @type {Error & { code?: string }} */ (
    new Error(
      (expected
        ? `clerk-backend-native: no native binary could be loaded for ${platform}. It comes in the package ${expected}, ` +
          'which npm installs as an optional dependency: reinstall without --no-optional / --omit=optional ' +
          `(or add ${expected} to your dependencies), or build from source with \`npm run build\` (needs Rust).`
        : `clerk-backend-native: no prebuilt native binary exists for ${platform}; ` +
          `supported: ${Object.keys(TARGETS).join(', ')}. Build from source with \`npm run build\` (needs Rust).`) +
        (bundledCopy
          ? ' This copy was bundled: at run time it loads binding.js and the binary from node_modules, ' +
            'so the package (clerk-backend-native or its @clerk/backend alias) and its platform package must be installed where the bundle runs.'
          : ''),
    )
  )
  error.code = 'ERR_CLERK_NATIVE_BINARY_MISSING'
  error.cause = cause
  return error
}

function load() {
  let file = unbundled()
  const bundledCopy = file === null
  const tried = []
  if (bundledCopy) file = bundled(tried)
  if (file === null) throw missing(new Error(`clerk-backend-native: binding.js not found (${tried.join('; ')})`), true)
  try {
    // unbundled, this is require('../binding') of this file
    return createRequire(bundledCopy ? file : __filename)(file)
  } catch (cause) {
    throw missing(cause, bundledCopy)
  }
}

/** @type {typeof import('../binding')} the generated binding's types (binding.d.ts) */
module.exports = load()
