'use strict'
// Interstitial pages: the local HTML, the public page's URL and the page fetched from it.
// The HTML and the URL are built in the core (crates/clerk-core/src/interstitial.rs).

const binding = require('./native')
const { deprecated } = require('./deprecated')
const { toError, isFailure } = require('./errors')
const { USER_AGENT } = require('./constants')

const str = (v) => (v == null || v === false ? undefined : String(v))

function value(result) {
  if (isFailure(result)) throw toError(result)
  return result
}

// Like the reference, these functions write the resolved frontendApi back into `options`.
function resolveFrontendApi(options) {
  if (options.frontendApi) deprecated('frontendApi', 'Use `publishableKey` instead.')
  options.frontendApi = value(binding.interstitialFrontendApi(str(options.publishableKey), str(options.frontendApi)))
}

function args(options) {
  return {
    frontendApi: str(options.frontendApi),
    publishableKey: str(options.publishableKey),
    proxyUrl: str(options.proxyUrl),
    domain: str(options.domain),
    signInUrl: str(options.signInUrl),
    clerkJsUrl: str(options.clerkJSUrl),
    clerkJsVersion: str(options.clerkJSVersion),
    pkgVersion: options.pkgVersion === undefined ? undefined : str(options.pkgVersion) || '',
    isSatellite: !!options.isSatellite,
    debugDataJson: JSON.stringify(options.debugData || {}),
    apiUrl: str(options.apiUrl),
  }
}

function loadInterstitialFromLocal(options) {
  if (options.pkgVersion) deprecated('pkgVersion', 'Use `clerkJSVersion` instead.')
  resolveFrontendApi(options)
  return value(binding.localInterstitialHtml(args(options)))
}

function buildPublicInterstitialUrl(options) {
  resolveFrontendApi(options)
  return value(binding.publicInterstitialUrlOf(args(options)))
}

async function loadInterstitialFromBAPI(options) {
  if (options.pkgVersion) deprecated('pkgVersion', 'Use `clerkJSVersion` instead.')
  resolveFrontendApi(options)
  const url = buildPublicInterstitialUrl(options)
  return value(await binding.fetchPublicInterstitial(url, options.userAgent || USER_AGENT, options.timeoutInMs))
}

module.exports = { loadInterstitialFromLocal, loadInterstitialFromBAPI, buildPublicInterstitialUrl }
