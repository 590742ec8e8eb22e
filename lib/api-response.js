'use strict'
// Turns the outcome of a Backend API call (computed in Rust) into the reference's result:
// deserialized resources, or a ClerkAPIResponseError with its fields.

const { ClerkAPIResponseError } = require('@clerk/shared/error')
const { deserialize } = require('./resources')
const { toError } = require('./errors')

/** @param {{ status?: any, statusText?: string, clerkTraceId?: string, errors: any[] }} answer */
function apiError({ status, statusText, clerkTraceId, errors }) {
  const error = new ClerkAPIResponseError(statusText || '', { data: [], status: status || '', clerkTraceId })
  error.errors = errors
  return error
}

// The reference's `unexpected_error` shape (no status) for answers it could not use.
function unexpected(message, clerkTraceId) {
  return apiError({ errors: [{ code: 'unexpected_error', message: message || 'Unexpected error' }], clerkTraceId })
}

// errors arrive as JSON with absent fields left out; the reference's objects have them all.
function clerkErrors(json) {
  return JSON.parse(json).map((e) => ({
    code: e.code,
    message: e.message,
    longMessage: e.longMessage,
    meta: { paramName: e.paramName, sessionId: e.sessionId },
  }))
}

const OUTCOMES = new Set(['ok', 'api-error', 'unexpected'])

function settle(outcome) {
  if (!OUTCOMES.has(outcome.kind)) throw toError(outcome)
  if (outcome.kind === 'ok') {
    try {
      return deserialize(outcome.isJson ? JSON.parse(outcome.body) : outcome.body)
    } catch (e) {
      throw unexpected(e && e.message, outcome.clerkTraceId)
    }
  }
  if (outcome.kind === 'api-error') {
    throw apiError({
      status: outcome.status,
      statusText: outcome.statusText,
      clerkTraceId: outcome.clerkTraceId,
      errors: clerkErrors(outcome.errors),
    })
  }
  let message = outcome.message
  if (outcome.jsonText != null) {
    try {
      JSON.parse(outcome.jsonText)
    } catch (e) {
      message = e.message
    }
  }
  throw unexpected(message, outcome.clerkTraceId)
}

module.exports = { settle }
