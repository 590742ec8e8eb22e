'use strict'
// Express middleware built on clerk-backend-native: `withAuth()` and `requireAuth()`.
//
//   const { clerkExpress } = require('./clerk-express')
//   const clerk = clerkExpress({ secretKey, publishableKey, loadUser: true })
//   app.get('/me', clerk.withAuth(), (req, res) => res.json({ userId: req.auth.userId }))
//   app.get('/private', clerk.requireAuth(), (req, res) => res.json({ hello: req.auth.userId }))
//
// Both run `authenticateRequest` on the incoming request and put the request state on
// `req.clerkState` and its `toAuth()` on `req.auth`:
// - signed-in: `req.auth` has userId, sessionId, sessionClaims, orgId... (and user, session,
//   organization when loadUser / loadSession / loadOrganization are on);
// - signed-out: withAuth goes on with a signed-out `req.auth` (userId null); requireAuth answers
//   401 with the reason;
// - interstitial (a browser whose session cookie must be refreshed first): both answer 401 with
//   Clerk's interstitial page, which refreshes the cookie and reloads;
// - unknown (a token in the Authorization header that has expired or is not valid yet): both
//   answer 401, the client should fetch a fresh token and retry.
// Every answer carries the x-clerk-auth-status / -reason / -message headers.

// In your app: require('clerk-backend-native'), or require('@clerk/backend') under the alias.
const { Clerk, constants, createIsomorphicRequest } = require('../..')

// options: those of Clerk() and authenticateRequest(): secretKey, publishableKey, jwtKey,
// apiUrl, authorizedParties, loadUser, loadSession, loadOrganization, ...
function clerkExpress(options = {}) {
  const { loadUser, loadSession, loadOrganization, authorizedParties, audience, ...clientOptions } = options
  const clerk = Clerk(clientOptions)

  // Express's req as the WHATWG Request that authenticateRequest reads: method, URL (with the
  // query) and headers, cookies included.
  function toRequest(req) {
    return createIsomorphicRequest((Request, Headers) => {
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
      }
      let url
      try {
        url = new URL(req.originalUrl || req.url, `${req.protocol}://${req.headers.host || 'localhost'}`)
      } catch {
        url = new URL(req.originalUrl || req.url, 'http://localhost') // a Host header that is not a host
      }
      return new Request(url, { method: req.method, headers })
    })
  }

  function setStateHeaders(res, state) {
    if (state.status) res.set(constants.Headers.AuthStatus, state.status)
    if (state.reason) res.set(constants.Headers.AuthReason, encodeURIComponent(state.reason))
    if (state.message) res.set(constants.Headers.AuthMessage, encodeURIComponent(state.message))
  }

  function sendInterstitial(res, state) {
    if (!state.publishableKey) {
      // Without a publishable key there is no page to build here; the browser has to sign in again.
      return res.status(401).json({ error: 'unauthenticated', status: state.status, reason: state.reason })
    }
    const html = clerk.localInterstitial({
      publishableKey: state.publishableKey,
      proxyUrl: state.proxyUrl,
      domain: state.domain,
      isSatellite: state.isSatellite,
      signInUrl: state.signInUrl,
    })
    return res.status(401).type('html').send(html)
  }

  function middleware(required) {
    return (req, res, next) => {
      clerk
        .authenticateRequest({ request: toRequest(req), loadUser, loadSession, loadOrganization, authorizedParties, audience })
        .then((state) => {
          req.clerkState = state
          setStateHeaders(res, state)
          if (state.isInterstitial) return sendInterstitial(res, state)
          if (state.isUnknown || (required && !state.isSignedIn)) {
            return res.status(401).json({ error: 'unauthenticated', status: state.status, reason: state.reason })
          }
          req.auth = state.toAuth()
          next()
        })
        .catch(next) // Express 4 does not catch a rejected promise itself
    }
  }

  return {
    clerk,
    /** Authenticates every request; signed-out requests go on with a signed-out req.auth. */
    withAuth: () => middleware(false),
    /** Lets only signed-in requests through; others get 401. */
    requireAuth: () => middleware(true),
  }
}

module.exports = { clerkExpress }
