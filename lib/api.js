'use strict'
// The Backend API client of @clerk/backend 0.38.15: 14 namespaces, 63 methods. Each method
// names its arguments and hands them to the Rust core (crates/clerk-core/src/api), which
// knows each endpoint's path, ids, query and body.

const { Blob: NodeBlob } = require('node:buffer')
const binding = require('./native')
const { deprecated } = require('./deprecated')
const { settle } = require('./api-response')

const BlobClass = typeof Blob === 'function' ? Blob : NodeBlob

// A FormData field as the core takes it: a file for Blobs (and Buffers), text otherwise.
async function formField(name, value) {
  if (value instanceof BlobClass) {
    return {
      name,
      bytes: Buffer.from(await value.arrayBuffer()),
      // a File has a name; a plain Blob does not
      filename:
        typeof (/** @type {any} */ (value).name) === 'string' && /** @type {any} */ (value).name ? /** @type {any} */ (value).name : 'blob',
      contentType: value.type || 'application/octet-stream',
    }
  }
  if (ArrayBuffer.isView(value)) {
    return {
      name,
      bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength),
      filename: 'blob',
      contentType: 'application/octet-stream',
    }
  }
  return { name, value: String(value) }
}

// Native clients by their options: one keep-alive pool per distinct set of credentials and
// URLs, made on first use (authenticateRequest builds API clients per call, as the reference
// does, and most are never called).
const clients = new Map()
const MAX_CLIENTS = 64

function nativeClient(settings) {
  const key = JSON.stringify(settings)
  let client = clients.get(key)
  if (!client) {
    client = new binding.BackendApi(settings)
    clients.set(key, client)
    if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value)
  }
  return client
}

function buildRequest(options) {
  let api = null
  return async function request(name, args, form) {
    const { apiKey, httpOptions } = options
    if (apiKey) deprecated('apiKey', 'Use `secretKey` instead.')
    if (httpOptions) {
      deprecated(
        'httpOptions',
        'This option has been deprecated and will be removed with the next major release.\nA RequestInit init object used by the `request` method.',
      )
    }
    if (!api) {
      api = nativeClient({
        secretKey: typeof options.secretKey === 'string' ? options.secretKey : undefined,
        apiKey: typeof apiKey === 'string' ? apiKey : undefined,
        apiUrl: options.apiUrl,
        apiVersion: options.apiVersion,
        userAgent: options.userAgent,
        timeoutInMs: options.timeoutInMs,
        headers: httpOptions && httpOptions.headers ? plainHeaders(httpOptions.headers) : undefined,
      })
    }
    return settle(await api.call(name, JSON.stringify(args), form))
  }
}

function plainHeaders(headers) {
  const out = {}
  const entries = typeof headers.entries === 'function' && !Array.isArray(headers) ? headers.entries() : Object.entries(headers)
  for (const [k, v] of entries) out[k] = String(v)
  return out
}

class AbstractAPI {
  constructor(request) {
    this.request = request
  }
}

class AllowlistIdentifierAPI extends AbstractAPI {
  async getAllowlistIdentifierList() {
    return this.request('allowlistIdentifiers.getAllowlistIdentifierList', {})
  }
  async createAllowlistIdentifier(params) {
    return this.request('allowlistIdentifiers.createAllowlistIdentifier', { params })
  }
  async deleteAllowlistIdentifier(allowlistIdentifierId) {
    return this.request('allowlistIdentifiers.deleteAllowlistIdentifier', { id: allowlistIdentifierId })
  }
}

class ClientAPI extends AbstractAPI {
  async getClientList() {
    return this.request('clients.getClientList', {})
  }
  async getClient(clientId) {
    return this.request('clients.getClient', { id: clientId })
  }
  verifyClient(token) {
    return this.request('clients.verifyClient', { token })
  }
}

class DomainAPI extends AbstractAPI {
  async deleteDomain(id) {
    return this.request('domains.deleteDomain', { id })
  }
}

class EmailAddressAPI extends AbstractAPI {
  async getEmailAddress(emailAddressId) {
    return this.request('emailAddresses.getEmailAddress', { id: emailAddressId })
  }
  async createEmailAddress(params) {
    return this.request('emailAddresses.createEmailAddress', { params })
  }
  async updateEmailAddress(emailAddressId, params = {}) {
    return this.request('emailAddresses.updateEmailAddress', { id: emailAddressId, params })
  }
  async deleteEmailAddress(emailAddressId) {
    return this.request('emailAddresses.deleteEmailAddress', { id: emailAddressId })
  }
}

const GONE = 'This endpoint is no longer available and the function will be removed in the next major version.'

class EmailAPI extends AbstractAPI {
  /** @deprecated */
  async createEmail(params) {
    deprecated('EmailAPI.createEmail', GONE)
    return this.request('emails.createEmail', { params })
  }
}

class InterstitialAPI extends AbstractAPI {
  async getInterstitial() {
    deprecated('getInterstitial()', 'Switch to `Clerk(...).localInterstitial(...)` from `import { Clerk } from "@clerk/backend"`.')
    return this.request('interstitial.getInterstitial', {})
  }
}

class InvitationAPI extends AbstractAPI {
  async getInvitationList(params = {}) {
    return this.request('invitations.getInvitationList', { params })
  }
  async createInvitation(params) {
    return this.request('invitations.createInvitation', { params })
  }
  async revokeInvitation(invitationId) {
    return this.request('invitations.revokeInvitation', { id: invitationId })
  }
}

class OrganizationAPI extends AbstractAPI {
  async getOrganizationList(params) {
    return this.request('organizations.getOrganizationList', { params })
  }
  async createOrganization(params) {
    return this.request('organizations.createOrganization', { params })
  }
  async getOrganization(params) {
    const idOrSlug = 'organizationId' in params ? params.organizationId : params.slug
    return this.request('organizations.getOrganization', { idOrSlug })
  }
  async updateOrganization(organizationId, params) {
    return this.request('organizations.updateOrganization', { id: organizationId, params })
  }
  async updateOrganizationLogo(organizationId, params) {
    if (!organizationId) return this.request('organizations.updateOrganizationLogo', {})
    const form = [await formField('file', params?.file), await formField('uploader_user_id', params?.uploaderUserId)]
    return this.request('organizations.updateOrganizationLogo', { id: organizationId }, form)
  }
  async deleteOrganizationLogo(organizationId) {
    return this.request('organizations.deleteOrganizationLogo', { id: organizationId })
  }
  async updateOrganizationMetadata(organizationId, params) {
    return this.request('organizations.updateOrganizationMetadata', { id: organizationId, params })
  }
  async deleteOrganization(organizationId) {
    return this.request('organizations.deleteOrganization', { id: organizationId })
  }
  async getOrganizationMembershipList(params) {
    const { organizationId, limit, offset } = params
    return this.request('organizations.getOrganizationMembershipList', { organizationId, limit, offset })
  }
  async createOrganizationMembership(params) {
    const { organizationId, userId, role } = params
    return this.request('organizations.createOrganizationMembership', { organizationId, userId, role })
  }
  async updateOrganizationMembership(params) {
    const { organizationId, userId, role } = params
    return this.request('organizations.updateOrganizationMembership', { organizationId, userId, role })
  }
  async updateOrganizationMembershipMetadata(params) {
    const { organizationId, userId, publicMetadata, privateMetadata } = params
    return this.request('organizations.updateOrganizationMembershipMetadata', { organizationId, userId, publicMetadata, privateMetadata })
  }
  async deleteOrganizationMembership(params) {
    const { organizationId, userId } = params
    return this.request('organizations.deleteOrganizationMembership', { organizationId, userId })
  }
  async getOrganizationInvitationList(params) {
    const { organizationId, status, limit, offset } = params
    return this.request('organizations.getOrganizationInvitationList', { organizationId, status, limit, offset })
  }
  /** @deprecated Use `getOrganizationInvitationList` with `status` instead. */
  async getPendingOrganizationInvitationList(params) {
    deprecated('getPendingOrganizationInvitationList', 'Use `getOrganizationInvitationList` instead.')
    const { organizationId, limit, offset } = params
    return this.request('organizations.getPendingOrganizationInvitationList', { organizationId, limit, offset })
  }
  async createOrganizationInvitation(params) {
    return this.request('organizations.createOrganizationInvitation', { ...params })
  }
  async getOrganizationInvitation(params) {
    const { organizationId, invitationId } = params
    return this.request('organizations.getOrganizationInvitation', { organizationId, invitationId })
  }
  async revokeOrganizationInvitation(params) {
    const { organizationId, invitationId, requestingUserId } = params
    return this.request('organizations.revokeOrganizationInvitation', { organizationId, invitationId, requestingUserId })
  }
}

class PhoneNumberAPI extends AbstractAPI {
  async getPhoneNumber(phoneNumberId) {
    return this.request('phoneNumbers.getPhoneNumber', { id: phoneNumberId })
  }
  async createPhoneNumber(params) {
    return this.request('phoneNumbers.createPhoneNumber', { params })
  }
  async updatePhoneNumber(phoneNumberId, params = {}) {
    return this.request('phoneNumbers.updatePhoneNumber', { id: phoneNumberId, params })
  }
  async deletePhoneNumber(phoneNumberId) {
    return this.request('phoneNumbers.deletePhoneNumber', { id: phoneNumberId })
  }
}

class RedirectUrlAPI extends AbstractAPI {
  async getRedirectUrlList() {
    return this.request('redirectUrls.getRedirectUrlList', {})
  }
  async getRedirectUrl(redirectUrlId) {
    return this.request('redirectUrls.getRedirectUrl', { id: redirectUrlId })
  }
  async createRedirectUrl(params) {
    return this.request('redirectUrls.createRedirectUrl', { params })
  }
  async deleteRedirectUrl(redirectUrlId) {
    return this.request('redirectUrls.deleteRedirectUrl', { id: redirectUrlId })
  }
}

class SessionAPI extends AbstractAPI {
  async getSessionList(queryParams) {
    return this.request('sessions.getSessionList', { params: queryParams })
  }
  async getSession(sessionId) {
    return this.request('sessions.getSession', { id: sessionId })
  }
  async revokeSession(sessionId) {
    return this.request('sessions.revokeSession', { id: sessionId })
  }
  async verifySession(sessionId, token) {
    return this.request('sessions.verifySession', { id: sessionId, token })
  }
  async getToken(sessionId, template) {
    return (await this.request('sessions.getToken', { id: sessionId, template })).jwt
  }
}

class SignInTokenAPI extends AbstractAPI {
  async createSignInToken(params) {
    return this.request('signInTokens.createSignInToken', { params })
  }
  async revokeSignInToken(signInTokenId) {
    return this.request('signInTokens.revokeSignInToken', { id: signInTokenId })
  }
}

class SMSMessageAPI extends AbstractAPI {
  /** @deprecated */
  async createSMSMessage(params) {
    deprecated('SMSMessageAPI.createSMSMessage', GONE)
    return this.request('smsMessages.createSMSMessage', { params })
  }
}

class UserAPI extends AbstractAPI {
  async getUserList(params = {}) {
    return this.request('users.getUserList', { params })
  }
  async getUser(userId) {
    return this.request('users.getUser', { id: userId })
  }
  async createUser(params) {
    return this.request('users.createUser', { params })
  }
  async updateUser(userId, params = {}) {
    return this.request('users.updateUser', { id: userId, params })
  }
  async updateUserProfileImage(userId, params) {
    if (!userId) return this.request('users.updateUserProfileImage', {})
    return this.request('users.updateUserProfileImage', { id: userId }, [await formField('file', params?.file)])
  }
  async updateUserMetadata(userId, params) {
    return this.request('users.updateUserMetadata', { id: userId, params })
  }
  async deleteUser(userId) {
    return this.request('users.deleteUser', { id: userId })
  }
  async getCount(params = {}) {
    return this.request('users.getCount', { params })
  }
  async getUserOauthAccessToken(userId, provider) {
    return this.request('users.getUserOauthAccessToken', { id: userId, provider })
  }
  async disableUserMFA(userId) {
    return this.request('users.disableUserMFA', { id: userId })
  }
  async getOrganizationMembershipList(params) {
    const { userId, limit, offset } = params
    return this.request('users.getOrganizationMembershipList', { userId, limit, offset })
  }
  async verifyPassword(params) {
    const { userId, password } = params
    return this.request('users.verifyPassword', { userId, password })
  }
  async verifyTOTP(params) {
    const { userId, code } = params
    return this.request('users.verifyTOTP', { userId, code })
  }
}

function createBackendApiClient(options) {
  const request = buildRequest(options)
  return {
    allowlistIdentifiers: new AllowlistIdentifierAPI(request),
    clients: new ClientAPI(request),
    emailAddresses: new EmailAddressAPI(request),
    emails: new EmailAPI(request),
    interstitial: new InterstitialAPI(request),
    invitations: new InvitationAPI(request),
    organizations: new OrganizationAPI(request),
    phoneNumbers: new PhoneNumberAPI(request),
    redirectUrls: new RedirectUrlAPI(request),
    sessions: new SessionAPI(request),
    signInTokens: new SignInTokenAPI(request),
    smsMessages: new SMSMessageAPI(request),
    users: new UserAPI(request),
    domains: new DomainAPI(request),
  }
}

module.exports = { createBackendApiClient }
