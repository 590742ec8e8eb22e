'use strict'
// The objects `toAuth()` returns, and the helpers around them, with the reference's shapes.

const { deprecated } = require('./deprecated')
const { createBackendApiClient } = require('./api')

// debug() shows the options, with keys cut to the reference's 7-character prefix. The data is
// merged when debug() is called rather than for every request (the objects are not changed
// in between).
function createDebug(data, more) {
  return () => {
    const res = { ...data, ...(typeof more === 'function' ? more() : more) }
    res.apiKey = (res.apiKey || '').substring(0, 7)
    res.secretKey = (res.secretKey || '').substring(0, 7)
    res.jwtKey = (res.jwtKey || '').substring(0, 7)
    return { ...res }
  }
}

/** @param {{ fetcher?: Function, sessionToken?: string, sessionId?: string }} [params] */
function createGetToken({ fetcher, sessionToken, sessionId } = {}) {
  return async (options = {}) => {
    if (!sessionId) return null
    if (options.template) return fetcher(sessionId, options.template)
    return sessionToken
  }
}

function createHasAuthorization({ orgId, orgRole, userId, orgPermissions }) {
  return (params) => {
    if (!params?.permission && !params?.role) {
      throw new Error(
        'Missing parameters. `has` from `auth` or `getAuth` requires a permission or role key to be passed. Example usage: `has({permission: "org:posts:edit"`',
      )
    }
    if (!orgId || !userId || !orgRole || !orgPermissions) return false
    if (params.permission) return orgPermissions.includes(params.permission)
    if (params.role) return orgRole === params.role
    return false
  }
}

function signedInAuthObject(sessionClaims, options, debugData) {
  const {
    act: actor,
    sid: sessionId,
    org_id: orgId,
    org_role: orgRole,
    org_slug: orgSlug,
    org_permissions: orgPermissions,
    sub: userId,
  } = sessionClaims
  const { apiKey, secretKey, apiUrl, apiVersion, token, session, user, organization } = options
  if (apiKey) deprecated('apiKey', 'Use `secretKey` instead.')
  // The reference builds this client on every call; it is only needed for getToken({ template }).
  let sessions = null
  const fetcher = (...args) => {
    sessions = sessions || createBackendApiClient({ apiKey, secretKey, apiUrl, apiVersion }).sessions
    return sessions.getToken(...args)
  }
  const getToken = createGetToken({ sessionId, sessionToken: token, fetcher })
  return {
    actor,
    sessionClaims,
    sessionId,
    session,
    userId,
    user,
    orgId,
    orgRole,
    orgSlug,
    orgPermissions,
    organization,
    getToken,
    has: createHasAuthorization({ orgId, orgRole, orgPermissions, userId }),
    debug: createDebug(options, debugData),
  }
}

function signedOutAuthObject(debugData) {
  if (debugData?.apiKey) deprecated('apiKey', 'Use `secretKey` instead.')
  return {
    sessionClaims: null,
    sessionId: null,
    session: null,
    userId: null,
    user: null,
    actor: null,
    orgId: null,
    orgRole: null,
    orgSlug: null,
    orgPermissions: null,
    organization: null,
    getToken: () => Promise.resolve(null),
    has: () => false,
    debug: createDebug(debugData),
  }
}

function prunePrivateMetadata(resource) {
  if (resource) {
    delete resource['privateMetadata']
    delete resource['private_metadata']
  }
  return resource
}

function sanitizeAuthObject(authObject) {
  const user = authObject.user ? { ...authObject.user } : authObject.user
  const organization = authObject.organization ? { ...authObject.organization } : authObject.organization
  prunePrivateMetadata(user)
  prunePrivateMetadata(organization)
  return { ...authObject, user, organization }
}

const makeAuthObjectSerializable = (obj) => {
  const { debug, getToken, has, ...rest } = obj
  return rest
}

module.exports = {
  signedInAuthObject,
  signedOutAuthObject,
  prunePrivateMetadata,
  sanitizeAuthObject,
  makeAuthObjectSerializable,
}
