'use strict'
// redirect({ redirectAdapter, signInUrl, signUpUrl, publishableKey }): the targets are built
// in the core (crates/clerk-core/src/redirect.rs); the adapter is called here.

const binding = require('./native')
const { deprecated } = require('./deprecated')
const { unwrap } = require('./errors')
const { optionText } = require('./options')

function redirect({ redirectAdapter, signUpUrl, signInUrl, frontendApi, publishableKey }) {
  if (frontendApi) deprecated('frontendApi', 'Use `publishableKey` instead.')
  const accountsBase = unwrap(binding.redirectAccountsBase(optionText(frontendApi), optionText(publishableKey)))
  /** @param {{ returnBackUrl?: string }} [options] */
  const redirectToSignUp = ({ returnBackUrl } = {}) =>
    redirectAdapter(unwrap(binding.redirectTarget(true, optionText(signUpUrl), accountsBase, optionText(returnBackUrl))))
  /** @param {{ returnBackUrl?: string }} [options] */
  const redirectToSignIn = ({ returnBackUrl } = {}) =>
    redirectAdapter(unwrap(binding.redirectTarget(false, optionText(signInUrl), accountsBase, optionText(returnBackUrl))))
  return { redirectToSignUp, redirectToSignIn }
}

module.exports = { redirect }
