// Types of the Backend API resources of @clerk/backend 0.38.15 (lib/resources.js).
// The metadata interfaces (UserPublicMetadata, OrganizationPublicMetadata, ...) are globals
// declared by @clerk/types, which applications may augment; importing from it brings them in.

import type { MembershipRole } from '@clerk/types'

export type OAuthProvider =
  | 'facebook'
  | 'google'
  | 'hubspot'
  | 'github'
  | 'tiktok'
  | 'gitlab'
  | 'discord'
  | 'twitter'
  | 'twitch'
  | 'linkedin'
  | 'linkedin_oidc'
  | 'dropbox'
  | 'bitbucket'
  | 'microsoft'
  | 'notion'
  | 'apple'
  | 'x'
export type OAuthStrategy = `oauth_${OAuthProvider}`
export type OrganizationInvitationStatus = 'pending' | 'accepted' | 'revoked'
export type OrganizationMembershipRole = MembershipRole
export type SignInStatus = 'needs_identifier' | 'needs_factor_one' | 'needs_factor_two' | 'complete'
export type SignUpStatus = 'missing_requirements' | 'complete' | 'abandoned'
export type SignUpAttributeRequirements = ('name_title' | 'name_middle' | 'name_last' | 'name_suffix' | 'age' | 'gender')[][]
export type InvitationStatus = 'pending' | 'accepted' | 'revoked'

export declare enum ObjectType {
  AllowlistIdentifier = 'allowlist_identifier',
  Client = 'client',
  Email = 'email',
  EmailAddress = 'email_address',
  ExternalAccount = 'external_account',
  FacebookAccount = 'facebook_account',
  GoogleAccount = 'google_account',
  Invitation = 'invitation',
  OauthAccessToken = 'oauth_access_token',
  Organization = 'organization',
  OrganizationInvitation = 'organization_invitation',
  OrganizationMembership = 'organization_membership',
  PhoneNumber = 'phone_number',
  RedirectUrl = 'redirect_url',
  Session = 'session',
  SignInAttempt = 'sign_in_attempt',
  SignInToken = 'sign_in_token',
  SignUpAttempt = 'sign_up_attempt',
  SmsMessage = 'sms_message',
  User = 'user',
  Web3Wallet = 'web3_wallet',
  Token = 'token',
  TotalCount = 'total_count',
}

// ---- JSON payloads of the Backend API ----

export interface ClerkResourceJSON {
  object: ObjectType
  id: string
}

export interface TokenJSON {
  object: ObjectType.Token
  jwt: string
}

export interface AllowlistIdentifierJSON extends ClerkResourceJSON {
  object: ObjectType.AllowlistIdentifier
  identifier: string
  created_at: number
  updated_at: number
  invitation_id?: string
}

export interface ClientJSON extends ClerkResourceJSON {
  object: ObjectType.Client
  session_ids: string[]
  sessions: SessionJSON[]
  sign_in_id: string | null
  sign_up_id: string | null
  last_active_session_id: string | null
  created_at: number
  updated_at: number
}

export interface EmailJSON extends ClerkResourceJSON {
  object: ObjectType.Email
  from_email_name: string
  to_email_address?: string
  email_address_id: string | null
  subject?: string
  body?: string
  body_plain?: string | null
  status?: string
  slug?: string | null
  data?: Record<string, any> | null
  delivered_by_clerk?: boolean
}

export interface EmailAddressJSON extends ClerkResourceJSON {
  object: ObjectType.EmailAddress
  email_address: string
  verification: VerificationJSON | null
  linked_to: IdentificationLinkJSON[]
}

export interface ExternalAccountJSON extends ClerkResourceJSON {
  object: ObjectType.ExternalAccount
  provider: string
  identification_id: string
  provider_user_id: string
  approved_scopes: string
  email_address: string
  first_name: string
  last_name: string
  /** @deprecated  Use `image_url` instead. */
  avatar_url: string
  image_url: string
  username: string | null
  public_metadata: Record<string, unknown> | null
  label: string | null
  verification: VerificationJSON | null
}

export interface IdentificationLinkJSON extends ClerkResourceJSON {
  type: string
}

export interface InvitationJSON extends ClerkResourceJSON {
  object: ObjectType.Invitation
  email_address: string
  public_metadata: Record<string, unknown> | null
  created_at: number
  updated_at: number
  status: InvitationStatus
  revoked?: boolean
}

export interface OauthAccessTokenJSON {
  object: ObjectType.OauthAccessToken
  provider: string
  token: string
  public_metadata: Record<string, unknown>
  label: string
  scopes?: string[]
  token_secret?: string
}

export interface OrganizationJSON extends ClerkResourceJSON {
  object: ObjectType.Organization
  name: string
  slug: string | null
  /** @deprecated  Use `image_url` instead. */
  logo_url: string | null
  image_url: string
  has_image: boolean
  public_metadata: OrganizationPublicMetadata | null
  private_metadata?: OrganizationPrivateMetadata
  created_by: string
  created_at: number
  updated_at: number
  max_allowed_memberships: number
  admin_delete_enabled: boolean
  members_count?: number
}

export interface OrganizationInvitationJSON extends ClerkResourceJSON {
  email_address: string
  organization_id: string
  public_metadata: OrganizationInvitationPublicMetadata
  private_metadata: OrganizationInvitationPrivateMetadata
  role: OrganizationMembershipRole
  status: OrganizationInvitationStatus
  created_at: number
  updated_at: number
}

export interface OrganizationMembershipJSON extends ClerkResourceJSON {
  object: ObjectType.OrganizationMembership
  organization: OrganizationJSON
  public_metadata: OrganizationMembershipPublicMetadata
  private_metadata?: OrganizationMembershipPrivateMetadata
  public_user_data: OrganizationMembershipPublicUserDataJSON
  role: OrganizationMembershipRole
  created_at: number
  updated_at: number
}

export interface OrganizationMembershipPublicUserDataJSON {
  identifier: string
  first_name: string | null
  last_name: string | null
  /** @deprecated  Use `image_url` instead. */
  profile_image_url: string
  image_url: string
  has_image: boolean
  user_id: string
}

export interface PhoneNumberJSON extends ClerkResourceJSON {
  object: ObjectType.PhoneNumber
  phone_number: string
  reserved_for_second_factor: boolean
  default_second_factor: boolean
  linked_to: IdentificationLinkJSON[]
  verification: VerificationJSON | null
}

export interface RedirectUrlJSON extends ClerkResourceJSON {
  object: ObjectType.RedirectUrl
  url: string
  created_at: number
  updated_at: number
}

export interface SessionJSON extends ClerkResourceJSON {
  object: ObjectType.Session
  client_id: string
  user_id: string
  status: string
  last_active_at: number
  expire_at: number
  abandon_at: number
  created_at: number
  updated_at: number
}

export interface SignInJSON extends ClerkResourceJSON {
  object: ObjectType.SignInToken
  status: SignInStatus
  identifier: string
  created_session_id: string | null
}

export interface SignInTokenJSON extends ClerkResourceJSON {
  user_id: string
  token: string
  status: 'pending' | 'accepted' | 'revoked'
  url: string
  created_at: number
  updated_at: number
}

export interface SignUpJSON extends ClerkResourceJSON {
  object: ObjectType.SignUpAttempt
  status: SignUpStatus
  attribute_requirements: SignUpAttributeRequirements
  username: string | null
  email_address: string | null
  phone_number: string | null
  web3_wallet: string | null
  web3_wallet_verification: VerificationJSON | null
  external_account: any
  has_password: boolean
  name_full: string | null
  created_session_id: string | null
  created_user_id: string | null
  abandon_at: number | null
}

export interface SMSMessageJSON extends ClerkResourceJSON {
  object: ObjectType.SmsMessage
  from_phone_number: string
  to_phone_number: string
  phone_number_id: string | null
  message: string
  status: string
  data?: Record<string, any> | null
}

export interface UserJSON extends ClerkResourceJSON {
  object: ObjectType.User
  username: string | null
  first_name: string
  last_name: string
  gender: string
  birthday: string
  /** @deprecated  Use `image_url` instead. */
  profile_image_url: string
  image_url: string
  has_image: boolean
  primary_email_address_id: string
  primary_phone_number_id: string | null
  primary_web3_wallet_id: string | null
  password_enabled: boolean
  totp_enabled: boolean
  backup_code_enabled: boolean
  two_factor_enabled: boolean
  banned: boolean
  email_addresses: EmailAddressJSON[]
  phone_numbers: PhoneNumberJSON[]
  web3_wallets: Web3WalletJSON[]
  external_accounts: ExternalAccountJSON[]
  external_id: string | null
  last_sign_in_at: number | null
  public_metadata: UserPublicMetadata
  private_metadata: UserPrivateMetadata
  unsafe_metadata: UserUnsafeMetadata
  created_at: number
  updated_at: number
  create_organization_enabled: boolean
}

export interface VerificationJSON extends ClerkResourceJSON {
  attempts?: number | null
  expire_at: number | null
  external_verification_redirect_url?: string
  nonce?: string | null
  status: string
  strategy: string
  verified_at_client?: string
}

export interface Web3WalletJSON extends ClerkResourceJSON {
  object: ObjectType.Web3Wallet
  web3_wallet: string
  verification: VerificationJSON | null
}

export interface DeletedObjectJSON {
  object: string
  id?: string
  slug?: string
  deleted: boolean
}

// ---- Webhook events ----

type Webhook<EvtType, Data> = { type: EvtType; object: 'event'; data: Data }

export type UserWebhookEvent = Webhook<'user.created' | 'user.updated', UserJSON> | Webhook<'user.deleted', DeletedObjectJSON>
export type EmailWebhookEvent = Webhook<'email.created', EmailJSON>
export type SMSWebhookEvent = Webhook<'sms.created', SMSMessageJSON>
export type SessionWebhookEvent = Webhook<'session.created' | 'session.ended' | 'session.removed' | 'session.revoked', SessionJSON>
export type OrganizationWebhookEvent =
  Webhook<'organization.created' | 'organization.updated', OrganizationJSON> | Webhook<'organization.deleted', DeletedObjectJSON>
export type OrganizationMembershipWebhookEvent = Webhook<
  'organizationMembership.created' | 'organizationMembership.deleted' | 'organizationMembership.updated',
  OrganizationMembershipJSON
>
export type OrganizationInvitationWebhookEvent = Webhook<
  'organizationInvitation.accepted' | 'organizationInvitation.created' | 'organizationInvitation.revoked',
  OrganizationInvitationJSON
>
export type WebhookEvent =
  | UserWebhookEvent
  | SessionWebhookEvent
  | EmailWebhookEvent
  | SMSWebhookEvent
  | OrganizationWebhookEvent
  | OrganizationMembershipWebhookEvent
  | OrganizationInvitationWebhookEvent
export type WebhookEventType = WebhookEvent['type']

// ---- Resource classes ----

export declare class AllowlistIdentifier {
  readonly id: string
  readonly identifier: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly invitationId?: string | undefined
  constructor(id: string, identifier: string, createdAt: number, updatedAt: number, invitationId?: string | undefined)
  static fromJSON(data: AllowlistIdentifierJSON): AllowlistIdentifier
}

export declare class Session {
  readonly id: string
  readonly clientId: string
  readonly userId: string
  readonly status: string
  readonly lastActiveAt: number
  readonly expireAt: number
  readonly abandonAt: number
  readonly createdAt: number
  readonly updatedAt: number
  constructor(
    id: string,
    clientId: string,
    userId: string,
    status: string,
    lastActiveAt: number,
    expireAt: number,
    abandonAt: number,
    createdAt: number,
    updatedAt: number,
  )
  static fromJSON(data: SessionJSON): Session
}

export declare class Client {
  readonly id: string
  readonly sessionIds: string[]
  readonly sessions: Session[]
  readonly signInId: string | null
  readonly signUpId: string | null
  readonly lastActiveSessionId: string | null
  readonly createdAt: number
  readonly updatedAt: number
  constructor(
    id: string,
    sessionIds: string[],
    sessions: Session[],
    signInId: string | null,
    signUpId: string | null,
    lastActiveSessionId: string | null,
    createdAt: number,
    updatedAt: number,
  )
  static fromJSON(data: ClientJSON): Client
}

export declare class DeletedObject {
  readonly object: string
  readonly id: string | null
  readonly slug: string | null
  readonly deleted: boolean
  constructor(object: string, id: string | null, slug: string | null, deleted: boolean)
  static fromJSON(data: DeletedObjectJSON): DeletedObject
}

export declare class Email {
  readonly id: string
  readonly fromEmailName: string
  readonly emailAddressId: string | null
  readonly toEmailAddress?: string | undefined
  readonly subject?: string | undefined
  readonly body?: string | undefined
  readonly bodyPlain?: string | null | undefined
  readonly status?: string | undefined
  readonly slug?: string | null | undefined
  readonly data?: Record<string, any> | null | undefined
  readonly deliveredByClerk?: boolean | undefined
  constructor(
    id: string,
    fromEmailName: string,
    emailAddressId: string | null,
    toEmailAddress?: string | undefined,
    subject?: string | undefined,
    body?: string | undefined,
    bodyPlain?: string | null | undefined,
    status?: string | undefined,
    slug?: string | null | undefined,
    data?: Record<string, any> | null | undefined,
    deliveredByClerk?: boolean | undefined,
  )
  static fromJSON(data: EmailJSON): Email
}

export declare class IdentificationLink {
  readonly id: string
  readonly type: string
  constructor(id: string, type: string)
  static fromJSON(data: IdentificationLinkJSON): IdentificationLink
}

export declare class Verification {
  readonly status: string
  readonly strategy: string
  readonly externalVerificationRedirectURL: URL | null
  readonly attempts: number | null
  readonly expireAt: number | null
  readonly nonce: string | null
  constructor(
    status: string,
    strategy: string,
    externalVerificationRedirectURL?: URL | null,
    attempts?: number | null,
    expireAt?: number | null,
    nonce?: string | null,
  )
  static fromJSON(data: VerificationJSON): Verification
}

export declare class EmailAddress {
  readonly id: string
  readonly emailAddress: string
  readonly verification: Verification | null
  readonly linkedTo: IdentificationLink[]
  constructor(id: string, emailAddress: string, verification: Verification | null, linkedTo: IdentificationLink[])
  static fromJSON(data: EmailAddressJSON): EmailAddress
}

export declare class ExternalAccount {
  readonly id: string
  readonly provider: string
  readonly identificationId: string
  readonly externalId: string
  readonly approvedScopes: string
  readonly emailAddress: string
  readonly firstName: string
  readonly lastName: string
  /** @deprecated  Use `imageUrl` instead. */
  readonly picture: string
  readonly imageUrl: string
  readonly username: string | null
  readonly publicMetadata: Record<string, unknown> | null
  readonly label: string | null
  readonly verification: Verification | null
  constructor(
    id: string,
    provider: string,
    identificationId: string,
    externalId: string,
    approvedScopes: string,
    emailAddress: string,
    firstName: string,
    lastName: string,
    /** @deprecated  Use `imageUrl` instead. */
    picture: string,
    imageUrl: string,
    username: string | null,
    publicMetadata: Record<string, unknown> | null,
    label: string | null,
    verification: Verification | null,
  )
  static fromJSON(data: ExternalAccountJSON): ExternalAccount
}

export declare class Invitation {
  readonly id: string
  readonly emailAddress: string
  readonly publicMetadata: Record<string, unknown> | null
  readonly createdAt: number
  readonly updatedAt: number
  readonly status: InvitationStatus
  readonly revoked?: boolean | undefined
  constructor(
    id: string,
    emailAddress: string,
    publicMetadata: Record<string, unknown> | null,
    createdAt: number,
    updatedAt: number,
    status: InvitationStatus,
    revoked?: boolean | undefined,
  )
  static fromJSON(data: InvitationJSON): Invitation
}

export declare class OauthAccessToken {
  readonly provider: string
  readonly token: string
  readonly publicMetadata: Record<string, unknown>
  readonly label: string
  readonly scopes?: string[] | undefined
  readonly tokenSecret?: string | undefined
  constructor(
    provider: string,
    token: string,
    publicMetadata: Record<string, unknown>,
    label: string,
    scopes?: string[] | undefined,
    tokenSecret?: string | undefined,
  )
  static fromJSON(data: OauthAccessTokenJSON): OauthAccessToken
}

export declare class Organization {
  readonly id: string
  readonly name: string
  readonly slug: string | null
  /** @deprecated  Use `imageUrl` instead. */
  readonly logoUrl: string | null
  readonly imageUrl: string
  readonly hasImage: boolean
  readonly createdBy: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly publicMetadata: OrganizationPublicMetadata | null
  readonly privateMetadata: OrganizationPrivateMetadata
  readonly maxAllowedMemberships: number
  readonly adminDeleteEnabled: boolean
  /** @deprecated  Use `membersCount` instead. */
  readonly members_count?: number | undefined
  readonly membersCount?: number | undefined
  constructor(
    id: string,
    name: string,
    slug: string | null,
    /** @deprecated  Use `imageUrl` instead. */
    logoUrl: string | null,
    imageUrl: string,
    hasImage: boolean,
    createdBy: string,
    createdAt: number,
    updatedAt: number,
    publicMetadata: OrganizationPublicMetadata | null,
    privateMetadata: OrganizationPrivateMetadata,
    maxAllowedMemberships: number,
    adminDeleteEnabled: boolean,
    /** @deprecated  Use `membersCount` instead. */
    members_count?: number | undefined,
    membersCount?: number | undefined,
  )
  static fromJSON(data: OrganizationJSON): Organization
}

export declare class OrganizationInvitation {
  readonly id: string
  readonly emailAddress: string
  readonly role: OrganizationMembershipRole
  readonly organizationId: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly status?: OrganizationInvitationStatus | undefined
  readonly publicMetadata: OrganizationInvitationPublicMetadata
  readonly privateMetadata: OrganizationInvitationPrivateMetadata
  constructor(
    id: string,
    emailAddress: string,
    role: OrganizationMembershipRole,
    organizationId: string,
    createdAt: number,
    updatedAt: number,
    status?: OrganizationInvitationStatus | undefined,
    publicMetadata?: OrganizationInvitationPublicMetadata,
    privateMetadata?: OrganizationInvitationPrivateMetadata,
  )
  static fromJSON(data: OrganizationInvitationJSON): OrganizationInvitation
}

export declare class OrganizationMembership {
  readonly id: string
  readonly role: OrganizationMembershipRole
  readonly publicMetadata: OrganizationMembershipPublicMetadata
  readonly privateMetadata: OrganizationMembershipPrivateMetadata
  readonly createdAt: number
  readonly updatedAt: number
  readonly organization: Organization
  readonly publicUserData?: OrganizationMembershipPublicUserData | null | undefined
  constructor(
    id: string,
    role: OrganizationMembershipRole,
    publicMetadata: OrganizationMembershipPublicMetadata,
    privateMetadata: OrganizationMembershipPrivateMetadata,
    createdAt: number,
    updatedAt: number,
    organization: Organization,
    publicUserData?: OrganizationMembershipPublicUserData | null | undefined,
  )
  static fromJSON(data: OrganizationMembershipJSON): OrganizationMembership
}

export declare class OrganizationMembershipPublicUserData {
  readonly identifier: string
  readonly firstName: string | null
  readonly lastName: string | null
  /** @deprecated  Use `imageUrl` instead. */
  readonly profileImageUrl: string
  readonly imageUrl: string
  readonly hasImage: boolean
  readonly userId: string
  constructor(
    identifier: string,
    firstName: string | null,
    lastName: string | null,
    /** @deprecated  Use `imageUrl` instead. */
    profileImageUrl: string,
    imageUrl: string,
    hasImage: boolean,
    userId: string,
  )
  static fromJSON(data: OrganizationMembershipPublicUserDataJSON): OrganizationMembershipPublicUserData
}

export declare class PhoneNumber {
  readonly id: string
  readonly phoneNumber: string
  readonly reservedForSecondFactor: boolean
  readonly defaultSecondFactor: boolean
  readonly verification: Verification | null
  readonly linkedTo: IdentificationLink[]
  constructor(
    id: string,
    phoneNumber: string,
    reservedForSecondFactor: boolean,
    defaultSecondFactor: boolean,
    verification: Verification | null,
    linkedTo: IdentificationLink[],
  )
  static fromJSON(data: PhoneNumberJSON): PhoneNumber
}

export declare class RedirectUrl {
  readonly id: string
  readonly url: string
  readonly createdAt: number
  readonly updatedAt: number
  constructor(id: string, url: string, createdAt: number, updatedAt: number)
  static fromJSON(data: RedirectUrlJSON): RedirectUrl
}

export declare class SignInToken {
  readonly id: string
  readonly userId: string
  readonly token: string
  readonly status: string
  readonly url: string
  readonly createdAt: number
  readonly updatedAt: number
  constructor(id: string, userId: string, token: string, status: string, url: string, createdAt: number, updatedAt: number)
  static fromJSON(data: SignInTokenJSON): SignInToken
}

export declare class SMSMessage {
  readonly id: string
  readonly fromPhoneNumber: string
  readonly toPhoneNumber: string
  readonly message: string
  readonly status: string
  readonly phoneNumberId: string | null
  readonly data?: Record<string, any> | null | undefined
  constructor(
    id: string,
    fromPhoneNumber: string,
    toPhoneNumber: string,
    message: string,
    status: string,
    phoneNumberId: string | null,
    data?: Record<string, any> | null | undefined,
  )
  static fromJSON(data: SMSMessageJSON): SMSMessage
}

export declare class Token {
  readonly jwt: string
  constructor(jwt: string)
  static fromJSON(data: TokenJSON): Token
}

export declare class Web3Wallet {
  readonly id: string
  readonly web3Wallet: string
  readonly verification: Verification | null
  constructor(id: string, web3Wallet: string, verification: Verification | null)
  static fromJSON(data: Web3WalletJSON): Web3Wallet
}

export declare class User {
  readonly id: string
  readonly passwordEnabled: boolean
  readonly totpEnabled: boolean
  readonly backupCodeEnabled: boolean
  readonly twoFactorEnabled: boolean
  readonly banned: boolean
  readonly createdAt: number
  readonly updatedAt: number
  /** @deprecated  Use `imageUrl` instead. */
  readonly profileImageUrl: string
  readonly imageUrl: string
  readonly hasImage: boolean
  readonly gender: string
  readonly birthday: string
  readonly primaryEmailAddressId: string | null
  readonly primaryPhoneNumberId: string | null
  readonly primaryWeb3WalletId: string | null
  readonly lastSignInAt: number | null
  readonly externalId: string | null
  readonly username: string | null
  readonly firstName: string | null
  readonly lastName: string | null
  readonly publicMetadata: UserPublicMetadata
  readonly privateMetadata: UserPrivateMetadata
  readonly unsafeMetadata: UserUnsafeMetadata
  readonly emailAddresses: EmailAddress[]
  readonly phoneNumbers: PhoneNumber[]
  readonly web3Wallets: Web3Wallet[]
  readonly externalAccounts: ExternalAccount[]
  readonly createOrganizationEnabled: boolean
  constructor(
    id: string,
    passwordEnabled: boolean,
    totpEnabled: boolean,
    backupCodeEnabled: boolean,
    twoFactorEnabled: boolean,
    banned: boolean,
    createdAt: number,
    updatedAt: number,
    /** @deprecated  Use `imageUrl` instead. */
    profileImageUrl: string,
    imageUrl: string,
    hasImage: boolean,
    gender: string,
    birthday: string,
    primaryEmailAddressId: string | null,
    primaryPhoneNumberId: string | null,
    primaryWeb3WalletId: string | null,
    lastSignInAt: number | null,
    externalId: string | null,
    username: string | null,
    firstName: string | null,
    lastName: string | null,
    publicMetadata: UserPublicMetadata,
    privateMetadata: UserPrivateMetadata,
    unsafeMetadata: UserUnsafeMetadata,
    emailAddresses: EmailAddress[],
    phoneNumbers: PhoneNumber[],
    web3Wallets: Web3Wallet[],
    externalAccounts: ExternalAccount[],
    createOrganizationEnabled: boolean,
  )
  static fromJSON(data: UserJSON): User
}

/**
 * Decodes a Backend API payload: arrays and `{ data: [...] }` pages item by item, deleted
 * objects into DeletedObject, known `object` types into their class, `total_count` into its
 * number; anything else is returned as is.
 */
export declare function deserialize(payload: any): any
