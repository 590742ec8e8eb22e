'use strict'
// redirect({ redirectAdapter, signInUrl, signUpUrl, publishableKey }): the targets are built
// in the core (crates/clerk-core/src/redirect.rs); the adapter is called here.

const binding = require('./native')
const { deprecated } = require('./deprecated')
const { toError, isFailure } = require('./errors')

const str = (v) => (v == null || v === false ? undefined : String(v))

function value(result) {
  if (isFailure(result)) throw toError(result)
  return result
}

function redirect({ redirectAdapter, signUpUrl, signInUrl, frontendApi, publishableKey }) {
  if (frontendApi) deprecated('frontendApi', 'Use `publishableKey` instead.')
  const accountsBase = value(binding.redirectAccountsBase(str(frontendApi), str(publishableKey)))
  /** @param {{ returnBackUrl?: string }} [options] */
  const redirectToSignUp = ({ returnBackUrl } = {}) =>
    redirectAdapter(value(binding.redirectTarget(true, str(signUpUrl), accountsBase, str(returnBackUrl))))
  /** @param {{ returnBackUrl?: string }} [options] */
  const redirectToSignIn = ({ returnBackUrl } = {}) =>
    redirectAdapter(value(binding.redirectTarget(false, str(signInUrl), accountsBase, str(returnBackUrl))))
  return { redirectToSignUp, redirectToSignIn }
}

module.exports = { redirect }
