'use strict'
// createAuthenticateRequest: the request-state functions of a Clerk() instance, with the
// instance's options as build-time defaults and the per-call values winning where set.

const { API_URL, API_VERSION } = require('./constants')
const { authenticateRequest, debugRequestState } = require('./request-state')
const { loadInterstitialFromLocal, loadInterstitialFromBAPI, buildPublicInterstitialUrl } = require('./interstitial')

const OVERRIDDEN = new Set([
  'apiKey',
  'secretKey',
  'audience',
  'frontendApi',
  'proxyUrl',
  'publishableKey',
  'jwtKey',
  'isSatellite',
  'domain',
  'searchParams',
])

function createAuthenticateRequest(params) {
  const { apiClient } = params
  const {
    apiKey: buildtimeApiKey = '',
    secretKey: buildtimeSecretKey = '',
    jwtKey: buildtimeJwtKey = '',
    apiUrl = API_URL,
    apiVersion = API_VERSION,
    frontendApi: buildtimeFrontendApi = '',
    proxyUrl: buildProxyUrl = '',
    publishableKey: buildtimePublishableKey = '',
    isSatellite: buildtimeIsSatellite = false,
    domain: buildtimeDomain = '',
    audience: buildtimeAudience = '',
    userAgent: buildUserAgent,
  } = params.options

  // The per-call options over the instance's (a rest spread, as the reference writes it, is
  // several times slower in V8 than this loop, and this runs on every request).
  const authenticateRequestWithDefaults = (options) => {
    const merged = {}
    for (const key of Object.keys(options)) if (!OVERRIDDEN.has(key)) merged[key] = options[key]
    merged.apiKey = options.apiKey || buildtimeApiKey
    merged.secretKey = options.secretKey || buildtimeSecretKey
    merged.audience = options.audience || buildtimeAudience
    merged.apiUrl = apiUrl
    merged.apiVersion = apiVersion
    merged.frontendApi = options.frontendApi || buildtimeFrontendApi
    merged.proxyUrl = options.proxyUrl || buildProxyUrl
    merged.publishableKey = options.publishableKey || buildtimePublishableKey
    merged.isSatellite = options.isSatellite || buildtimeIsSatellite
    merged.domain = options.domain || buildtimeDomain
    merged.jwtKey = options.jwtKey || buildtimeJwtKey
    merged.searchParams = options.searchParams
    return authenticateRequest(merged)
  }

  const localInterstitial = ({ frontendApi, publishableKey, proxyUrl, isSatellite, domain, ...rest }) =>
    loadInterstitialFromLocal({
      ...rest,
      frontendApi: frontendApi || buildtimeFrontendApi,
      proxyUrl: proxyUrl || buildProxyUrl,
      publishableKey: publishableKey || buildtimePublishableKey,
      isSatellite: isSatellite || buildtimeIsSatellite,
      domain: domain || buildtimeDomain,
    })

  const remotePublicInterstitial = ({ frontendApi, publishableKey, proxyUrl, isSatellite, domain, userAgent, ...rest }) =>
    loadInterstitialFromBAPI({
      ...rest,
      apiUrl,
      frontendApi: frontendApi || buildtimeFrontendApi,
      publishableKey: publishableKey || buildtimePublishableKey,
      proxyUrl: proxyUrl || buildProxyUrl,
      isSatellite: isSatellite || buildtimeIsSatellite,
      domain: domain || buildtimeDomain,
      userAgent: userAgent || buildUserAgent,
    })

  const remotePublicInterstitialUrl = buildPublicInterstitialUrl
  const remotePrivateInterstitial = () => apiClient.interstitial.getInterstitial()

  return {
    authenticateRequest: authenticateRequestWithDefaults,
    localInterstitial,
    remotePublicInterstitial,
    remotePrivateInterstitial,
    remotePublicInterstitialUrl,
    debugRequestState,
  }
}

module.exports = { createAuthenticateRequest }
