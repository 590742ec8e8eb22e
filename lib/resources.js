'use strict'
// Backend API resources of @clerk/backend 0.38.15: plain classes built from the snake_case
// JSON of the Backend API. Own keys and their order follow the reference exactly, since
// callers compare, spread and serialise these objects.

const { deprecated } = require('./deprecated')

// The reference turns deprecated fields into accessors on the class prototype, so the
// constructor's assignment goes through the setter and the field never becomes an own key.
// We keep that shape, but store the value per instance: the reference keeps one value per
// class, so reading it returns whatever the most recently built instance was given.
function deprecatedProperty(cls, name, warning) {
  const values = new WeakMap()
  Object.defineProperty(cls.prototype, name, {
    get() {
      deprecated(name, warning, `${cls.name}:${name}`)
      return values.get(this)
    },
    set(value) {
      values.set(this, value)
    },
  })
}

const verificationOf = (data) => data.verification && Verification.fromJSON(data.verification)
const linksOf = (data) => data.linked_to.map((link) => IdentificationLink.fromJSON(link))

class AllowlistIdentifier {
  constructor(id, identifier, createdAt, updatedAt, invitationId) {
    this.id = id
    this.identifier = identifier
    this.createdAt = createdAt
    this.updatedAt = updatedAt
    this.invitationId = invitationId
  }

  static fromJSON(data) {
    return new AllowlistIdentifier(data.id, data.identifier, data.created_at, data.updated_at, data.invitation_id)
  }
}

class Session {
  constructor(id, clientId, userId, status, lastActiveAt, expireAt, abandonAt, createdAt, updatedAt) {
    this.id = id
    this.clientId = clientId
    this.userId = userId
    this.status = status
    this.lastActiveAt = lastActiveAt
    this.expireAt = expireAt
    this.abandonAt = abandonAt
    this.createdAt = createdAt
    this.updatedAt = updatedAt
  }

  static fromJSON(data) {
    return new Session(
      data.id,
      data.client_id,
      data.user_id,
      data.status,
      data.last_active_at,
      data.expire_at,
      data.abandon_at,
      data.created_at,
      data.updated_at,
    )
  }
}

class Client {
  constructor(id, sessionIds, sessions, signInId, signUpId, lastActiveSessionId, createdAt, updatedAt) {
    this.id = id
    this.sessionIds = sessionIds
    this.sessions = sessions
    this.signInId = signInId
    this.signUpId = signUpId
    this.lastActiveSessionId = lastActiveSessionId
    this.createdAt = createdAt
    this.updatedAt = updatedAt
  }

  static fromJSON(data) {
    return new Client(
      data.id,
      data.session_ids,
      data.sessions.map((s) => Session.fromJSON(s)),
      data.sign_in_id,
      data.sign_up_id,
      data.last_active_session_id,
      data.created_at,
      data.updated_at,
    )
  }
}

class DeletedObject {
  constructor(object, id, slug, deleted) {
    this.object = object
    this.id = id
    this.slug = slug
    this.deleted = deleted
  }

  static fromJSON(data) {
    // `||`, as in the reference: an empty id or slug also becomes null.
    return new DeletedObject(data.object, data.id || null, data.slug || null, data.deleted)
  }
}

class Email {
  constructor(id, fromEmailName, emailAddressId, toEmailAddress, subject, body, bodyPlain, status, slug, data, deliveredByClerk) {
    this.id = id
    this.fromEmailName = fromEmailName
    this.emailAddressId = emailAddressId
    this.toEmailAddress = toEmailAddress
    this.subject = subject
    this.body = body
    this.bodyPlain = bodyPlain
    this.status = status
    this.slug = slug
    this.data = data
    this.deliveredByClerk = deliveredByClerk
  }

  static fromJSON(data) {
    return new Email(
      data.id,
      data.from_email_name,
      data.email_address_id,
      data.to_email_address,
      data.subject,
      data.body,
      data.body_plain,
      data.status,
      data.slug,
      data.data,
      data.delivered_by_clerk,
    )
  }
}

class IdentificationLink {
  constructor(id, type) {
    this.id = id
    this.type = type
  }

  static fromJSON(data) {
    return new IdentificationLink(data.id, data.type)
  }
}

class Verification {
  constructor(status, strategy, externalVerificationRedirectURL = null, attempts = null, expireAt = null, nonce = null) {
    this.status = status
    this.strategy = strategy
    this.externalVerificationRedirectURL = externalVerificationRedirectURL
    this.attempts = attempts
    this.expireAt = expireAt
    this.nonce = nonce
  }

  static fromJSON(data) {
    return new Verification(
      data.status,
      data.strategy,
      data.external_verification_redirect_url ? new URL(data.external_verification_redirect_url) : null,
      data.attempts,
      data.expire_at,
      data.nonce,
    )
  }
}

class EmailAddress {
  constructor(id, emailAddress, verification, linkedTo) {
    this.id = id
    this.emailAddress = emailAddress
    this.verification = verification
    this.linkedTo = linkedTo
  }

  static fromJSON(data) {
    return new EmailAddress(data.id, data.email_address, verificationOf(data), linksOf(data))
  }
}

class ExternalAccount {
  constructor(
    id,
    provider,
    identificationId,
    externalId,
    approvedScopes,
    emailAddress,
    firstName,
    lastName,
    picture,
    imageUrl,
    username,
    publicMetadata = {},
    label,
    verification,
  ) {
    this.id = id
    this.provider = provider
    this.identificationId = identificationId
    this.externalId = externalId
    this.approvedScopes = approvedScopes
    this.emailAddress = emailAddress
    this.firstName = firstName
    this.lastName = lastName
    this.picture = picture
    this.imageUrl = imageUrl
    this.username = username
    this.publicMetadata = publicMetadata
    this.label = label
    this.verification = verification
  }

  static fromJSON(data) {
    return new ExternalAccount(
      data.id,
      data.provider,
      data.identification_id,
      data.provider_user_id,
      data.approved_scopes,
      data.email_address,
      data.first_name,
      data.last_name,
      data.avatar_url,
      data.image_url,
      data.username,
      data.public_metadata,
      data.label,
      verificationOf(data),
    )
  }
}
deprecatedProperty(ExternalAccount, 'picture', 'Use `imageUrl` instead.')

class Invitation {
  constructor(id, emailAddress, publicMetadata, createdAt, updatedAt, status, revoked) {
    this.id = id
    this.emailAddress = emailAddress
    this.publicMetadata = publicMetadata
    this.createdAt = createdAt
    this.updatedAt = updatedAt
    this.status = status
    this.revoked = revoked
  }

  static fromJSON(data) {
    return new Invitation(data.id, data.email_address, data.public_metadata, data.created_at, data.updated_at, data.status, data.revoked)
  }
}

const ObjectType = {
  AllowlistIdentifier: 'allowlist_identifier',
  Client: 'client',
  Email: 'email',
  EmailAddress: 'email_address',
  ExternalAccount: 'external_account',
  FacebookAccount: 'facebook_account',
  GoogleAccount: 'google_account',
  Invitation: 'invitation',
  OauthAccessToken: 'oauth_access_token',
  Organization: 'organization',
  OrganizationInvitation: 'organization_invitation',
  OrganizationMembership: 'organization_membership',
  PhoneNumber: 'phone_number',
  RedirectUrl: 'redirect_url',
  Session: 'session',
  SignInAttempt: 'sign_in_attempt',
  SignInToken: 'sign_in_token',
  SignUpAttempt: 'sign_up_attempt',
  SmsMessage: 'sms_message',
  User: 'user',
  Web3Wallet: 'web3_wallet',
  Token: 'token',
  TotalCount: 'total_count',
}

class OauthAccessToken {
  constructor(provider, token, publicMetadata = {}, label, scopes, tokenSecret) {
    this.provider = provider
    this.token = token
    this.publicMetadata = publicMetadata
    this.label = label
    this.scopes = scopes
    this.tokenSecret = tokenSecret
  }

  static fromJSON(data) {
    return new OauthAccessToken(data.provider, data.token, data.public_metadata, data.label, data.scopes, data.token_secret)
  }
}

class Organization {
  constructor(
    id,
    name,
    slug,
    logoUrl,
    imageUrl,
    hasImage,
    createdBy,
    createdAt,
    updatedAt,
    publicMetadata = {},
    privateMetadata = {},
    maxAllowedMemberships,
    adminDeleteEnabled,
    members_count,
    membersCount,
  ) {
    this.id = id
    this.name = name
    this.slug = slug
    this.logoUrl = logoUrl
    this.imageUrl = imageUrl
    this.hasImage = hasImage
    this.createdBy = createdBy
    this.createdAt = createdAt
    this.updatedAt = updatedAt
    this.publicMetadata = publicMetadata
    this.privateMetadata = privateMetadata
    this.maxAllowedMemberships = maxAllowedMemberships
    this.adminDeleteEnabled = adminDeleteEnabled
    this.members_count = members_count
    this.membersCount = membersCount
  }

  static fromJSON(data) {
    // members_count feeds both the deprecated snake_case field and its camelCase successor.
    return new Organization(
      data.id,
      data.name,
      data.slug,
      data.logo_url,
      data.image_url,
      data.has_image,
      data.created_by,
      data.created_at,
      data.updated_at,
      data.public_metadata,
      data.private_metadata,
      data.max_allowed_memberships,
      data.admin_delete_enabled,
      data.members_count,
      data.members_count,
    )
  }
}
deprecatedProperty(Organization, 'logoUrl', 'Use `imageUrl` instead.')
deprecatedProperty(Organization, 'members_count', 'Use `membersCount` instead.')

class OrganizationInvitation {
  constructor(id, emailAddress, role, organizationId, createdAt, updatedAt, status, publicMetadata = {}, privateMetadata = {}) {
    this.id = id
    this.emailAddress = emailAddress
    this.role = role
    this.organizationId = organizationId
    this.createdAt = createdAt
    this.updatedAt = updatedAt
    this.status = status
    this.publicMetadata = publicMetadata
    this.privateMetadata = privateMetadata
  }

  static fromJSON(data) {
    return new OrganizationInvitation(
      data.id,
      data.email_address,
      data.role,
      data.organization_id,
      data.created_at,
      data.updated_at,
      data.status,
      data.public_metadata,
      data.private_metadata,
    )
  }
}

class OrganizationMembership {
  constructor(id, role, publicMetadata = {}, privateMetadata = {}, createdAt, updatedAt, organization, publicUserData) {
    this.id = id
    this.role = role
    this.publicMetadata = publicMetadata
    this.privateMetadata = privateMetadata
    this.createdAt = createdAt
    this.updatedAt = updatedAt
    this.organization = organization
    this.publicUserData = publicUserData
  }

  static fromJSON(data) {
    return new OrganizationMembership(
      data.id,
      data.role,
      data.public_metadata,
      data.private_metadata,
      data.created_at,
      data.updated_at,
      Organization.fromJSON(data.organization),
      OrganizationMembershipPublicUserData.fromJSON(data.public_user_data),
    )
  }
}

class OrganizationMembershipPublicUserData {
  constructor(identifier, firstName, lastName, profileImageUrl, imageUrl, hasImage, userId) {
    this.identifier = identifier
    this.firstName = firstName
    this.lastName = lastName
    this.profileImageUrl = profileImageUrl
    this.imageUrl = imageUrl
    this.hasImage = hasImage
    this.userId = userId
  }

  static fromJSON(data) {
    return new OrganizationMembershipPublicUserData(
      data.identifier,
      data.first_name,
      data.last_name,
      data.profile_image_url,
      data.image_url,
      data.has_image,
      data.user_id,
    )
  }
}
deprecatedProperty(OrganizationMembershipPublicUserData, 'profileImageUrl', 'Use `imageUrl` instead.')

class PhoneNumber {
  constructor(id, phoneNumber, reservedForSecondFactor, defaultSecondFactor, verification, linkedTo) {
    this.id = id
    this.phoneNumber = phoneNumber
    this.reservedForSecondFactor = reservedForSecondFactor
    this.defaultSecondFactor = defaultSecondFactor
    this.verification = verification
    this.linkedTo = linkedTo
  }

  static fromJSON(data) {
    return new PhoneNumber(
      data.id,
      data.phone_number,
      data.reserved_for_second_factor,
      data.default_second_factor,
      verificationOf(data),
      linksOf(data),
    )
  }
}

class RedirectUrl {
  constructor(id, url, createdAt, updatedAt) {
    this.id = id
    this.url = url
    this.createdAt = createdAt
    this.updatedAt = updatedAt
  }

  static fromJSON(data) {
    return new RedirectUrl(data.id, data.url, data.created_at, data.updated_at)
  }
}

class SignInToken {
  constructor(id, userId, token, status, url, createdAt, updatedAt) {
    this.id = id
    this.userId = userId
    this.token = token
    this.status = status
    this.url = url
    this.createdAt = createdAt
    this.updatedAt = updatedAt
  }

  static fromJSON(data) {
    return new SignInToken(data.id, data.user_id, data.token, data.status, data.url, data.created_at, data.updated_at)
  }
}

class SMSMessage {
  constructor(id, fromPhoneNumber, toPhoneNumber, message, status, phoneNumberId, data) {
    this.id = id
    this.fromPhoneNumber = fromPhoneNumber
    this.toPhoneNumber = toPhoneNumber
    this.message = message
    this.status = status
    this.phoneNumberId = phoneNumberId
    this.data = data
  }

  static fromJSON(data) {
    return new SMSMessage(data.id, data.from_phone_number, data.to_phone_number, data.message, data.status, data.phone_number_id, data.data)
  }
}

class Token {
  constructor(jwt) {
    this.jwt = jwt
  }

  static fromJSON(data) {
    return new Token(data.jwt)
  }
}

class Web3Wallet {
  constructor(id, web3Wallet, verification) {
    this.id = id
    this.web3Wallet = web3Wallet
    this.verification = verification
  }

  static fromJSON(data) {
    return new Web3Wallet(data.id, data.web3_wallet, verificationOf(data))
  }
}

class User {
  constructor(
    id,
    passwordEnabled,
    totpEnabled,
    backupCodeEnabled,
    twoFactorEnabled,
    banned,
    createdAt,
    updatedAt,
    profileImageUrl,
    imageUrl,
    hasImage,
    gender,
    birthday,
    primaryEmailAddressId,
    primaryPhoneNumberId,
    primaryWeb3WalletId,
    lastSignInAt,
    externalId,
    username,
    firstName,
    lastName,
    publicMetadata = {},
    privateMetadata = {},
    unsafeMetadata = {},
    emailAddresses = [],
    phoneNumbers = [],
    web3Wallets = [],
    externalAccounts = [],
    createOrganizationEnabled,
  ) {
    this.id = id
    this.passwordEnabled = passwordEnabled
    this.totpEnabled = totpEnabled
    this.backupCodeEnabled = backupCodeEnabled
    this.twoFactorEnabled = twoFactorEnabled
    this.banned = banned
    this.createdAt = createdAt
    this.updatedAt = updatedAt
    this.profileImageUrl = profileImageUrl
    this.imageUrl = imageUrl
    this.hasImage = hasImage
    this.gender = gender
    this.birthday = birthday
    this.primaryEmailAddressId = primaryEmailAddressId
    this.primaryPhoneNumberId = primaryPhoneNumberId
    this.primaryWeb3WalletId = primaryWeb3WalletId
    this.lastSignInAt = lastSignInAt
    this.externalId = externalId
    this.username = username
    this.firstName = firstName
    this.lastName = lastName
    this.publicMetadata = publicMetadata
    this.privateMetadata = privateMetadata
    this.unsafeMetadata = unsafeMetadata
    this.emailAddresses = emailAddresses
    this.phoneNumbers = phoneNumbers
    this.web3Wallets = web3Wallets
    this.externalAccounts = externalAccounts
    this.createOrganizationEnabled = createOrganizationEnabled
  }

  static fromJSON(data) {
    return new User(
      data.id,
      data.password_enabled,
      data.totp_enabled,
      data.backup_code_enabled,
      data.two_factor_enabled,
      data.banned,
      data.created_at,
      data.updated_at,
      data.profile_image_url,
      data.image_url,
      data.has_image,
      data.gender,
      data.birthday,
      data.primary_email_address_id,
      data.primary_phone_number_id,
      data.primary_web3_wallet_id,
      data.last_sign_in_at,
      data.external_id,
      data.username,
      data.first_name,
      data.last_name,
      data.public_metadata,
      data.private_metadata,
      data.unsafe_metadata,
      (data.email_addresses || []).map((x) => EmailAddress.fromJSON(x)),
      (data.phone_numbers || []).map((x) => PhoneNumber.fromJSON(x)),
      (data.web3_wallets || []).map((x) => Web3Wallet.fromJSON(x)),
      (data.external_accounts || []).map((x) => ExternalAccount.fromJSON(x)),
      data.create_organization_enabled,
    )
  }
}
deprecatedProperty(User, 'profileImageUrl', 'Use `imageUrl` instead.')

// Object types the reference's deserializer decodes; web3 wallets, external accounts and
// the sign-in/up attempts are left as plain JSON, as there.
const byObjectType = {
  [ObjectType.AllowlistIdentifier]: AllowlistIdentifier,
  [ObjectType.Client]: Client,
  [ObjectType.EmailAddress]: EmailAddress,
  [ObjectType.Email]: Email,
  [ObjectType.Invitation]: Invitation,
  [ObjectType.OauthAccessToken]: OauthAccessToken,
  [ObjectType.Organization]: Organization,
  [ObjectType.OrganizationInvitation]: OrganizationInvitation,
  [ObjectType.OrganizationMembership]: OrganizationMembership,
  [ObjectType.PhoneNumber]: PhoneNumber,
  [ObjectType.RedirectUrl]: RedirectUrl,
  [ObjectType.SignInToken]: SignInToken,
  [ObjectType.Session]: Session,
  [ObjectType.SmsMessage]: SMSMessage,
  [ObjectType.Token]: Token,
  [ObjectType.User]: User,
}

function jsonToObject(item) {
  // Like the reference, `in` throws a TypeError for null and other non-objects.
  if (typeof item !== 'string' && 'object' in item && 'deleted' in item) {
    return DeletedObject.fromJSON(item)
  }
  const type = item.object
  if (type === ObjectType.TotalCount) return item.total_count
  // hasOwn, so that an object named after an Object.prototype member is not mistaken for a class.
  if (typeof type === 'string' && Object.prototype.hasOwnProperty.call(byObjectType, type)) {
    return byObjectType[type].fromJSON(item)
  }
  return item
}

function deserialize(payload) {
  if (Array.isArray(payload)) return payload.map(jsonToObject)
  if (Array.isArray(payload.data)) return payload.data.map(jsonToObject)
  return jsonToObject(payload)
}

module.exports = {
  AllowlistIdentifier,
  Client,
  DeletedObject,
  Email,
  EmailAddress,
  ExternalAccount,
  IdentificationLink,
  Invitation,
  OauthAccessToken,
  ObjectType,
  Organization,
  OrganizationInvitation,
  OrganizationMembership,
  OrganizationMembershipPublicUserData,
  PhoneNumber,
  RedirectUrl,
  SMSMessage,
  Session,
  SignInToken,
  Token,
  User,
  Verification,
  Web3Wallet,
  deserialize,
}
