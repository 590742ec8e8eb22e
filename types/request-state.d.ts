// Types of the request-state half of @clerk/backend 0.38.15: authenticateRequest and the
// states it resolves to, the auth objects of `toAuth()`, the interstitial helpers, the
// redirect helper and the constants.
//
// Of the values declared here, the package exports at runtime: AuthStatus, constants,
// createAuthenticateRequest, createIsomorphicRequest, buildRequestUrl, redirect,
// debugRequestState, signedInAuthObject, signedOutAuthObject, sanitizeAuthObject,
// prunePrivateMetadata, makeAuthObjectSerializable and loadInterstitialFromLocal. The two
// other enums (AuthErrorReason, TokenVerificationErrorReason) exist only to type `reason`;
// the index re-exports them as types.

import type {
  ActClaim,
  CheckAuthorizationWithCustomPermissions,
  JwtPayload,
  MultiDomainAndOrProxyPrimitives,
  OrganizationCustomPermissionKey,
  OrganizationCustomRoleKey,
  ServerGetToken,
} from '@clerk/types'
import type { VerifyTokenOptions } from './jwt'
import type { ApiClient } from './api'
import type { Organization, Session, User } from './resources'

// ---- why a request is in its state ----

/** The `reason` of a TokenVerificationError, and of a request state caused by one. */
export declare enum TokenVerificationErrorReason {
  TokenExpired = 'token-expired',
  TokenInvalid = 'token-invalid',
  TokenInvalidAlgorithm = 'token-invalid-algorithm',
  TokenInvalidAuthorizedParties = 'token-invalid-authorized-parties',
  TokenInvalidIssuer = 'token-invalid-issuer',
  TokenInvalidSignature = 'token-invalid-signature',
  TokenNotActiveYet = 'token-not-active-yet',
  TokenVerificationFailed = 'token-verification-failed',
  InvalidSecretKey = 'secret-key-invalid',
  LocalJWKMissing = 'jwk-local-missing',
  RemoteJWKFailedToLoad = 'jwk-remote-failed-to-load',
  RemoteJWKInvalid = 'jwk-remote-invalid',
  RemoteJWKMissing = 'jwk-remote-missing',
  JWKFailedToResolve = 'jwk-failed-to-resolve',
  RemoteInterstitialFailedToLoad = 'interstitial-remote-failed-to-load',
}

/** The reasons authenticateRequest gives for a state that no token error explains. */
export declare enum AuthErrorReason {
  CookieAndUATMissing = 'cookie-and-uat-missing',
  CookieMissing = 'cookie-missing',
  CookieOutDated = 'cookie-outdated',
  CookieUATMissing = 'uat-missing',
  CrossOriginReferrer = 'cross-origin-referrer',
  HeaderMissingCORS = 'header-missing-cors',
  HeaderMissingNonBrowser = 'header-missing-non-browser',
  SatelliteCookieNeedsSyncing = 'satellite-needs-syncing',
  SatelliteReturnsFromPrimary = 'satellite-returns-from-primary',
  PrimaryRespondsToSyncing = 'primary-responds-to-syncing',
  StandardSignedIn = 'standard-signed-in',
  StandardSignedOut = 'standard-signed-out',
  UnexpectedError = 'unexpected-error',
  Unknown = 'unknown',
}

export type AuthReason = AuthErrorReason | TokenVerificationErrorReason

// ---- request states ----

/** The `status` of a RequestState; the discriminant of the union. */
export declare enum AuthStatus {
  SignedIn = 'signed-in',
  SignedOut = 'signed-out',
  Interstitial = 'interstitial',
  Unknown = 'unknown',
}

/** The request carries a valid session token. */
export type SignedInState = {
  status: AuthStatus.SignedIn
  reason: null
  message: null
  frontendApi: string
  proxyUrl?: string
  publishableKey: string
  isSatellite: boolean
  domain: string
  signInUrl: string
  signUpUrl: string
  afterSignInUrl: string
  afterSignUpUrl: string
  isSignedIn: true
  isInterstitial: false
  isUnknown: false
  toAuth: () => SignedInAuthObject
  /** The verified session token. */
  token: string
}

/** The request has no session, or one that cannot be trusted; `reason` and `message` say why. */
export type SignedOutState = {
  status: AuthStatus.SignedOut
  message: string
  reason: AuthReason
  frontendApi: string
  proxyUrl?: string
  publishableKey: string
  isSatellite: boolean
  domain: string
  signInUrl: string
  signUpUrl: string
  afterSignInUrl: string
  afterSignUpUrl: string
  isSignedIn: false
  isInterstitial: false
  isUnknown: false
  toAuth: () => SignedOutAuthObject
  token: null
}

/** The browser must load the interstitial page so Clerk.js can refresh the session first. */
export type InterstitialState = Omit<SignedOutState, 'isInterstitial' | 'status' | 'toAuth'> & {
  status: AuthStatus.Interstitial
  isInterstitial: true
  toAuth: () => null
}

/** The state could not be decided: the Authorization header carries a token that is expired or not yet active. */
export type UnknownState = Omit<InterstitialState, 'status' | 'isInterstitial' | 'isUnknown'> & {
  status: AuthStatus.Unknown
  isInterstitial: false
  isUnknown: true
}

/** What authenticateRequest resolves to; narrow it on `status` (or isSignedIn / isInterstitial / isUnknown). */
export type RequestState = SignedInState | SignedOutState | InterstitialState | UnknownState

// ---- auth objects (`toAuth()`) ----

export type AuthObjectDebugData = Partial<AuthenticateRequestOptions & RequestState>
/** Returns the options and request state the auth object was made from, keys cut to their first 7 characters. */
export type AuthObjectDebug = () => unknown

export type SignedInAuthObjectOptions = {
  /** @deprecated Use `secretKey` instead. */
  apiKey?: string
  secretKey?: string
  apiUrl: string
  apiVersion: string
  token: string
  session?: Session
  user?: User
  organization?: Organization
}

export type SignedInAuthObject = {
  sessionClaims: JwtPayload
  sessionId: string
  session: Session | undefined
  actor: ActClaim | undefined
  userId: string
  user: User | undefined
  orgId: string | undefined
  orgRole: OrganizationCustomRoleKey | undefined
  orgSlug: string | undefined
  orgPermissions: OrganizationCustomPermissionKey[] | undefined
  organization: Organization | undefined
  /** The session token, or (with `{ template }`) a token of a JWT template fetched from the Backend API. */
  getToken: ServerGetToken
  /** Checks the active organization's role or permission. */
  has: CheckAuthorizationWithCustomPermissions
  debug: AuthObjectDebug
}

export type SignedOutAuthObject = {
  sessionClaims: null
  sessionId: null
  session: null
  actor: null
  userId: null
  user: null
  orgId: null
  orgRole: null
  orgSlug: null
  orgPermissions: null
  organization: null
  /** Always resolves to null. */
  getToken: ServerGetToken
  /** Always false. */
  has: CheckAuthorizationWithCustomPermissions
  debug: AuthObjectDebug
}

export type AuthObject = SignedInAuthObject | SignedOutAuthObject

export declare function signedInAuthObject(
  sessionClaims: JwtPayload,
  options: SignedInAuthObjectOptions,
  debugData?: AuthObjectDebugData,
): SignedInAuthObject
export declare function signedOutAuthObject(debugData?: AuthObjectDebugData): SignedOutAuthObject

/** Deletes `privateMetadata` / `private_metadata` from the resource, in place, and returns it. */
export declare function prunePrivateMetadata(
  resource?: { private_metadata: any } | { privateMetadata: any } | null,
): { private_metadata: any } | { privateMetadata: any } | null | undefined

/** A copy of the auth object whose `user` and `organization` have no private metadata. */
export declare function sanitizeAuthObject<T extends Record<any, any>>(authObject: T): T

/**
 * The auth object without its functions (`debug`, `getToken`, `has`), so that it can cross a
 * server/client boundary as plain data (e.g. props of a Next.js app-directory component).
 */
export declare const makeAuthObjectSerializable: <T extends Record<string, unknown>>(obj: T) => T

// ---- authenticateRequest options ----

export type LoadResourcesOptions = {
  loadSession?: boolean
  loadUser?: boolean
  loadOrganization?: boolean
}

export type RequiredVerifyTokenOptions = Required<Pick<VerifyTokenOptions, 'apiKey' | 'secretKey' | 'apiUrl' | 'apiVersion'>>

export type OptionalVerifyTokenOptions = Partial<
  Pick<
    VerifyTokenOptions,
    'audience' | 'authorizedParties' | 'clockSkewInSeconds' | 'clockSkewInMs' | 'jwksCacheTtlInMs' | 'skipJwksCache' | 'jwtKey'
  >
>

export type AuthenticateRequestOptions = OptionalVerifyTokenOptions &
  LoadResourcesOptions & {
    publishableKey?: string
    secretKey?: string
    /** @deprecated Use `publishableKey` instead. */
    frontendApi?: string
    /** @deprecated Use `secretKey` instead. */
    apiKey?: string
    apiVersion?: string
    apiUrl?: string
    /** The `__session` cookie; read from `request` when absent. */
    cookieToken?: string
    /** The `__client_uat` cookie; read from `request` when absent. */
    clientUat?: string
    /** The Bearer token of the Authorization header; read from `request` when absent. */
    headerToken?: string
    origin?: string
    host?: string
    forwardedHost?: string
    forwardedPort?: string
    forwardedProto?: string
    referrer?: string
    userAgent?: string
    domain?: string
    isSatellite?: boolean
    proxyUrl?: string
    searchParams?: URLSearchParams
    signInUrl?: string
    signUpUrl?: string
    afterSignInUrl?: string
    afterSignUpUrl?: string
    /** The incoming request; cookies, headers and search params not given above come from it. */
    request?: Request
  }

// ---- debugging ----

/** The fields of a request state that debugRequestState keeps. */
export type DebugRequestState = {
  frontendApi: string
  isSignedIn: boolean
  proxyUrl: string | undefined
  isInterstitial: boolean
  reason: AuthReason | null
  message: string | null
  publishableKey: string
  isSatellite: boolean
  domain: string
}

export declare const debugRequestState: (params: RequestState) => DebugRequestState

// ---- interstitial ----

export type LoadInterstitialOptions = {
  apiUrl: string
  frontendApi: string
  publishableKey: string
  /** URL of clerk.browser.js; made from the Frontend API (or proxy) and version when absent. */
  clerkJSUrl?: string
  clerkJSVersion?: string
  userAgent?: string
  /** @deprecated */
  pkgVersion?: string
  debugData?: DebugRequestState
  isSatellite?: boolean
  signInUrl?: string
} & MultiDomainAndOrProxyPrimitives

/** The HTML of the interstitial page, made locally (no request). */
export declare function loadInterstitialFromLocal(options: Omit<LoadInterstitialOptions, 'apiUrl'>): string

/** The URL of the public interstitial endpoint of the Backend API for these options. */
export type BuildPublicInterstitialUrl = (options: LoadInterstitialOptions) => string

// ---- createAuthenticateRequest ----

export type CreateAuthenticateRequestOptions = {
  /** Defaults for every call; the options of a call win over them. */
  options: Partial<
    Pick<
      AuthenticateRequestOptions,
      | 'audience'
      | 'apiKey'
      | 'secretKey'
      | 'apiUrl'
      | 'apiVersion'
      | 'frontendApi'
      | 'publishableKey'
      | 'jwtKey'
      | 'proxyUrl'
      | 'domain'
      | 'isSatellite'
      | 'userAgent'
    >
  >
  apiClient: ApiClient
}

/** The request-state functions that `Clerk()` and createAuthenticateRequest return. */
export type AuthenticateRequestHelpers = {
  /** Decides whether the request is signed in, signed out, needs the interstitial, or is unknown. */
  authenticateRequest: (options: Omit<AuthenticateRequestOptions, 'apiUrl' | 'apiVersion'>) => Promise<RequestState>
  /** The HTML of the interstitial page, made locally. */
  localInterstitial: (options: Omit<LoadInterstitialOptions, 'apiUrl'>) => string
  /** The HTML of the interstitial page, fetched from the public Backend API endpoint. */
  remotePublicInterstitial: (options: LoadInterstitialOptions) => Promise<string>
  /** The HTML of the interstitial page, fetched from the Backend API with the secret key. */
  remotePrivateInterstitial: () => Promise<string>
  remotePublicInterstitialUrl: BuildPublicInterstitialUrl
  debugRequestState: (params: RequestState) => DebugRequestState
}

export declare function createAuthenticateRequest(params: CreateAuthenticateRequestOptions): AuthenticateRequestHelpers

// ---- requests ----

/** Makes a request with the runtime's Request and Headers classes. */
export type IsomorphicRequestOptions = (Request: typeof globalThis.Request, Headers: typeof globalThis.Headers) => Request

/**
 * Builds a request with `cb`, then rebuilds it on the URL its forwarding headers describe
 * (x-forwarded-proto / x-forwarded-host / host), as authenticateRequest sees it.
 */
export declare const createIsomorphicRequest: (cb: IsomorphicRequestOptions) => Request

/** The public URL of `request` (forwarding headers applied), with `path` in place of its path when given. */
export declare const buildRequestUrl: (request: Request, path?: string) => URL

// ---- redirect ----

/** Turns a URL into the framework's redirect response. */
export type RedirectAdapter = (url: string) => any

export type RedirectToSignUpParams = {
  /** Where the user comes back to afterwards (`redirect_url`). */
  returnBackUrl?: string
}

export type RedirectToSignInParams = {
  /** Where the user comes back to afterwards (`redirect_url`). */
  returnBackUrl?: string
}

export type RedirectParams = {
  redirectAdapter: RedirectAdapter
  signInUrl?: string
  signUpUrl?: string
  publishableKey?: string
  /** @deprecated Use `publishableKey` instead. */
  frontendApi?: string
}

export type RedirectFunctions = {
  redirectToSignUp: (params?: RedirectToSignUpParams) => any
  redirectToSignIn: (params?: RedirectToSignInParams) => any
}

/** Redirects to the sign-in / sign-up pages (own URLs, or the Account Portal of the instance). */
export declare function redirect(params: RedirectParams): RedirectFunctions

// ---- constants ----

export declare const constants: {
  readonly Attributes: {
    readonly AuthToken: '__clerkAuthToken'
    readonly AuthStatus: '__clerkAuthStatus'
    readonly AuthReason: '__clerkAuthReason'
    readonly AuthMessage: '__clerkAuthMessage'
  }
  readonly Cookies: {
    readonly Session: '__session'
    readonly ClientUat: '__client_uat'
  }
  readonly Headers: {
    readonly AuthToken: 'x-clerk-auth-token'
    readonly AuthStatus: 'x-clerk-auth-status'
    readonly AuthReason: 'x-clerk-auth-reason'
    readonly AuthMessage: 'x-clerk-auth-message'
    readonly EnableDebug: 'x-clerk-debug'
    readonly ClerkRedirectTo: 'x-clerk-redirect-to'
    readonly CloudFrontForwardedProto: 'cloudfront-forwarded-proto'
    readonly Authorization: 'authorization'
    readonly ForwardedPort: 'x-forwarded-port'
    readonly ForwardedProto: 'x-forwarded-proto'
    readonly ForwardedHost: 'x-forwarded-host'
    readonly Referrer: 'referer'
    readonly UserAgent: 'user-agent'
    readonly Origin: 'origin'
    readonly Host: 'host'
    readonly ContentType: 'content-type'
  }
  readonly SearchParams: {
    readonly AuthStatus: 'x-clerk-auth-status'
    readonly AuthToken: 'x-clerk-auth-token'
  }
  readonly ContentTypes: {
    readonly Json: 'application/json'
  }
}
