// Types of clerk-backend-native: the public API of @clerk/backend 0.38.15.
// Resource and claim types come from @clerk/types 3.65.5, as in the reference.

import type { Jwt, JwtPayload } from '@clerk/types'

export type { Jwt, JwtPayload }

/** A key as a PEM string (SPKI to verify, PKCS#8 to sign) or a JSON Web Key. */
export type JwtKey = JsonWebKey | string

/** A predicate on the `iss` claim, for instances whose issuer is not a fixed string. */
export type IssuerResolver = string | ((iss: string) => boolean)

export type VerifyJwtOptions = {
  audience?: string | string[]
  authorizedParties?: string[]
  /**
   * @deprecated Read as milliseconds, as in @clerk/backend. Use clockSkewInMs instead.
   */
  clockSkewInSeconds?: number
  clockSkewInMs?: number
  issuer: IssuerResolver | string | null
  key: JsonWebKey | string
}

export interface SignJwtOptions {
  algorithm?: string
  header?: Record<string, unknown>
}

export declare function decodeJwt(token: string): Jwt
export declare function hasValidSignature(jwt: Jwt, key: JsonWebKey | string): Promise<boolean>
export declare function verifyJwt(token: string, options: VerifyJwtOptions): Promise<JwtPayload>
/** @internal Signs a token; used by other Clerk packages and by tests. */
export declare function signJwt(payload: Record<string, unknown>, key: string | JsonWebKey, options: SignJwtOptions): Promise<string>

export type VerifyTokenOptions = Pick<
  VerifyJwtOptions,
  'authorizedParties' | 'audience' | 'issuer' | 'clockSkewInSeconds' | 'clockSkewInMs'
> & {
  jwtKey?: string
  proxyUrl?: string
  jwksCacheTtlInMs?: number
  skipJwksCache?: boolean
  secretKey?: string
  /** @deprecated Use `secretKey` instead. */
  apiKey?: string
  apiUrl?: string
  apiVersion?: string
  /**
   * clerk-backend-native only: the bound on fetching a JWKS, retries included, in
   * milliseconds (default 10000). The reference has no bound.
   */
  jwksTimeoutInMs?: number
}

export declare function verifyToken(token: string, options: VerifyTokenOptions): Promise<JwtPayload>
