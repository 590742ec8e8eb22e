'use strict'
// Comparable forms of values and errors, for the request-state differential tests: class
// names without the reference's leading underscore, errors as plain data.

const ctorName = (v) => (v && v.constructor ? v.constructor.name.replace(/^_/, '') : typeof v)

function errorInfo(e) {
  if (!(e instanceof Error) && (typeof e !== 'object' || e === null)) return { thrownValue: e }
  const info = { type: ctorName(e), message: e.message }
  for (const k of ['code', 'reason', 'action', 'status', 'clerkTraceId', 'errors'])
    if (e[k] !== undefined) info[k] = JSON.parse(JSON.stringify(e[k]))
  return info
}

async function outcome(fn) {
  try {
    return { ok: true, value: await fn() }
  } catch (e) {
    return { ok: false, error: errorInfo(e) }
  }
}

// class names of a value and of everything inside it
function classTree(v, at = '$', out = {}) {
  if (v && typeof v === 'object') {
    out[at] = ctorName(v)
    for (const [k, x] of Object.entries(v)) classTree(x, `${at}.${k}`, out)
  }
  return out
}

module.exports = { ctorName, errorInfo, outcome, classTree }
