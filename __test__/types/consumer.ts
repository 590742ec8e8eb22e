// A consumer of @clerk/backend 0.38.15, written against its public types only. It must
// type-check unchanged against the reference (tsconfig.ref.json) and against this package
// (tsconfig.native.json). Nothing here runs: `tsc --noEmit` only.

import {
  AuthStatus,
  Clerk,
  Organization,
  OrganizationMembership,
  User,
  buildRequestUrl,
  constants,
  createAuthenticateRequest,
  createIsomorphicRequest,
  debugRequestState,
  decodeJwt,
  deserialize,
  hasValidSignature,
  loadInterstitialFromLocal,
  makeAuthObjectSerializable,
  ObjectType,
  prunePrivateMetadata,
  redirect,
  sanitizeAuthObject,
  signJwt,
  signedInAuthObject,
  signedOutAuthObject,
  verifyJwt,
  verifyToken,
} from '@clerk/backend'
import type {
  AuthObject,
  AuthenticateRequestOptions,
  ClerkOptions,
  CreateAuthenticateRequestOptions,
  OAuthStrategy,
  OptionalVerifyTokenOptions,
  OrganizationMembershipRole,
  RequestState,
  RequiredVerifyTokenOptions,
  SignedInAuthObject,
  SignedInAuthObjectOptions,
  SignedOutAuthObject,
  UserJSON,
  VerifyJwtOptions,
  VerifyTokenOptions,
  WebhookEvent,
} from '@clerk/backend'

// Applications type their metadata by augmenting the globals of @clerk/types.
declare global {
  interface UserPublicMetadata {
    plan?: 'free' | 'pro'
  }
  interface OrganizationPublicMetadata {
    tier?: number
  }
}

// ---- a tiny helper to assert a type exactly (no any) ----
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
function assertType<T extends true>(_: T): void {}
function expectType<T>(_: T): void {}

// ---- the client ----

const options: ClerkOptions = {
  secretKey: 'sk_test_xxx',
  apiUrl: 'https://api.clerk.dev',
  apiVersion: 'v1',
  userAgent: 'my-app/1.0',
  httpOptions: { headers: { 'x-extra': '1' } },
  jwtKey: '-----BEGIN PUBLIC KEY-----...',
  publishableKey: 'pk_test_xxx',
  proxyUrl: 'https://example.com/__clerk',
  domain: 'example.com',
  isSatellite: false,
  audience: ['a', 'b'],
}
const clerk = Clerk(options)
const clerk2 = Clerk({ apiKey: 'legacy_key' })
type ClerkInstance = ReturnType<typeof Clerk>
const sameClient: ClerkInstance = clerk2
const unstable = clerk.__unstable_options
expectType<string | undefined>(unstable.secretKey)
expectType<string | string[] | undefined>(unstable.audience)

async function backendApi(): Promise<void> {
  // users
  const users: User[] = await clerk.users.getUserList({
    emailAddress: ['a@example.com'],
    phoneNumber: ['+15555550100'],
    username: ['alice'],
    web3Wallet: ['0x0'],
    userId: ['user_1'],
    externalId: ['ext_1'],
    query: 'ali',
    limit: 10,
    offset: 20,
    orderBy: '-created_at',
  })
  await clerk.users.getUserList()
  const user = await clerk.users.getUser('user_1')
  const id: string = user.id
  const firstName: string | null = user.firstName
  const primaryEmail = user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId)?.emailAddress
  expectType<string | undefined>(primaryEmail)
  const plan: 'free' | 'pro' | undefined = user.publicMetadata.plan
  const lastSignIn: number | null = user.lastSignInAt
  const externalProviders: string[] = user.externalAccounts.map((a) => a.provider)
  const verified = user.phoneNumbers[0]?.verification?.status
  expectType<string | undefined>(verified)
  const created = await clerk.users.createUser({
    emailAddress: ['a@example.com'],
    password: 'correct horse battery staple',
    firstName: 'Alice',
    publicMetadata: { plan: 'pro' },
    privateMetadata: { stripeId: 'cus_1' },
    unsafeMetadata: { theme: 'dark' },
    createdAt: new Date(),
  })
  await clerk.users.createUser({ username: 'bob', passwordDigest: '$2a$...', passwordHasher: 'bcrypt' })
  await clerk.users.updateUser(created.id, { firstName: 'Al', primaryEmailAddressID: 'idn_1', createOrganizationEnabled: true })
  await clerk.users.updateUser(created.id)
  await clerk.users.updateUserMetadata(created.id, { publicMetadata: { plan: 'free' } })
  await clerk.users.updateUserProfileImage(created.id, { file: new Blob(['x']) })
  const deleted: User = await clerk.users.deleteUser(created.id)
  const count: number = await clerk.users.getCount({ query: 'x' })
  const provider: OAuthStrategy = 'oauth_google'
  const tokens = await clerk.users.getUserOauthAccessToken('user_1', provider)
  const oauthToken: string | undefined = tokens[0]?.token
  await clerk.users.getUserOauthAccessToken('user_1', 'oauth_github')
  await clerk.users.disableUserMFA('user_1')
  const userMemberships: OrganizationMembership[] = await clerk.users.getOrganizationMembershipList({ userId: 'user_1', limit: 5 })
  const pw: { verified: true } = await clerk.users.verifyPassword({ userId: 'user_1', password: 'x' })
  const totp = await clerk.users.verifyTOTP({ userId: 'user_1', code: '123456' })
  expectType<'totp'>(totp.code_type)

  // organizations
  const orgs: Organization[] = await clerk.organizations.getOrganizationList({ limit: 10, includeMembersCount: true, query: 'acme' })
  const org = await clerk.organizations.createOrganization({ name: 'Acme', slug: 'acme', createdBy: 'user_1', publicMetadata: { tier: 2 } })
  const tier: number | undefined = org.publicMetadata?.tier
  await clerk.organizations.getOrganization({ organizationId: org.id })
  await clerk.organizations.getOrganization({ slug: 'acme' })
  await clerk.organizations.updateOrganization(org.id, { name: 'Acme Inc', maxAllowedMemberships: 5 })
  await clerk.organizations.updateOrganizationLogo(org.id, { file: new Blob([]), uploaderUserId: 'user_1' })
  await clerk.organizations.deleteOrganizationLogo(org.id)
  await clerk.organizations.updateOrganizationMetadata(org.id, { privateMetadata: { crm: 'x' } })
  await clerk.organizations.deleteOrganization(org.id)
  const role: OrganizationMembershipRole = 'admin'
  const members = await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id, limit: 100 })
  const memberIds = members.map((m) => m.publicUserData?.userId)
  expectType<(string | undefined)[]>(memberIds)
  const membership = await clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: 'user_2', role })
  const memberRole: OrganizationMembershipRole = membership.role
  await clerk.organizations.updateOrganizationMembership({ organizationId: org.id, userId: 'user_2', role: 'basic_member' })
  await clerk.organizations.updateOrganizationMembershipMetadata({ organizationId: org.id, userId: 'user_2', publicMetadata: { a: 1 } })
  await clerk.organizations.deleteOrganizationMembership({ organizationId: org.id, userId: 'user_2' })
  const invitations = await clerk.organizations.getOrganizationInvitationList({ organizationId: org.id, status: ['pending', 'accepted'] })
  expectType<string>(invitations[0]!.emailAddress)
  await clerk.organizations.getPendingOrganizationInvitationList({ organizationId: org.id })
  const orgInvitation = await clerk.organizations.createOrganizationInvitation({
    organizationId: org.id,
    inviterUserId: 'user_1',
    emailAddress: 'b@example.com',
    role: 'basic_member',
    redirectUrl: 'https://example.com/accept',
  })
  await clerk.organizations.getOrganizationInvitation({ organizationId: org.id, invitationId: orgInvitation.id })
  await clerk.organizations.revokeOrganizationInvitation({
    organizationId: org.id,
    invitationId: orgInvitation.id,
    requestingUserId: 'user_1',
  })

  // the other namespaces
  const allowlist = await clerk.allowlistIdentifiers.getAllowlistIdentifierList()
  const ident: string | undefined = allowlist[0]?.identifier
  const added = await clerk.allowlistIdentifiers.createAllowlistIdentifier({ identifier: 'a@example.com', notify: false })
  await clerk.allowlistIdentifiers.deleteAllowlistIdentifier(added.id)
  const clients = await clerk.clients.getClientList()
  const client = await clerk.clients.getClient('client_1')
  const sessionIds: string[] = client.sessionIds
  await clerk.clients.verifyClient('token')
  const deletedDomain = await clerk.domains.deleteDomain('dmn_1')
  const wasDeleted: boolean = deletedDomain.deleted
  const email = await clerk.emailAddresses.createEmailAddress({ userId: 'user_1', emailAddress: 'c@example.com', verified: true })
  await clerk.emailAddresses.getEmailAddress(email.id)
  await clerk.emailAddresses.updateEmailAddress(email.id, { primary: true })
  await clerk.emailAddresses.updateEmailAddress(email.id)
  await clerk.emailAddresses.deleteEmailAddress(email.id)
  await clerk.emails.createEmail({ fromEmailName: 'noreply', emailAddressId: 'idn_1', subject: 's', body: 'b' })
  const html: string = await clerk.interstitial.getInterstitial()
  const invitationList = await clerk.invitations.getInvitationList({ status: 'revoked' })
  await clerk.invitations.getInvitationList()
  const invitation = await clerk.invitations.createInvitation({
    emailAddress: 'd@example.com',
    redirectUrl: 'https://example.com',
    publicMetadata: { plan: 'free' },
    notify: true,
    ignoreExisting: true,
  })
  await clerk.invitations.revokeInvitation(invitation.id)
  const phone = await clerk.phoneNumbers.createPhoneNumber({ userId: 'user_1', phoneNumber: '+15555550100', primary: true })
  await clerk.phoneNumbers.getPhoneNumber(phone.id)
  await clerk.phoneNumbers.updatePhoneNumber(phone.id, { verified: true })
  await clerk.phoneNumbers.deletePhoneNumber(phone.id)
  const redirectUrls = await clerk.redirectUrls.getRedirectUrlList()
  const ru = await clerk.redirectUrls.createRedirectUrl({ url: 'https://example.com/callback' })
  await clerk.redirectUrls.getRedirectUrl(ru.id)
  await clerk.redirectUrls.deleteRedirectUrl(ru.id)
  const sessions = await clerk.sessions.getSessionList({ userId: 'user_1', status: 'active' })
  await clerk.sessions.getSessionList()
  const session = await clerk.sessions.getSession('sess_1')
  const lastActive: number = session.lastActiveAt
  await clerk.sessions.revokeSession(session.id)
  await clerk.sessions.verifySession(session.id, 'token')
  const templated = await clerk.sessions.getToken(session.id, 'supabase')
  const signInToken = await clerk.signInTokens.createSignInToken({ userId: 'user_1', expiresInSeconds: 600 })
  const ticketUrl: string = signInToken.url
  await clerk.signInTokens.revokeSignInToken(signInToken.id)
  await clerk.smsMessages.createSMSMessage({ phoneNumberId: 'idn_2', message: 'hi' })

  void [users, id, firstName, plan, lastSignIn, externalProviders, deleted, count, oauthToken, userMemberships, pw]
  void [orgs, tier, memberRole, ident, clients, sessionIds, wasDeleted, html, invitationList, redirectUrls]
  void [sessions, lastActive, templated, ticketUrl]
}

// ---- authenticateRequest ----

async function handle(request: Request): Promise<Response> {
  const state = await clerk.authenticateRequest({
    request,
    publishableKey: 'pk_test_xxx',
    secretKey: 'sk_test_xxx',
    authorizedParties: ['https://example.com'],
    clockSkewInMs: 5000,
    loadUser: true,
    loadOrganization: true,
    signInUrl: '/sign-in',
  })
  await clerk.authenticateRequest({ headerToken: 'token', cookieToken: 'c', clientUat: '0', searchParams: new URLSearchParams() })

  if (state.status === AuthStatus.SignedIn) {
    const auth = state.toAuth()
    const userId: string = auth.userId
    const orgId: string | undefined = auth.orgId
    const claims = auth.sessionClaims
    const sid: string = claims.sid
    const token: string = state.token
    const allowed: boolean = auth.has({ role: 'org:admin' }) || auth.has({ permission: 'org:invoices:read' })
    const jwt: string | null = await auth.getToken({ template: 'supabase' })
    const loadedUser: User | undefined = auth.user
    const serializable = makeAuthObjectSerializable(sanitizeAuthObject(auth))
    void [userId, orgId, sid, token, allowed, jwt, loadedUser, serializable]
    return new Response('ok')
  }
  if (state.status === AuthStatus.Interstitial) {
    const nothing: null = state.toAuth()
    const reasonText: string = state.reason
    void [nothing, reasonText]
    return new Response(
      clerk.localInterstitial({
        frontendApi: state.frontendApi,
        publishableKey: state.publishableKey,
        debugData: debugRequestState(state),
      }),
      { status: 401, headers: { 'content-type': 'text/html' } },
    )
  }
  if (state.status === AuthStatus.Unknown) {
    assertType<Equals<typeof state.isUnknown, true>>(true)
    return new Response(state.message, { status: 401 })
  }
  // only the signed-out state is left
  assertType<Equals<typeof state.status, AuthStatus.SignedOut>>(true)
  const signedOut = state.toAuth()
  const nobody: null = signedOut.userId
  const noToken: null = await signedOut.getToken().then(() => null)
  void [nobody, noToken]
  return new Response(state.reason, { status: 401 })
}

function narrowByFlags(state: RequestState): string | null {
  if (state.isSignedIn) {
    return state.toAuth().sessionId
  }
  if (state.isInterstitial) {
    return state.toAuth()
  }
  return state.message
}

function authOf(state: RequestState): AuthObject | null {
  return state.toAuth()
}

function guard(auth: AuthObject): auth is SignedInAuthObject {
  return auth.userId !== null
}

// ---- the request-state helpers ----

async function helpers(): Promise<void> {
  const publicHtml: string = await clerk.remotePublicInterstitial({
    apiUrl: 'https://api.clerk.dev',
    frontendApi: 'clerk.example.com',
    publishableKey: 'pk_test_xxx',
    clerkJSVersion: '4',
  })
  const privateHtml: string = await clerk.remotePrivateInterstitial()
  const url: string = clerk.remotePublicInterstitialUrl({
    apiUrl: 'https://api.clerk.dev',
    frontendApi: 'clerk.example.com',
    publishableKey: 'pk_test_xxx',
    isSatellite: true,
    domain: 'satellite.example.com',
  })
  const localHtml: string = loadInterstitialFromLocal({
    frontendApi: 'clerk.example.com',
    publishableKey: 'pk_test_xxx',
    proxyUrl: '/__clerk',
  })

  const apiClientOfClerk: CreateAuthenticateRequestOptions['apiClient'] = clerk
  const factory = createAuthenticateRequest({ options: { secretKey: 'sk_test_xxx', userAgent: 'x' }, apiClient: apiClientOfClerk })
  const state: RequestState = await factory.authenticateRequest({ publishableKey: 'pk_test_xxx' })
  const dbg = factory.debugRequestState(state)
  const isSignedIn: boolean = dbg.isSignedIn
  const dbgReason: string | null = dbg.reason

  const req = createIsomorphicRequest((Req, Hdrs) => new Req('https://example.com/page', { headers: new Hdrs({ cookie: '__session=x' }) }))
  const pageUrl: URL = buildRequestUrl(req)
  const otherUrl: URL = buildRequestUrl(req, '/other')

  const { redirectToSignIn, redirectToSignUp } = redirect({
    redirectAdapter: (to) => Response.redirect(to, 307),
    publishableKey: 'pk_test_xxx',
    signInUrl: '/sign-in',
  })
  redirectToSignIn({ returnBackUrl: 'https://example.com/after' })
  redirectToSignUp()

  const sessionCookie: '__session' = constants.Cookies.Session
  const authHeader: 'authorization' = constants.Headers.Authorization
  const statusParam: 'x-clerk-auth-status' = constants.SearchParams.AuthStatus

  const signedInOpts: SignedInAuthObjectOptions = { secretKey: 'sk', apiUrl: 'https://api.clerk.dev', apiVersion: 'v1', token: 't' }
  const inAuth: SignedInAuthObject = signedInAuthObject(await verifyToken('t', { secretKey: 'sk', issuer: null }), signedInOpts)
  const outAuth: SignedOutAuthObject = signedOutAuthObject()
  const outAuth2 = signedOutAuthObject({ apiKey: 'k', status: AuthStatus.SignedOut })
  const pruned = prunePrivateMetadata({ privateMetadata: { a: 1 } })

  const authOptions: AuthenticateRequestOptions = { jwtKey: 'pem', skipJwksCache: true, jwksCacheTtlInMs: 1000 }
  const optional: OptionalVerifyTokenOptions = { audience: 'aud' }
  const required: RequiredVerifyTokenOptions = { apiKey: '', secretKey: 'sk', apiUrl: 'u', apiVersion: 'v1' }

  void [publicHtml, privateHtml, url, localHtml, isSignedIn, dbgReason, pageUrl, otherUrl]
  void [sessionCookie, authHeader, statusParam, inAuth, outAuth, outAuth2, pruned, authOptions, optional, required]
}

// ---- tokens ----

async function tokens(): Promise<void> {
  const verifyOptions: VerifyTokenOptions = {
    secretKey: 'sk_test_xxx',
    issuer: (iss: string) => iss.startsWith('https://clerk.'),
    authorizedParties: ['https://example.com'],
    audience: 'aud',
    clockSkewInMs: 1000,
    jwksCacheTtlInMs: 60_000,
    skipJwksCache: false,
  }
  const payload = await verifyToken('token', verifyOptions)
  const sub: string = payload.sub
  const fromPem = await verifyToken('token', { jwtKey: '-----BEGIN PUBLIC KEY-----...', issuer: null })
  const jwtOptions: VerifyJwtOptions = { key: 'pem', issuer: 'https://clerk.example.com' }
  const verified = await verifyJwt('token', jwtOptions)
  const decoded = decodeJwt('token')
  const alg: string = decoded.header.alg
  const ok: boolean = await hasValidSignature(decoded, 'pem')
  const signed: string = await signJwt({ sub: 'user_1' }, 'pem', { algorithm: 'RS256' })
  void [sub, fromPem, verified, ok, signed, alg]
}

// ---- resources, webhooks ----

function webhooks(evt: WebhookEvent): string | undefined {
  if (evt.type === 'user.created') {
    const json: UserJSON = evt.data
    return User.fromJSON(json).id
  }
  if (evt.type === 'organization.created') {
    return evt.data.name
  }
  return undefined
}

const objectType: ObjectType = ObjectType.User
const anything: unknown = deserialize({ object: 'user' })

void [sameClient, backendApi, handle, narrowByFlags, authOf, guard, helpers, tokens, webhooks, objectType, anything]

// ---- misuse is rejected ----

async function misuse(): Promise<void> {
  // @ts-expect-error frontendApi is not an option of Clerk()
  Clerk({ frontendApi: 'clerk.example.com' })
  // @ts-expect-error the role is required
  await clerk.organizations.createOrganizationMembership({ organizationId: 'org_1', userId: 'user_1' })
  // @ts-expect-error getOrganization takes an object
  await clerk.organizations.getOrganization('org_1')
  // @ts-expect-error unknown order
  await clerk.users.getUserList({ orderBy: 'name' })
  // @ts-expect-error createdBy is required
  await clerk.organizations.createOrganization({ name: 'x' })
  // @ts-expect-error remotePublicInterstitial needs apiUrl, frontendApi and publishableKey
  await clerk.remotePublicInterstitial({})
  const state = await clerk.authenticateRequest({})
  // @ts-expect-error not narrowed: toAuth() may be a signed-out object or null
  const uid: string = state.toAuth().userId
  // @ts-expect-error the provider must be an oauth_ strategy
  await clerk.users.getUserOauthAccessToken('user_1', 'google')
  void uid
}
void misuse
