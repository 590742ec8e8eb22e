// Types of the Backend API client of @clerk/backend 0.38.15: the namespaces that `Clerk()`
// returns (`clerk.users`, `clerk.organizations`, ...), each method with its parameters.
//
// None of the classes below is a runtime export of the package (the reference exports
// neither them nor createBackendApiClient); they are reachable only through `Clerk()`.
// The index therefore re-exports them as types only.
//
// The metadata interfaces used below (UserPublicMetadata, OrganizationPublicMetadata,
// OrganizationMembershipPublicMetadata, ...) are globals declared by @clerk/types, which
// applications may augment; the import of @clerk/types brings them into scope.

import type { ClerkAPIError, OAuthProvider as ClerkOAuthProvider, SessionStatus } from '@clerk/types'
import type {
  AllowlistIdentifier,
  Client,
  DeletedObject,
  Email,
  EmailAddress,
  Invitation,
  OauthAccessToken,
  Organization,
  OrganizationInvitation,
  OrganizationInvitationStatus,
  OrganizationMembership,
  OrganizationMembershipRole,
  PhoneNumber,
  RedirectUrl,
  Session,
  SignInToken,
  SMSMessage,
  User,
} from './resources'

// ---- options and the low-level request function ----

/** Options of the Backend API client (the part of `ClerkOptions` it reads). */
export type CreateBackendApiOptions = {
  /**
   * The instance's Backend API key.
   * @deprecated Use `secretKey` instead.
   */
  apiKey?: string
  /** The instance's secret key (`sk_live_...` / `sk_test_...`), sent as a Bearer token. */
  secretKey?: string
  /** Base URL of the Backend API; `https://api.clerk.dev` when absent. */
  apiUrl?: string
  /** Version path segment of the Backend API; `v1` when absent. */
  apiVersion?: string
  /** Value of the `User-Agent` header sent with every request. */
  userAgent?: string
  /**
   * Extra `fetch` options merged into every Backend API request.
   * @deprecated Will be removed in the next major release of @clerk/backend.
   */
  httpOptions?: RequestInit
}

/** One request to the Backend API, as the namespaces below describe it. */
export type ClerkBackendApiRequestOptions = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT'
  queryParams?: Record<string, unknown>
  headerParams?: Record<string, string>
  bodyParams?: object
  formData?: FormData
} & ({ url: string; path?: string } | { url?: string; path: string })

/** The envelope a Backend API call resolves to before it is unwrapped. */
export type ClerkBackendApiResponse<T> = { data: T; errors: null } | { data: null; errors: ClerkAPIError[]; clerkTraceId?: string }

/** Sends one request and resolves to the deserialized resource(s); rejects on API errors. */
export type RequestFunction = <T>(requestOptions: ClerkBackendApiRequestOptions) => Promise<T>

/** Common base of the namespaces: holds the request function. */
export declare abstract class AbstractAPI {
  protected request: RequestFunction
  constructor(request: RequestFunction)
  /** Throws when `id` is empty, before any request is made. */
  protected requireId(id: string): void
}

// ---- allowlist identifiers ----

export type AllowlistIdentifierCreateParams = {
  identifier: string
  notify: boolean
}

export declare class AllowlistIdentifierAPI extends AbstractAPI {
  getAllowlistIdentifierList(): Promise<AllowlistIdentifier[]>
  createAllowlistIdentifier(params: AllowlistIdentifierCreateParams): Promise<AllowlistIdentifier>
  deleteAllowlistIdentifier(allowlistIdentifierId: string): Promise<AllowlistIdentifier>
}

// ---- clients ----

export declare class ClientAPI extends AbstractAPI {
  getClientList(): Promise<Client[]>
  getClient(clientId: string): Promise<Client>
  verifyClient(token: string): Promise<Client>
}

// ---- domains ----

export declare class DomainAPI extends AbstractAPI {
  deleteDomain(id: string): Promise<DeletedObject>
}

// ---- email addresses ----

export type CreateEmailAddressParams = {
  userId: string
  emailAddress: string
  verified?: boolean
  primary?: boolean
}

export type UpdateEmailAddressParams = {
  verified?: boolean
  primary?: boolean
}

export declare class EmailAddressAPI extends AbstractAPI {
  getEmailAddress(emailAddressId: string): Promise<EmailAddress>
  createEmailAddress(params: CreateEmailAddressParams): Promise<EmailAddress>
  updateEmailAddress(emailAddressId: string, params?: UpdateEmailAddressParams): Promise<EmailAddress>
  deleteEmailAddress(emailAddressId: string): Promise<DeletedObject>
}

// ---- emails (deprecated) ----

export type EmailParams = {
  fromEmailName: string
  emailAddressId: string
  subject: string
  body: string
}

/**
 * @deprecated The Backend API no longer offers this endpoint; the namespace goes away in the
 * next major version of @clerk/backend.
 */
export declare class EmailAPI extends AbstractAPI {
  /**
   * @deprecated The Backend API no longer offers this endpoint; the method goes away in the
   * next major version of @clerk/backend.
   */
  createEmail(params: EmailParams): Promise<Email>
}

// ---- interstitial (deprecated) ----

/**
 * @deprecated Use the public interstitial endpoint of the Backend API instead
 * (`remotePublicInterstitial` / `remotePublicInterstitialUrl`).
 */
export declare class InterstitialAPI extends AbstractAPI {
  /** Resolves to the HTML of the interstitial page. */
  getInterstitial(): Promise<string>
}

// ---- invitations ----

export type CreateInvitationParams = {
  emailAddress: string
  redirectUrl?: string
  publicMetadata?: UserPublicMetadata
  notify?: boolean
  ignoreExisting?: boolean
}

export type GetInvitationListParams = {
  /**
   * Only the invitations in this state, e.g.
   * `clerk.invitations.getInvitationList({ status: 'revoked' })`.
   */
  status?: 'accepted' | 'pending' | 'revoked'
}

export declare class InvitationAPI extends AbstractAPI {
  getInvitationList(params?: GetInvitationListParams): Promise<Invitation[]>
  createInvitation(params: CreateInvitationParams): Promise<Invitation>
  revokeInvitation(invitationId: string): Promise<Invitation>
}

// ---- organizations ----

export type MetadataParams<TPublic = OrganizationPublicMetadata, TPrivate = OrganizationPrivateMetadata> = {
  publicMetadata?: TPublic
  privateMetadata?: TPrivate
}

export type GetOrganizationListParams = {
  limit?: number
  offset?: number
  includeMembersCount?: boolean
  query?: string
}

export type CreateOrganizationParams = {
  name: string
  slug?: string
  /** Id of the user who becomes the organization's first admin. */
  createdBy: string
  maxAllowedMemberships?: number
} & MetadataParams

/** An organization is looked up either by id or by slug. */
export type GetOrganizationParams = { organizationId: string } | { slug: string }

export type UpdateOrganizationParams = {
  name?: string
  slug?: string
  maxAllowedMemberships?: number
} & MetadataParams

export type UpdateOrganizationLogoParams = {
  file: Blob | File
  uploaderUserId: string
}

export type UpdateOrganizationMetadataParams = MetadataParams

export type GetOrganizationMembershipListParams = {
  organizationId: string
  limit?: number
  offset?: number
}

export type CreateOrganizationMembershipParams = {
  organizationId: string
  userId: string
  role: OrganizationMembershipRole
}

export type UpdateOrganizationMembershipParams = CreateOrganizationMembershipParams

export type UpdateOrganizationMembershipMetadataParams = {
  organizationId: string
  userId: string
} & MetadataParams<OrganizationMembershipPublicMetadata>

export type DeleteOrganizationMembershipParams = {
  organizationId: string
  userId: string
}

export type CreateOrganizationInvitationParams = {
  organizationId: string
  inviterUserId: string
  emailAddress: string
  role: OrganizationMembershipRole
  redirectUrl?: string
  publicMetadata?: OrganizationInvitationPublicMetadata
}

export type GetOrganizationInvitationListParams = {
  organizationId: string
  status?: OrganizationInvitationStatus[]
  limit?: number
  offset?: number
}

export type GetPendingOrganizationInvitationListParams = {
  organizationId: string
  limit?: number
  offset?: number
}

export type GetOrganizationInvitationParams = {
  organizationId: string
  invitationId: string
}

export type RevokeOrganizationInvitationParams = {
  organizationId: string
  invitationId: string
  requestingUserId: string
}

export declare class OrganizationAPI extends AbstractAPI {
  getOrganizationList(params?: GetOrganizationListParams): Promise<Organization[]>
  createOrganization(params: CreateOrganizationParams): Promise<Organization>
  getOrganization(params: GetOrganizationParams): Promise<Organization>
  updateOrganization(organizationId: string, params: UpdateOrganizationParams): Promise<Organization>
  updateOrganizationLogo(organizationId: string, params: UpdateOrganizationLogoParams): Promise<Organization>
  deleteOrganizationLogo(organizationId: string): Promise<Organization>
  updateOrganizationMetadata(organizationId: string, params: UpdateOrganizationMetadataParams): Promise<Organization>
  deleteOrganization(organizationId: string): Promise<Organization>
  getOrganizationMembershipList(params: GetOrganizationMembershipListParams): Promise<OrganizationMembership[]>
  createOrganizationMembership(params: CreateOrganizationMembershipParams): Promise<OrganizationMembership>
  updateOrganizationMembership(params: UpdateOrganizationMembershipParams): Promise<OrganizationMembership>
  updateOrganizationMembershipMetadata(params: UpdateOrganizationMembershipMetadataParams): Promise<OrganizationMembership>
  deleteOrganizationMembership(params: DeleteOrganizationMembershipParams): Promise<OrganizationMembership>
  getOrganizationInvitationList(params: GetOrganizationInvitationListParams): Promise<OrganizationInvitation[]>
  /**
   * @deprecated Use `getOrganizationInvitationList` with `status: ['pending']` instead.
   */
  getPendingOrganizationInvitationList(params: GetPendingOrganizationInvitationListParams): Promise<OrganizationInvitation[]>
  createOrganizationInvitation(params: CreateOrganizationInvitationParams): Promise<OrganizationInvitation>
  getOrganizationInvitation(params: GetOrganizationInvitationParams): Promise<OrganizationInvitation>
  revokeOrganizationInvitation(params: RevokeOrganizationInvitationParams): Promise<OrganizationInvitation>
}

// ---- phone numbers ----

export type CreatePhoneNumberParams = {
  userId: string
  phoneNumber: string
  verified?: boolean
  primary?: boolean
}

export type UpdatePhoneNumberParams = {
  verified?: boolean
  primary?: boolean
}

export declare class PhoneNumberAPI extends AbstractAPI {
  getPhoneNumber(phoneNumberId: string): Promise<PhoneNumber>
  createPhoneNumber(params: CreatePhoneNumberParams): Promise<PhoneNumber>
  updatePhoneNumber(phoneNumberId: string, params?: UpdatePhoneNumberParams): Promise<PhoneNumber>
  deletePhoneNumber(phoneNumberId: string): Promise<DeletedObject>
}

// ---- redirect URLs ----

export type CreateRedirectUrlParams = {
  url: string
}

export declare class RedirectUrlAPI extends AbstractAPI {
  getRedirectUrlList(): Promise<RedirectUrl[]>
  getRedirectUrl(redirectUrlId: string): Promise<RedirectUrl>
  createRedirectUrl(params: CreateRedirectUrlParams): Promise<RedirectUrl>
  deleteRedirectUrl(redirectUrlId: string): Promise<RedirectUrl>
}

// ---- sessions ----

export type SessionListParams = {
  clientId?: string
  userId?: string
  status?: SessionStatus
}

export declare class SessionAPI extends AbstractAPI {
  getSessionList(queryParams?: SessionListParams): Promise<Session[]>
  getSession(sessionId: string): Promise<Session>
  revokeSession(sessionId: string): Promise<Session>
  verifySession(sessionId: string, token: string): Promise<Session>
  /** Resolves to the token made from the JWT template `template` (typed loosely, as upstream). */
  getToken(sessionId: string, template: string): Promise<any>
}

// ---- sign-in tokens ----

export type CreateSignInTokensParams = {
  userId: string
  expiresInSeconds: number
}

export declare class SignInTokenAPI extends AbstractAPI {
  createSignInToken(params: CreateSignInTokensParams): Promise<SignInToken>
  revokeSignInToken(signInTokenId: string): Promise<SignInToken>
}

// ---- SMS messages (deprecated) ----

export type SMSParams = {
  phoneNumberId: string
  message: string
}

/**
 * @deprecated The Backend API no longer offers this endpoint; the namespace goes away in the
 * next major version of @clerk/backend.
 */
export declare class SMSMessageAPI extends AbstractAPI {
  /**
   * @deprecated The Backend API no longer offers this endpoint; the method goes away in the
   * next major version of @clerk/backend.
   */
  createSMSMessage(params: SMSParams): Promise<SMSMessage>
}

// ---- users ----

export type UserCountParams = {
  emailAddress?: string[]
  phoneNumber?: string[]
  username?: string[]
  web3Wallet?: string[]
  query?: string
  userId?: string[]
  externalId?: string[]
}

export type UserListParams = UserCountParams & {
  limit?: number
  offset?: number
  orderBy?: 'created_at' | 'updated_at' | '+created_at' | '+updated_at' | '-created_at' | '-updated_at'
}

export type UserMetadataParams = {
  publicMetadata?: UserPublicMetadata
  privateMetadata?: UserPrivateMetadata
  unsafeMetadata?: UserUnsafeMetadata
}

/** The hashing schemes of password digests that can be imported. */
export type PasswordHasher =
  | 'argon2i'
  | 'argon2id'
  | 'bcrypt'
  | 'md5'
  | 'pbkdf2_sha256'
  | 'pbkdf2_sha256_django'
  | 'pbkdf2_sha1'
  | 'scrypt_firebase'
  | 'scrypt_werkzeug'
  | 'sha256'

export type UserPasswordHashingParams = {
  passwordDigest: string
  passwordHasher: PasswordHasher
}

export type CreateUserParams = {
  externalId?: string
  emailAddress?: string[]
  phoneNumber?: string[]
  username?: string
  password?: string
  firstName?: string
  lastName?: string
  skipPasswordChecks?: boolean
  skipPasswordRequirement?: boolean
  totpSecret?: string
  backupCodes?: string[]
  createdAt?: Date
} & UserMetadataParams &
  (UserPasswordHashingParams | object)

export type UpdateUserParams = {
  firstName?: string
  lastName?: string
  username?: string
  password?: string
  skipPasswordChecks?: boolean
  signOutOfOtherSessions?: boolean
  primaryEmailAddressID?: string
  primaryPhoneNumberID?: string
  primaryWeb3WalletID?: string
  profileImageID?: string
  totpSecret?: string
  backupCodes?: string[]
  externalId?: string
  createdAt?: Date
  createOrganizationEnabled?: boolean
} & UserMetadataParams &
  (UserPasswordHashingParams | object)

export type UserOrganizationMembershipListParams = {
  userId: string
  limit?: number
  offset?: number
}

export type VerifyPasswordParams = {
  userId: string
  password: string
}

export type VerifyTOTPParams = {
  userId: string
  code: string
}

export declare class UserAPI extends AbstractAPI {
  getUserList(params?: UserListParams): Promise<User[]>
  getUser(userId: string): Promise<User>
  createUser(params: CreateUserParams): Promise<User>
  updateUser(userId: string, params?: UpdateUserParams): Promise<User>
  updateUserProfileImage(userId: string, params: { file: Blob | File }): Promise<User>
  updateUserMetadata(userId: string, params: UserMetadataParams): Promise<User>
  deleteUser(userId: string): Promise<User>
  /** Counts the users matching the filters (every given param is sent as a query parameter). */
  getCount(params?: UserListParams): Promise<number>
  getUserOauthAccessToken(userId: string, provider: `oauth_${ClerkOAuthProvider}`): Promise<OauthAccessToken[]>
  disableUserMFA(userId: string): Promise<User>
  getOrganizationMembershipList(params: UserOrganizationMembershipListParams): Promise<OrganizationMembership[]>
  verifyPassword(params: VerifyPasswordParams): Promise<{ verified: true }>
  verifyTOTP(params: VerifyTOTPParams): Promise<{ verified: true; code_type: 'totp' }>
}

// ---- the client ----

/** The Backend API namespaces, as `Clerk()` (and the internal createBackendApiClient) return them. */
export type ApiClient = {
  allowlistIdentifiers: AllowlistIdentifierAPI
  clients: ClientAPI
  /** @deprecated Will be removed in the next major release of @clerk/backend. */
  emailAddresses: EmailAddressAPI
  emails: EmailAPI
  interstitial: InterstitialAPI
  invitations: InvitationAPI
  organizations: OrganizationAPI
  phoneNumbers: PhoneNumberAPI
  redirectUrls: RedirectUrlAPI
  sessions: SessionAPI
  signInTokens: SignInTokenAPI
  smsMessages: SMSMessageAPI
  users: UserAPI
  domains: DomainAPI
}
