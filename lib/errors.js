'use strict'
// The reference's TokenVerificationError, and the translation of the core's failures
// (plain objects from the binding) into the errors the reference throws.

class TokenVerificationError extends Error {
  constructor({ action, message, reason }) {
    super(message)
    Object.setPrototypeOf(this, TokenVerificationError.prototype)
    this.reason = reason
    this.message = message
    this.action = action
  }

  getFullMessage() {
    return `${[this.message, this.action].filter((m) => m).join(' ')} (reason=${this.reason}, token-carrier=${/** @type {any} */ (this).tokenCarrier})`
  }
}

function domError(message, name) {
  if (name === 'TypeError') return new TypeError(message)
  if (typeof DOMException === 'function') return new DOMException(message, name)
  const e = new Error(message)
  e.name = name
  return e
}

// `failure` is the binding's Failure object: { kind, message, reason?, action?, name?, text? }.
// What a binding call gives back when the JS environment is shutting down (a worker_thread
// being terminated): napi calls fail and return nothing, and this is the error in their place.
const SHUTTING_DOWN = 'clerk-backend-native: the call was cut off because this JS environment is shutting down'

function toError(failure) {
  if (failure === null || typeof failure !== 'object') return new Error(SHUTTING_DOWN)
  switch (failure.kind) {
    case 'token':
      return new TokenVerificationError({
        action: failure.action === null ? undefined : failure.action,
        message: failure.message,
        reason: failure.reason,
      })
    case 'syntax':
      return new SyntaxError(failure.message)
    case 'json':
      // JSON.parse itself gives the exact message the reference shows.
      try {
        JSON.parse(failure.text)
      } catch (e) {
        return e
      }
      return new SyntaxError(failure.message)
    case 'type': {
      const error = /** @type {TypeError & { code?: string }} */ (new TypeError(failure.message))
      // as Node's URL parser marks it
      if (failure.message === 'Invalid URL') error.code = 'ERR_INVALID_URL'
      return error
    }
    case 'dom':
      return domError(failure.message, failure.name)
    default:
      return new Error(failure.message)
  }
}

/**
 * @param {unknown} result
 * @returns {result is import('../binding').Failure}
 */
function isFailure(result) {
  return result !== null && typeof result === 'object' && typeof (/** @type {{ kind?: unknown }} */ (result).kind) === 'string'
}

// A binding result, or the error its Failure stands for, thrown.
function unwrap(result) {
  if (isFailure(result)) throw toError(result)
  return result
}

module.exports = { SHUTTING_DOWN, TokenVerificationError, toError, isFailure, unwrap }
