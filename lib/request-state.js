'use strict'
// authenticateRequest and the four request states. The rules run in the Rust core
// (crates/clerk-core/src/request_state); this file reads the request, builds the states with
// the reference's exact keys, loads session/user/organization, and makes `toAuth()`.

const binding = require('./native')
const { deprecated } = require('./deprecated')
const { API_URL, API_VERSION } = require('./constants')
const { signedInAuthObject, signedOutAuthObject } = require('./auth-objects')
const { createBackendApiClient } = require('./api')
const { withOrgsWarning } = require('./jwt')
const { assertVerifyOptions, assertTokenOptions } = require('./options')
const { toError } = require('./errors')
const { shouldOffload, onThread, finishStep } = require('./offload')

const AuthStatus = {
  SignedIn: 'signed-in',
  SignedOut: 'signed-out',
  Interstitial: 'interstitial',
  Unknown: 'unknown',
}

// debug() data of a signed-in state: the merged options with `token` and `status`, merged
// only when debug() is called.
const signedInDebugData = (full, token) => () => ({ ...full(), token, status: AuthStatus.SignedIn })

// `options` carries the fields a state shows; `full()` (when given) the whole merged options
// object, which only toAuth().debug() needs and is built only then.
function signedOut(options, reason, message = '', full = () => options) {
  const { frontendApi, publishableKey, proxyUrl, isSatellite, domain, signInUrl, signUpUrl, afterSignInUrl, afterSignUpUrl } = options
  return {
    status: AuthStatus.SignedOut,
    reason,
    message,
    frontendApi,
    proxyUrl,
    publishableKey,
    isSatellite,
    domain,
    signInUrl,
    signUpUrl,
    afterSignInUrl,
    afterSignUpUrl,
    isSignedIn: false,
    isInterstitial: false,
    isUnknown: false,
    toAuth: () => signedOutAuthObject({ ...full(), status: AuthStatus.SignedOut, reason, message }),
    token: null,
  }
}

function interstitial(options, reason, message = '') {
  const { frontendApi, publishableKey, proxyUrl, isSatellite, domain, signInUrl, signUpUrl, afterSignInUrl, afterSignUpUrl } = options
  return {
    status: AuthStatus.Interstitial,
    reason,
    message,
    frontendApi,
    publishableKey,
    isSatellite,
    domain,
    proxyUrl,
    signInUrl,
    signUpUrl,
    afterSignInUrl,
    afterSignUpUrl,
    isSignedIn: false,
    isInterstitial: true,
    isUnknown: false,
    toAuth: () => null,
    token: null,
  }
}

function unknownState(options, reason, message = '') {
  const { frontendApi, publishableKey, isSatellite, domain, signInUrl, signUpUrl, afterSignInUrl, afterSignUpUrl } = options
  return {
    status: AuthStatus.Unknown,
    reason,
    message,
    frontendApi,
    publishableKey,
    isSatellite,
    domain,
    signInUrl,
    signUpUrl,
    afterSignInUrl,
    afterSignUpUrl,
    isSignedIn: false,
    isInterstitial: false,
    isUnknown: true,
    toAuth: () => null,
    token: null,
  }
}

// `options` are the merged options; the reference adds `token` to them for this call.
async function signedIn(options, sessionClaims, token, full = () => options) {
  const { apiKey, secretKey, apiUrl, apiVersion, cookieToken, headerToken, loadSession, loadUser, loadOrganization } = options
  const { sid: sessionId, org_id: orgId, sub: userId } = sessionClaims
  let session, user, organization
  if (loadSession || loadUser || (loadOrganization && orgId)) {
    const { sessions, users, organizations } = createBackendApiClient({ apiKey, secretKey, apiUrl, apiVersion })
    ;[session, user, organization] = await Promise.all([
      loadSession ? sessions.getSession(sessionId) : undefined,
      loadUser ? users.getUser(userId) : undefined,
      loadOrganization && orgId ? organizations.getOrganization({ organizationId: orgId }) : undefined,
    ])
  }
  const authObject = signedInAuthObject(
    sessionClaims,
    { secretKey, apiKey, apiUrl, apiVersion, token: cookieToken || headerToken || '', session, user, organization },
    signedInDebugData(full, token),
  )
  const { frontendApi, proxyUrl, publishableKey, domain, isSatellite, signInUrl, signUpUrl, afterSignInUrl, afterSignUpUrl } = options
  return {
    status: AuthStatus.SignedIn,
    reason: null,
    message: null,
    frontendApi,
    proxyUrl,
    publishableKey,
    domain,
    isSatellite,
    signInUrl,
    signUpUrl,
    afterSignInUrl,
    afterSignUpUrl,
    isSignedIn: true,
    isInterstitial: false,
    isUnknown: false,
    toAuth: () => authObject,
    token,
  }
}

const text = (v) => (typeof v === 'string' ? v : v == null || v === false ? undefined : String(v))

// What the core needs: the options as strings, and the request's raw header values.
function coreInputs(options, request, searchParams) {
  const header = request ? (name) => request.headers.get(name) || undefined : () => undefined
  return {
    secretKey: text(options.secretKey),
    apiKey: text(options.apiKey),
    publishableKey: text(options.publishableKey),
    frontendApi: text(options.frontendApi),
    proxyUrl: text(options.proxyUrl),
    domain: text(options.domain),
    isSatellite: !!options.isSatellite,
    signInUrl: text(options.signInUrl),
    headerToken: text(options.headerToken),
    cookieToken: text(options.cookieToken),
    clientUat: text(options.clientUat),
    origin: text(options.origin),
    host: text(options.host),
    forwardedHost: text(options.forwardedHost),
    forwardedPort: text(options.forwardedPort),
    forwardedProto: text(options.forwardedProto),
    referrer: text(options.referrer),
    userAgent: text(options.userAgent),
    hasRequest: !!request,
    reqAuthorization: header('authorization'),
    reqOrigin: header('origin'),
    reqHost: header('host'),
    reqForwardedHost: header('x-forwarded-host'),
    reqForwardedPort: header('x-forwarded-port'),
    reqCloudfrontForwardedProto: header('cloudfront-forwarded-proto'),
    reqForwardedProto: header('x-forwarded-proto'),
    reqReferrer: header('referer'),
    reqUserAgent: header('user-agent'),
    reqCookie: request && request.headers ? request.headers.get('cookie') || undefined : undefined,
    satelliteUrlParam: searchParams ? searchParams.get('__clerk_satellite_url') || undefined : undefined,
    syncedParam: searchParams ? searchParams.get('__clerk_synced') ?? undefined : undefined,
    jwtKey: text(options.jwtKey),
    apiUrl: text(options.apiUrl),
    apiVersion: text(options.apiVersion),
    audience: options.audience || undefined,
    authorizedParties: options.authorizedParties,
    clockSkewInMs: options.clockSkewInMs,
    clockSkewInSeconds: options.clockSkewInSeconds,
    jwksCacheTtlInMs: options.jwksCacheTtlInMs,
    skipJwksCache: !!options.skipJwksCache,
    jwksTimeoutInMs: options.jwksTimeoutInMs,
  }
}

// The options object the reference builds, which debug() shows: made on demand, once.
function mergedOptions(options, resolved, requestSearchParams) {
  let merged = null
  return () => {
    if (merged) return merged
    const fromRequest = resolved.fromRequest
      ? {
          headerToken: resolved.headerToken,
          origin: resolved.origin,
          host: resolved.host,
          forwardedHost: resolved.forwardedHost,
          forwardedPort: resolved.forwardedPort,
          forwardedProto: resolved.forwardedProto,
          referrer: resolved.referrer,
          userAgent: resolved.userAgent,
        }
      : {}
    merged = {
      ...options,
      ...fromRequest,
      frontendApi: resolved.frontendApi,
      apiUrl: options.apiUrl || API_URL,
      apiVersion: options.apiVersion || API_VERSION,
      cookieToken: resolved.cookieToken,
      clientUat: resolved.clientUat,
      searchParams: options.searchParams || requestSearchParams || undefined,
    }
    return merged
  }
}

// The fields of the merged options that states and signedIn read.
function stateView(options, resolved) {
  return {
    frontendApi: resolved.frontendApi,
    publishableKey: options.publishableKey,
    proxyUrl: options.proxyUrl,
    isSatellite: options.isSatellite,
    domain: options.domain,
    signInUrl: options.signInUrl,
    signUpUrl: options.signUpUrl,
    afterSignInUrl: options.afterSignInUrl,
    afterSignUpUrl: options.afterSignUpUrl,
    apiKey: options.apiKey,
    secretKey: options.secretKey,
    apiUrl: options.apiUrl || API_URL,
    apiVersion: options.apiVersion || API_VERSION,
    cookieToken: resolved.cookieToken,
    headerToken: resolved.fromRequest ? resolved.headerToken : options.headerToken,
    loadSession: options.loadSession,
    loadUser: options.loadUser,
    loadOrganization: options.loadOrganization,
  }
}

function messageOf(decision) {
  if (decision.jsonText != null) {
    try {
      JSON.parse(decision.jsonText)
    } catch (e) {
      return e.message
    }
  }
  return decision.message
}

// A decision from the core; nothing comes back while the JS environment shuts down.
function answered(decision) {
  if (decision == null) throw toError(decision)
  return decision
}

async function authenticateRequest(options) {
  const request = options?.request
  if (options.frontendApi) deprecated('frontendApi', 'Use `publishableKey` instead.')
  if (options.apiKey) deprecated('apiKey', 'Use `secretKey` instead.')
  assertVerifyOptions('authenticateRequest', options)
  assertTokenOptions('authenticateRequest', options)
  const requestSearchParams = request && request.url ? new URL(request.url).searchParams : undefined
  const inputs = coreInputs(options, request, options.searchParams || requestSearchParams)
  // the rules run once, in the core; what is left (a key fetch, or an RSA check deferred while
  // checks pile up) comes back as one pending step that finishes the same decision
  const defer = shouldOffload()
  const now = Date.now()
  const step = answered(onThread(() => binding.authenticateRequest(inputs, now, defer)))
  const decision = answered(step.decision ?? (await finishStep(step)))
  const resolved = step.resolved
  const full = mergedOptions(options, resolved, requestSearchParams)
  const view = stateView(options, resolved)
  switch (decision.kind) {
    case 'throw':
      throw decision.reason === 'Error' ? new Error(decision.message) : toError({ kind: 'dom', name: decision.reason, message: decision.message })
    case 'signed-in':
      try {
        const claims = withOrgsWarning(JSON.parse(decision.payload))
        return await signedIn(view, claims, decision.token, full)
      } catch (err) {
        return signedOut(view, 'unexpected-error', err.message, full)
      }
    default: {
      const message = messageOf(decision)
      if (decision.status === AuthStatus.Unknown) return unknownState(view, decision.reason, message)
      if (decision.status === AuthStatus.Interstitial) return interstitial(view, decision.reason, message)
      return signedOut(view, decision.reason, message, full)
    }
  }
}

const debugRequestState = (params) => {
  const { frontendApi, isSignedIn, proxyUrl, isInterstitial, reason, message, publishableKey, isSatellite, domain } = params
  return { frontendApi, isSignedIn, proxyUrl, isInterstitial, reason, message, publishableKey, isSatellite, domain }
}

module.exports = { AuthStatus, authenticateRequest, debugRequestState, signedOut, interstitial, unknownState }
