'use strict'
// Clerk(options): the Backend API namespaces and the request-state functions, with the
// options given here as defaults.

const { createBackendApiClient } = require('./api')
const { deprecatedObjectProperty } = require('./deprecated')
const { createAuthenticateRequest } = require('./factory')

function Clerk(options) {
  const opts = { ...options }
  const apiClient = createBackendApiClient(opts)
  const requestState = createAuthenticateRequest({ options: opts, apiClient })
  const instance = {
    ...apiClient,
    ...requestState,
    /** @deprecated */
    __unstable_options: opts,
  }
  deprecatedObjectProperty(instance, '__unstable_options', 'Use `createClerkClient({...})` to create a new clerk instance instead.')
  return instance
}

module.exports = { Clerk }
