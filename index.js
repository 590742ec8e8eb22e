'use strict'
// clerk-backend-native: the public API of @clerk/backend 0.38.15, backed by a Rust core.
// Exports are listed in the reference's order.

const resources = require('./lib/resources')
const { Clerk } = require('./lib/clerk')
const { decodeJwt, verifyJwt, hasValidSignature, signJwt } = require('./lib/jwt')
const { verifyToken } = require('./lib/token')

module.exports = {
  AllowlistIdentifier: resources.AllowlistIdentifier,
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
  decodeJwt,
  deserialize: resources.deserialize,
  hasValidSignature,
  signJwt,
  verifyJwt,
  verifyToken,
}
