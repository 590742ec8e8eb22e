'use strict'
// Loads the native addon through the generated binding.js. When no binary fits this platform,
// say which platform it is and which package was expected, instead of the loader's generic text.

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

function platformName() {
  let libc = ''
  if (process.platform === 'linux') {
    const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null
    libc = report && report.header && report.header.glibcVersionRuntime ? '-gnu' : '-musl'
  }
  return `${process.platform}-${process.arch}${libc}`
}

function load() {
  try {
    return require('../binding')
  } catch (cause) {
    const platform = platformName()
    const expected = TARGETS[platform]
    const error = new Error(
      expected
        ? `clerk-backend-native: no native binary could be loaded for ${platform}. It comes in the package ${expected}, ` +
            'which npm installs as an optional dependency: reinstall without --no-optional / --omit=optional ' +
            `(or add ${expected} to your dependencies), or build from source with \`npm run build\` (needs Rust).`
        : `clerk-backend-native: no prebuilt native binary exists for ${platform}; ` +
            `supported: ${Object.keys(TARGETS).join(', ')}. Build from source with \`npm run build\` (needs Rust).`,
    )
    error.code = 'ERR_CLERK_NATIVE_BINARY_MISSING'
    error.cause = cause
    throw error
  }
}

module.exports = load()
