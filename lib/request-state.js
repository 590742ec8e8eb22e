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
const { assertVerifyOptions, assertTokenOptions, optionText } = require('./options')
const { toError } = require('./errors')
const { shouldDefer, onThread, finishStep } = require('./verifier')

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

// The session, user and organization a signed-in state loads, when the options ask for any
// (otherwise the state is built without waiting).
const needsResources = (options, claims) => options.loadSession || options.loadUser || (options.loadOrganization && claims().org_id)

// A verified payload's claims, parsed when first asked for: the core has parsed this JSON text
// already, and serde_json accepts no text that JSON.parse refuses, so the parse cannot fail
// later than it would have here. Without loads, only toAuth() asks.
function claimsOf(payload) {
  let claims = null
  return () => (claims ??= withOrgsWarning(JSON.parse(payload)))
}

async function loadResources(options, claims) {
  const { apiKey, secretKey, apiUrl, apiVersion, loadSession, loadUser, loadOrganization } = options
  const { sid: sessionId, org_id: orgId, sub: userId } = claims
  const { sessions, users, organizations } = createBackendApiClient({ apiKey, secretKey, apiUrl, apiVersion })
  return Promise.all([
    loadSession ? sessions.getSession(sessionId) : undefined,
    loadUser ? users.getUser(userId) : undefined,
    loadOrganization && orgId ? organizations.getOrganization({ organizationId: orgId }) : undefined,
  ])
}

// `options` are the merged options; the reference adds `token` to them for this call.
// `authToken` is what the auth object carries: the merged `cookieToken || headerToken`.
// `claims` gives the session claims (parsed on first use).
function signedIn(options, claims, token, authToken, full, [session, user, organization] = []) {
  const { apiKey, secretKey, apiUrl, apiVersion } = options
  // built on the first toAuth() (the same object every time after), as many callers never ask
  let authObject = null
  const toAuth = () =>
    (authObject ??= signedInAuthObject(
      claims(),
      { secretKey, apiKey, apiUrl, apiVersion, token: authToken || '', session, user, organization },
      signedInDebugData(full, token),
    ))
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
    toAuth,
    token,
  }
}

// The configuration part of the options, converted once into a core handle (binding.authSetup)
// and found again by its values: a server passes the same options with every request. The last
// configuration is checked first, value by value; others are found by a key made of them.
const setups = new Map()
const MAX_SETUPS = 64
let lastValues = null
let lastSetup = null
const listKey = (v) => (v === undefined ? '' : typeof v === 'string' ? `s${v}` : `j${JSON.stringify(v)}`)
// a value as part of a configuration's key: strings with their length, so no two lists of
// values share a key whatever characters they hold; other values by type and text
const keyPart = (v) => (typeof v === 'string' ? `${v.length}:${v}` : `${typeof v}:${String(v)}`)

// A list option's key; a value JSON cannot take gives a key equal to nothing, so the options
// are checked (and refused) again.
const safeListKey = (v) => {
  try {
    return listKey(v)
  } catch {
    return {}
  }
}

// The core handle of the options' configuration. The options are type-checked when they are
// not the last configuration's values (the same values pass the same checks).
function authSetup(options) {
  const values = [
    options.secretKey,
    options.apiKey,
    options.publishableKey,
    options.frontendApi,
    options.proxyUrl,
    options.domain,
    options.isSatellite,
    options.signInUrl,
    options.jwtKey,
    options.apiUrl,
    options.apiVersion,
    // lists by their content: an array changed in place is a new configuration
    safeListKey(options.audience || undefined),
    safeListKey(options.authorizedParties),
    options.clockSkewInMs,
    options.clockSkewInSeconds,
    options.jwksCacheTtlInMs,
    options.skipJwksCache,
    options.jwksTimeoutInMs,
  ]
  if (lastValues !== null && values.every((v, i) => v === lastValues[i])) return lastSetup
  assertVerifyOptions('authenticateRequest', options)
  assertTokenOptions('authenticateRequest', options)
  const [secretKey, apiKey, publishableKey, frontendApi, proxyUrl, domain, isSatellite, signInUrl, jwtKey, apiUrl, apiVersion] = values
  const [audienceKey, partiesKey, clockSkewInMs, clockSkewInSeconds, jwksCacheTtlInMs, skipJwksCache, jwksTimeoutInMs] = values.slice(11)
  const config = {
    secretKey: optionText(secretKey),
    apiKey: optionText(apiKey),
    publishableKey: optionText(publishableKey),
    frontendApi: optionText(frontendApi),
    proxyUrl: optionText(proxyUrl),
    domain: optionText(domain),
    isSatellite: !!isSatellite,
    signInUrl: optionText(signInUrl),
    jwtKey: optionText(jwtKey),
    apiUrl: optionText(apiUrl),
    apiVersion: optionText(apiVersion),
    clockSkewInMs,
    clockSkewInSeconds,
    jwksCacheTtlInMs,
    skipJwksCache: !!skipJwksCache,
    jwksTimeoutInMs,
  }
  const key = [...Object.values(config), audienceKey, partiesKey].map(keyPart).join(',')
  let setup = setups.get(key)
  if (setup === undefined) {
    setup = binding.authSetup({ ...config, audience: options.audience || undefined, authorizedParties: options.authorizedParties })
    if (setups.size >= MAX_SETUPS) setups.clear()
    setups.set(key, setup)
  }
  lastValues = values
  lastSetup = setup
  return setup
}

// The per-request options that override the request's headers, when any was given.
function overridesOf(options) {
  const { headerToken, cookieToken, clientUat, origin, host, forwardedHost, forwardedPort, forwardedProto, referrer, userAgent } = options
  if (!(
    headerToken ||
    cookieToken ||
    clientUat ||
    origin ||
    host ||
    forwardedHost ||
    forwardedPort ||
    forwardedProto ||
    referrer ||
    userAgent
  )) {
    return undefined
  }
  // the reference merges with `option || header`: a falsy option (`clientUat: 0`) gives way to
  // the header, whichever other option is given
  const given = (v) => (v ? optionText(v) : undefined)
  return {
    headerToken: given(headerToken),
    cookieToken: given(cookieToken),
    clientUat: given(clientUat),
    origin: given(origin),
    host: given(host),
    forwardedHost: given(forwardedHost),
    forwardedPort: given(forwardedPort),
    forwardedProto: given(forwardedProto),
    referrer: given(referrer),
    userAgent: given(userAgent),
  }
}

// The request's raw header values, in the order the binding takes them (null: no request).
// Unless `all` is asked for, the first read is what the rules need in the usual case: with an
// Authorization header, it and Cookie; otherwise those and Origin, Referer and User-Agent, and
// the host headers only when an Origin or a Referer must be compared with them. The core
// checks what it was given and answers `needsAllHeaders` when it needs more.
function headerValues(request, all) {
  if (!request) return null
  const h = request.headers
  const get = (name) => h.get(name) || undefined
  const authorization = get('authorization')
  const cookie = get('cookie')
  if (authorization && !all) return [authorization, cookie]
  const origin = get('origin')
  const referer = get('referer')
  const userAgent = get('user-agent')
  if (!origin && !referer && !all) return [authorization, cookie, origin, referer, userAgent]
  return [
    authorization,
    cookie,
    origin,
    referer,
    userAgent,
    get('host'),
    get('x-forwarded-host'),
    get('x-forwarded-port'),
    get('cloudfront-forwarded-proto'),
    get('x-forwarded-proto'),
  ]
}

const NO_PARAMS = () => undefined
// The request's search parameters as the reference reads them (`new URL(request.url)`, which
// throws for an invalid URL), parsed at most once. A WHATWG Request's url was parsed by its
// constructor, so one without a query is parsed only when debug() shows its (empty) params:
// `params(true)` gives undefined for those, which the rules read as they read empty params.
function searchParamsOf(request) {
  const url = request ? request.url : undefined
  if (!url) return NO_PARAMS
  if (typeof Request === 'function' && request instanceof Request && !url.includes('?')) {
    let params
    return (skipEmpty) => (skipEmpty ? undefined : (params ??= new URL(url).searchParams))
  }
  const params = new URL(url).searchParams
  return () => params
}

// One call into the core with the request's raw header values.
function decide(setup, overrides, hv, searchParams, now, defer) {
  const satellite = searchParams ? searchParams.get('__clerk_satellite_url') || undefined : undefined
  const synced = searchParams ? (searchParams.get('__clerk_synced') ?? undefined) : undefined
  return binding.authenticateRequest(setup, overrides, hv, satellite, synced, now, defer)
}

// The merged values the core resolved from the same inputs (`options.x || header`), which only
// debug() shows: asked for then.
function resolvedOf(setup, overrides, hv) {
  return binding.authResolved(setup, overrides, hv)
}

// The options object the reference builds, which debug() shows: made on demand, once.
function mergedOptions(options, resolve, requestSearchParams) {
  let merged = null
  return () => {
    if (merged) return merged
    const resolved = resolve()
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
      searchParams: options.searchParams || requestSearchParams() || undefined,
    }
    return merged
  }
}

// The fields of the merged options that states and signedIn read.
function stateView(options, frontendApi) {
  return {
    frontendApi,
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

// A pending step that failed inside the binding gives a Failure in its place: thrown as its
// error, never read as a state.
const DECISION_KINDS = new Set(['state', 'signed-in', 'throw'])
function answered(decision) {
  if (decision == null || !DECISION_KINDS.has(decision.kind)) throw toError(decision)
  return decision
}

async function authenticateRequest(options) {
  const request = options?.request
  if (options.frontendApi) deprecated('frontendApi', 'Use `publishableKey` instead.')
  if (options.apiKey) deprecated('apiKey', 'Use `secretKey` instead.')
  // (the options are type-checked here, before anything else can throw)
  const setup = authSetup(options)
  const requestSearchParams = searchParamsOf(request)
  // the rules run once, in the core; what is left (a key fetch, or an RSA check deferred while
  // checks pile up) comes back as one pending step that finishes the same decision
  const defer = shouldDefer()
  const now = Date.now()
  const overrides = overridesOf(options)
  const searchParams = options.searchParams || requestSearchParams(true)
  let hv = headerValues(request, false)
  let step = onThread(() => decide(setup, overrides, hv, searchParams, now, defer))
  if (step != null && step.needsAllHeaders) {
    hv = headerValues(request, true)
    step = onThread(() => decide(setup, overrides, hv, searchParams, now, defer))
  }
  // nothing comes back while the JS environment shuts down
  if (step == null) throw toError(step)
  const decision = answered(step.decision ?? (await finishStep(step)))
  // debug() shows every merged header value: those not read yet are read then
  const full = mergedOptions(
    options,
    () => resolvedOf(setup, overrides, hv !== null && hv.length < 10 ? headerValues(request, true) : hv),
    requestSearchParams,
  )
  const view = stateView(options, step.frontendApi)
  switch (decision.kind) {
    case 'throw':
      throw decision.reason === 'Error'
        ? new Error(decision.message)
        : toError({ kind: 'dom', name: decision.reason, message: decision.message })
    case 'signed-in':
      try {
        const claims = claimsOf(decision.payload)
        const resources = needsResources(view, claims) ? await loadResources(view, claims()) : undefined
        return signedIn(view, claims, decision.token, step.authToken ?? decision.token, full, resources)
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
