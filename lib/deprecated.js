'use strict'
// Deprecation warnings as the reference prints them: once per key, and never when NODE_ENV
// is "test" or "production".

const shown = new Set()

function hidden() {
  try {
    return process.env.NODE_ENV === 'test' || process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}

function deprecated(name, warning, key) {
  const id = key != null ? key : name
  if (shown.has(id) || hidden()) return
  shown.add(id)
  console.warn(
    `Clerk - DEPRECATION WARNING: "${name}" is deprecated and will be removed in the next major release.\n${warning}`,
  )
}

// Turns obj[name] into an accessor that warns when read, as the reference does to every
// decoded payload (so `orgs` exists on all of them, non-enumerable when it was absent).
function deprecatedObjectProperty(obj, name, warning, key) {
  let value = obj[name]
  Object.defineProperty(obj, name, {
    get() {
      deprecated(name, warning, key)
      return value
    },
    set(v) {
      value = v
    },
  })
}

module.exports = { deprecated, deprecatedObjectProperty }
