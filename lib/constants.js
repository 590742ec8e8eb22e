'use strict'
// The `constants` export and the defaults of @clerk/backend 0.38.15.

const API_URL = 'https://api.clerk.dev'
const API_VERSION = 'v1'
const USER_AGENT = '@clerk/backend@0.38.15'

const Attributes = {
  AuthToken: '__clerkAuthToken',
  AuthStatus: '__clerkAuthStatus',
  AuthReason: '__clerkAuthReason',
  AuthMessage: '__clerkAuthMessage',
}
const Cookies = { Session: '__session', ClientUat: '__client_uat' }
const Headers = {
  AuthToken: 'x-clerk-auth-token',
  AuthStatus: 'x-clerk-auth-status',
  AuthReason: 'x-clerk-auth-reason',
  AuthMessage: 'x-clerk-auth-message',
  EnableDebug: 'x-clerk-debug',
  ClerkRedirectTo: 'x-clerk-redirect-to',
  CloudFrontForwardedProto: 'cloudfront-forwarded-proto',
  Authorization: 'authorization',
  ForwardedPort: 'x-forwarded-port',
  ForwardedProto: 'x-forwarded-proto',
  ForwardedHost: 'x-forwarded-host',
  Referrer: 'referer',
  UserAgent: 'user-agent',
  Origin: 'origin',
  Host: 'host',
  ContentType: 'content-type',
}
const SearchParams = { AuthStatus: Headers.AuthStatus, AuthToken: Headers.AuthToken }
const ContentTypes = { Json: 'application/json' }

const constants = { Attributes, Cookies, Headers, SearchParams, ContentTypes }

module.exports = { constants, API_URL, API_VERSION, USER_AGENT }
