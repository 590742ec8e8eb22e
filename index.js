'use strict'
// clerk-backend-native: the public API of @clerk/backend 0.38.15, backed by a Rust core.
// The 42 exports, in the reference's order.

const resources = require('./lib/resources')
const authObjects = require('./lib/auth-objects')
const { Clerk } = require('./lib/clerk')
const { constants } = require('./lib/constants')
const { createAuthenticateRequest } = require('./lib/factory')
const { loadInterstitialFromLocal } = require('./lib/interstitial')
const { decodeJwt, verifyJwt, hasValidSignature, signJwt } = require('./lib/jwt')
const { redirect } = require('./lib/redirect')
const { buildRequestUrl, createIsomorphicRequest } = require('./lib/request')
const { AuthStatus, debugRequestState } = require('./lib/request-state')
const { verifyToken } = require('./lib/token')

module.exports = {
  AllowlistIdentifier: resources.AllowlistIdentifier,
  AuthStatus,
  Clerk,
  Client: resources.Client,
  DeletedObject: resources.DeletedObject,
  Email: resources.Email,
  EmailAddress: resources.EmailAddress,
  ExternalAccount: resources.ExternalAccount,
  IdentificationLink: resources.IdentificationLink,
  Invitation: resources.Invitation,
  OauthAccessToken: resources.OauthAccessToken,
  ObjectType: resources.ObjectType,
  Organization: resources.Organization,
  OrganizationInvitation: resources.OrganizationInvitation,
  OrganizationMembership: resources.OrganizationMembership,
  OrganizationMembershipPublicUserData: resources.OrganizationMembershipPublicUserData,
  PhoneNumber: resources.PhoneNumber,
  RedirectUrl: resources.RedirectUrl,
  SMSMessage: resources.SMSMessage,
  Session: resources.Session,
  SignInToken: resources.SignInToken,
  Token: resources.Token,
  User: resources.User,
  Verification: resources.Verification,
  buildRequestUrl,
  constants,
  createAuthenticateRequest,
  createIsomorphicRequest,
  debugRequestState,
  decodeJwt,
  deserialize: resources.deserialize,
  hasValidSignature,
  loadInterstitialFromLocal,
  makeAuthObjectSerializable: authObjects.makeAuthObjectSerializable,
  prunePrivateMetadata: authObjects.prunePrivateMetadata,
  redirect,
  sanitizeAuthObject: authObjects.sanitizeAuthObject,
  signJwt,
  signedInAuthObject: authObjects.signedInAuthObject,
  signedOutAuthObject: authObjects.signedOutAuthObject,
  verifyJwt,
  verifyToken,
}
