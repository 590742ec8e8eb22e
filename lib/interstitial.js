'use strict'
// Interstitial pages: the local HTML, the public page's URL and the page fetched from it.
// The HTML and the URL are built in the core (crates/clerk-core/src/interstitial.rs).

const binding = require('./native')
const { deprecated } = require('./deprecated')
const { unwrap } = require('./errors')
const { optionText } = require('./options')
const { USER_AGENT } = require('./constants')

// Like the reference, these functions write the resolved frontendApi back into `options`.
function resolveFrontendApi(options) {
  if (options.frontendApi) deprecated('frontendApi', 'Use `publishableKey` instead.')
  options.frontendApi = unwrap(binding.interstitialFrontendApi(optionText(options.publishableKey), optionText(options.frontendApi)))
}

function args(options) {
  return {
    frontendApi: optionText(options.frontendApi),
    publishableKey: optionText(options.publishableKey),
    proxyUrl: optionText(options.proxyUrl),
    domain: optionText(options.domain),
    signInUrl: optionText(options.signInUrl),
    clerkJsUrl: optionText(options.clerkJSUrl),
    clerkJsVersion: optionText(options.clerkJSVersion),
    pkgVersion: options.pkgVersion === undefined ? undefined : optionText(options.pkgVersion) || '',
    isSatellite: !!options.isSatellite,
    debugDataJson: JSON.stringify(options.debugData || {}),
    apiUrl: optionText(options.apiUrl),
  }
}

function loadInterstitialFromLocal(options) {
  if (options.pkgVersion) deprecated('pkgVersion', 'Use `clerkJSVersion` instead.')
  resolveFrontendApi(options)
  return unwrap(binding.localInterstitialHtml(args(options)))
}

function buildPublicInterstitialUrl(options) {
  resolveFrontendApi(options)
  return unwrap(binding.publicInterstitialUrlOf(args(options)))
}

async function loadInterstitialFromBAPI(options) {
  if (options.pkgVersion) deprecated('pkgVersion', 'Use `clerkJSVersion` instead.')
  resolveFrontendApi(options)
  const url = buildPublicInterstitialUrl(options)
  return unwrap(await binding.fetchPublicInterstitial(url, options.userAgent || USER_AGENT, options.timeoutInMs))
}

module.exports = { loadInterstitialFromLocal, loadInterstitialFromBAPI, buildPublicInterstitialUrl }
