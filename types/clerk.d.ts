// Types of `Clerk()`, the entry point of @clerk/backend 0.38.15: its options and the client
// it returns (the Backend API namespaces plus the request-state functions).

import type { ApiClient, CreateBackendApiOptions } from './api'
import type { AuthenticateRequestHelpers, CreateAuthenticateRequestOptions } from './request-state'

/**
 * Options of `Clerk()`: those of the Backend API client, plus the defaults of
 * authenticateRequest and the interstitial helpers (each call may override them).
 */
export type ClerkOptions = CreateBackendApiOptions &
  Partial<
    Pick<
      CreateAuthenticateRequestOptions['options'],
      'audience' | 'jwtKey' | 'proxyUrl' | 'secretKey' | 'publishableKey' | 'domain' | 'isSatellite'
    >
  > & {
    /**
     * clerk-backend-native only: the bound on each Backend API request (`clerk.users.getUser()`
     * and the other namespace methods), in milliseconds; a request still unanswered by then is
     * aborted and its promise rejects. Default 15000. The reference has no bound.
     */
    timeoutInMs?: number
  }

/** What `Clerk()` returns. */
export interface ClerkClient extends ApiClient, AuthenticateRequestHelpers {
  /**
   * The options `Clerk()` was called with.
   * @deprecated Will be removed in the next major release of @clerk/backend.
   */
  __unstable_options: ClerkOptions
}

/**
 * Makes a Clerk backend client: the Backend API namespaces (`users`, `organizations`,
 * `sessions`, ...) and authenticateRequest with its helpers, all using `options`.
 */
export declare function Clerk(options: ClerkOptions): ClerkClient
