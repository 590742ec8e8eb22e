'use strict'
// createAuthenticateRequest: the request-state functions of a Clerk() instance, with the
// instance's options as build-time defaults and the per-call values winning where set.

const { API_URL, API_VERSION } = require('./constants')
const { authenticateRequest, debugRequestState } = require('./request-state')
const { loadInterstitialFromLocal, loadInterstitialFromBAPI, buildPublicInterstitialUrl } = require('./interstitial')

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

  const authenticateRequestWithDefaults = ({
    apiKey,
    secretKey,
    audience,
    frontendApi,
    proxyUrl,
    publishableKey,
    jwtKey,
    isSatellite,
    domain,
    searchParams,
    ...rest
  }) =>
    authenticateRequest({
      ...rest,
      apiKey: apiKey || buildtimeApiKey,
      secretKey: secretKey || buildtimeSecretKey,
      audience: audience || buildtimeAudience,
      apiUrl,
      apiVersion,
      frontendApi: frontendApi || buildtimeFrontendApi,
      proxyUrl: proxyUrl || buildProxyUrl,
      publishableKey: publishableKey || buildtimePublishableKey,
      isSatellite: isSatellite || buildtimeIsSatellite,
      domain: domain || buildtimeDomain,
      jwtKey: jwtKey || buildtimeJwtKey,
      searchParams,
    })

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
