'use strict'
// A recording mock of Clerk's Backend API on 127.0.0.1, for the REST client tests.
//
//   const rec = await startRecorder()
//   Clerk({ secretKey, apiUrl: rec.url })      // paths are served with or without the /v1 prefix
//   rec.requests                                // what arrived, in order (see record())
//   rec.respond('GET /users/:id', response)     // per-test answer for one route ('*' = any route)
//   rec.reset()                                 // forget requests and per-test answers
//
// A response is { status = 200, headers = {}, body } where an object body is sent as JSON with
// `content-type: application/json` (unless headers say otherwise) and a string or Buffer is sent
// as is; `{ stall: true }` never answers. A response may also be a function of the request record.
// Without a per-test answer, each route has a realistic default (see ROUTES).
//
// The module also holds what both REST suites share: the catalogue of client calls (CALLS),
// the list of API methods of a client (apiMethods) and how to get our Clerk (ourClerk).

const http = require('node:http')

// ---------------------------------------------------------------------------------------------
// Realistic resource bodies (snake_case, as the Backend API sends them).

const T0 = 1700000000000

function verification(extra = {}) {
  return { status: 'verified', strategy: 'email_code', attempts: 1, expire_at: T0 + 600000, ...extra }
}

function emailAddress(id = 'idn_email_1', address = 'ada@example.com') {
  return {
    object: 'email_address',
    id,
    email_address: address,
    reserved: false,
    verification: verification({
      strategy: 'from_oauth_google',
      external_verification_redirect_url: 'https://accounts.google.com/o/oauth2/auth?state=abc',
    }),
    linked_to: [{ type: 'oauth_google', id: 'idn_google_1' }],
  }
}

function phoneNumber(id = 'idn_phone_1') {
  return {
    object: 'phone_number',
    id,
    phone_number: '+15555550100',
    reserved_for_second_factor: true,
    default_second_factor: true,
    reserved: false,
    verification: verification({ strategy: 'phone_code', external_verification_redirect_url: null }),
    linked_to: [],
    backup_codes: null,
  }
}

function user(id = 'user_1', extra = {}) {
  return {
    object: 'user',
    id,
    external_id: 'ext_42',
    primary_email_address_id: 'idn_email_1',
    primary_phone_number_id: 'idn_phone_1',
    primary_web3_wallet_id: 'idn_wallet_1',
    username: 'ada',
    first_name: 'Ada',
    last_name: 'Lovelace',
    profile_image_url: 'https://img.clerk.com/profile/ada.png',
    image_url: 'https://img.clerk.com/ada.png',
    has_image: true,
    gender: '',
    birthday: '',
    password_enabled: true,
    totp_enabled: false,
    backup_code_enabled: false,
    two_factor_enabled: true,
    banned: false,
    locked: false,
    public_metadata: { plan: 'pro', nested_key: { camelCase: 1 } },
    private_metadata: { stripe_id: 'cus_123' },
    unsafe_metadata: {},
    email_addresses: [emailAddress()],
    phone_numbers: [phoneNumber()],
    web3_wallets: [
      {
        object: 'web3_wallet',
        id: 'idn_wallet_1',
        web3_wallet: '0x0000000000000000000000000000000000000001',
        verification: verification({ strategy: 'web3_metamask_signature', nonce: 'nonce_123' }),
      },
    ],
    external_accounts: [
      {
        object: 'external_account',
        id: 'eac_google_1',
        provider: 'oauth_google',
        identification_id: 'idn_google_1',
        provider_user_id: '1234567890',
        approved_scopes: 'email profile openid',
        email_address: 'ada@example.com',
        first_name: 'Ada',
        last_name: 'Lovelace',
        avatar_url: 'https://lh3.googleusercontent.com/a/ada',
        image_url: 'https://img.clerk.com/oauth/ada.png',
        username: null,
        public_metadata: {},
        label: null,
        verification: verification({ strategy: 'oauth_google' }),
      },
    ],
    create_organization_enabled: true,
    last_sign_in_at: T0 - 3600000,
    created_at: T0 - 86400000,
    updated_at: T0,
    ...extra,
  }
}

function organization(id = 'org_1', extra = {}) {
  return {
    object: 'organization',
    id,
    name: 'Acme Inc',
    slug: 'acme-inc',
    logo_url: 'https://img.clerk.com/logo/acme.png',
    image_url: 'https://img.clerk.com/acme.png',
    has_image: true,
    created_by: 'user_1',
    max_allowed_memberships: 5,
    admin_delete_enabled: true,
    members_count: 3,
    public_metadata: { tier: 'gold' },
    private_metadata: { crm_id: 'crm_9' },
    created_at: T0 - 86400000,
    updated_at: T0,
    ...extra,
  }
}

function organizationMembership(id = 'orgmem_1', orgId = 'org_1', userId = 'user_1') {
  return {
    object: 'organization_membership',
    id,
    role: 'admin',
    public_metadata: { title: 'CTO' },
    private_metadata: {},
    organization: organization(orgId),
    public_user_data: {
      user_id: userId,
      identifier: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      profile_image_url: 'https://img.clerk.com/profile/ada.png',
      image_url: 'https://img.clerk.com/ada.png',
      has_image: true,
    },
    created_at: T0 - 3600000,
    updated_at: T0,
  }
}

function organizationInvitation(id = 'orginv_1', orgId = 'org_1', status = 'pending') {
  return {
    object: 'organization_invitation',
    id,
    email_address: 'grace@example.com',
    role: 'basic_member',
    organization_id: orgId,
    status,
    public_metadata: { team: 'core' },
    private_metadata: {},
    created_at: T0 - 3600000,
    updated_at: T0,
  }
}

function invitation(id = 'inv_1', status = 'pending') {
  return {
    object: 'invitation',
    id,
    email_address: 'grace@example.com',
    public_metadata: { referrer: 'ada' },
    status,
    revoked: status === 'revoked',
    url: 'https://accounts.example.com/sign-up?__clerk_ticket=tk',
    created_at: T0 - 3600000,
    updated_at: T0,
  }
}

function session(id = 'sess_1', status = 'active') {
  return {
    object: 'session',
    id,
    client_id: 'client_1',
    user_id: 'user_1',
    status,
    last_active_organization_id: 'org_1',
    actor: null,
    last_active_at: T0 - 60000,
    expire_at: T0 + 604800000,
    abandon_at: T0 + 2592000000,
    created_at: T0 - 3600000,
    updated_at: T0,
  }
}

function client(id = 'client_1') {
  return {
    object: 'client',
    id,
    session_ids: ['sess_1', 'sess_2'],
    sessions: [session('sess_1'), session('sess_2', 'ended')],
    sign_in_id: null,
    sign_up_id: 'sua_1',
    last_active_session_id: 'sess_1',
    created_at: T0 - 86400000,
    updated_at: T0,
  }
}

const allowlistIdentifier = (id = 'alid_1', identifier = 'ada@example.com') => ({
  object: 'allowlist_identifier',
  id,
  identifier,
  identifier_type: 'email_address',
  invitation_id: 'inv_1',
  instance_id: 'ins_1',
  created_at: T0 - 3600000,
  updated_at: T0,
})

const redirectUrl = (id = 'ru_1', url = 'https://app.example.com/callback') => ({
  object: 'redirect_url',
  id,
  url,
  created_at: T0 - 3600000,
  updated_at: T0,
})

const signInToken = (id = 'sit_1', status = 'pending') => ({
  object: 'sign_in_token',
  id,
  user_id: 'user_1',
  token: 'eyJhbGciOiJIUzI1NiJ9.sit',
  status,
  url: 'https://accounts.example.com/sign-in?__clerk_ticket=eyJhbGciOiJIUzI1NiJ9.sit',
  created_at: T0 - 60000,
  updated_at: T0,
})

const email = () => ({
  object: 'email',
  id: 'ema_1',
  slug: null,
  from_email_name: 'support',
  to_email_address: 'ada@example.com',
  email_address_id: 'idn_email_1',
  user_id: 'user_1',
  subject: 'Welcome',
  body: '<p>Hello</p>',
  body_plain: null,
  status: 'queued',
  data: {},
  delivered_by_clerk: true,
})

const smsMessage = () => ({
  object: 'sms_message',
  id: 'sms_1',
  from_phone_number: '+15555550199',
  to_phone_number: '+15555550100',
  phone_number_id: 'idn_phone_1',
  message: 'Your code is 123456',
  status: 'queued',
  data: {},
  delivered_by_clerk: true,
})

const oauthAccessToken = (provider, n) => ({
  object: 'oauth_access_token',
  external_account_id: `eac_${n}`,
  provider,
  token: `ya29.token_${n}`,
  public_metadata: {},
  label: null,
  scopes: ['email', 'profile'],
  token_secret: n === 2 ? 'secret_2' : undefined,
})

const deleted = (object, id, extra = {}) => ({ object, id, deleted: true, ...extra })
const paginated = (data) => ({ data, total_count: data.length })

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc18xIiwidHlwIjoiSldUIn0.' + 'eyJzdWIiOiJ1c2VyXzEiLCJzaWQiOiJzZXNzXzEifQ.c2lnbmF0dXJl'

const INTERSTITIAL_HTML = '<!DOCTYPE html><html><head><title>Clerk</title></head><body>interstitial</body></html>'

// A route's default is a JSON body, or a whole response made with this.
const WHOLE = Symbol('whole response')
const whole = (response) => ({ [WHOLE]: true, ...response })

// [method, path pattern (after the version prefix), body from the path params]
const ROUTES = [
  ['GET', '/allowlist_identifiers', () => [allowlistIdentifier(), allowlistIdentifier('alid_2', '*@example.org')]],
  ['POST', '/allowlist_identifiers', () => allowlistIdentifier()],
  ['DELETE', '/allowlist_identifiers/:id', (p) => deleted('allowlist_identifier', p.id)],
  ['GET', '/clients', () => [client(), client('client_2')]],
  ['POST', '/clients/verify', () => client()],
  ['GET', '/clients/:id', (p) => client(p.id)],
  ['DELETE', '/domains/:id', (p) => deleted('domain', p.id, { slug: 'satellite-example-com' })],
  ['GET', '/email_addresses/:id', (p) => emailAddress(p.id)],
  ['POST', '/email_addresses', () => emailAddress('idn_email_2', 'grace@example.com')],
  ['PATCH', '/email_addresses/:id', (p) => emailAddress(p.id)],
  ['DELETE', '/email_addresses/:id', (p) => deleted('email_address', p.id)],
  ['POST', '/emails', () => email()],
  ['GET', '/internal/interstitial', () => whole({ headers: { 'content-type': 'text/html' }, body: INTERSTITIAL_HTML })],
  ['GET', '/invitations', () => [invitation(), invitation('inv_2', 'accepted')]],
  ['POST', '/invitations', () => invitation()],
  ['POST', '/invitations/:id/revoke', (p) => invitation(p.id, 'revoked')],
  ['GET', '/organizations', () => paginated([organization(), organization('org_2', { slug: 'globex', members_count: 7 })])],
  ['POST', '/organizations', () => organization('org_new')],
  ['GET', '/organizations/:id', (p) => organization(p.id.startsWith('org_') ? p.id : 'org_1')],
  ['PATCH', '/organizations/:id', (p) => organization(p.id)],
  ['DELETE', '/organizations/:id', (p) => deleted('organization', p.id)],
  ['PUT', '/organizations/:id/logo', (p) => organization(p.id)],
  ['DELETE', '/organizations/:id/logo', (p) => organization(p.id, { logo_url: null, image_url: null, has_image: false })],
  ['PATCH', '/organizations/:id/metadata', (p) => organization(p.id)],
  [
    'GET',
    '/organizations/:id/memberships',
    (p) => paginated([organizationMembership('orgmem_1', p.id), organizationMembership('orgmem_2', p.id, 'user_2')]),
  ],
  ['POST', '/organizations/:id/memberships', (p) => organizationMembership('orgmem_3', p.id)],
  ['PATCH', '/organizations/:id/memberships/:userId', (p) => organizationMembership('orgmem_1', p.id, p.userId)],
  ['PATCH', '/organizations/:id/memberships/:userId/metadata', (p) => organizationMembership('orgmem_1', p.id, p.userId)],
  ['DELETE', '/organizations/:id/memberships/:userId', (p) => organizationMembership('orgmem_1', p.id, p.userId)],
  [
    'GET',
    '/organizations/:id/invitations',
    (p) => paginated([organizationInvitation('orginv_1', p.id), organizationInvitation('orginv_2', p.id, 'accepted')]),
  ],
  ['GET', '/organizations/:id/invitations/pending', (p) => paginated([organizationInvitation('orginv_1', p.id)])],
  ['POST', '/organizations/:id/invitations', (p) => organizationInvitation('orginv_3', p.id)],
  ['GET', '/organizations/:id/invitations/:invitationId', (p) => organizationInvitation(p.invitationId, p.id)],
  ['POST', '/organizations/:id/invitations/:invitationId/revoke', (p) => organizationInvitation(p.invitationId, p.id, 'revoked')],
  ['GET', '/phone_numbers/:id', (p) => phoneNumber(p.id)],
  ['POST', '/phone_numbers', () => phoneNumber('idn_phone_2')],
  ['PATCH', '/phone_numbers/:id', (p) => phoneNumber(p.id)],
  ['DELETE', '/phone_numbers/:id', (p) => deleted('phone_number', p.id)],
  ['GET', '/redirect_urls', () => [redirectUrl(), redirectUrl('ru_2', 'https://app.example.com/other')]],
  ['GET', '/redirect_urls/:id', (p) => redirectUrl(p.id)],
  ['POST', '/redirect_urls', () => redirectUrl('ru_3')],
  ['DELETE', '/redirect_urls/:id', (p) => deleted('redirect_url', p.id)],
  ['POST', '/sms_messages', () => smsMessage()],
  ['GET', '/sessions', () => [session(), session('sess_2', 'ended')]],
  ['GET', '/sessions/:id', (p) => session(p.id)],
  ['POST', '/sessions/:id/revoke', (p) => session(p.id, 'revoked')],
  ['POST', '/sessions/:id/verify', (p) => session(p.id)],
  ['POST', '/sessions/:id/tokens', () => ({ object: 'token', jwt: JWT })],
  ['POST', '/sessions/:id/tokens/:template', () => ({ object: 'token', jwt: JWT })],
  ['POST', '/sign_in_tokens', () => signInToken()],
  ['POST', '/sign_in_tokens/:id/revoke', (p) => signInToken(p.id, 'revoked')],
  ['GET', '/users', () => [user(), user('user_2', { first_name: 'Grace', last_name: 'Hopper', username: 'grace' })]],
  ['GET', '/users/count', () => ({ object: 'total_count', total_count: 42 })],
  ['POST', '/users', () => user('user_new')],
  ['GET', '/users/:id', (p) => user(p.id)],
  ['PATCH', '/users/:id', (p) => user(p.id)],
  ['DELETE', '/users/:id', (p) => deleted('user', p.id)],
  ['POST', '/users/:id/profile_image', (p) => user(p.id)],
  ['PATCH', '/users/:id/metadata', (p) => user(p.id)],
  ['GET', '/users/:id/oauth_access_tokens/:provider', (p) => [oauthAccessToken(p.provider, 1), oauthAccessToken(p.provider, 2)]],
  ['DELETE', '/users/:id/mfa', (p) => ({ user_id: p.id })],
  ['GET', '/users/:id/organization_memberships', (p) => paginated([organizationMembership('orgmem_1', 'org_1', p.id)])],
  ['POST', '/users/:id/verify_password', () => ({ verified: true })],
  ['POST', '/users/:id/verify_totp', () => ({ verified: true, code_type: 'totp' })],
].map(([method, pattern, make]) => {
  const names = []
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name)
    return '([^/]+)'
  })
  return { method, pattern, regex: new RegExp(`^${source}$`), names, make }
})

// The path without the API version prefix (the clients send /v1/...; tests may use others).
const routePath = (path) => path.replace(/^\/v\d+(?=\/|$)/, '') || '/'

function findRoute(method, path) {
  const bare = routePath(path)
  for (const route of ROUTES) {
    const m = route.method === method && route.regex.exec(bare)
    if (m) {
      const params = {}
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])))
      return { route, params }
    }
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Canned error answers.

// A 4xx/5xx Clerk error body. errors: [{ code, message, longMessage, paramName, sessionId }].
function clerkError(status, errors, { traceId, cfRay } = {}) {
  const body = {
    errors: errors.map((e) => ({
      code: e.code,
      message: e.message,
      long_message: e.longMessage,
      meta: { param_name: e.paramName, session_id: e.sessionId },
    })),
  }
  if (traceId !== undefined) body.clerk_trace_id = traceId
  return { status, headers: cfRay ? { 'cf-ray': cfRay } : {}, body }
}

// An HTML error page, as a proxy in front of the API would send it.
function nonJson(status = 500, { cfRay } = {}) {
  return {
    status,
    headers: { 'content-type': 'text/html', ...(cfRay ? { 'cf-ray': cfRay } : {}) },
    body: `<html><body><h1>${status} ${http.STATUS_CODES[status] || ''}</h1></body></html>`,
  }
}

// ---------------------------------------------------------------------------------------------
// Request recording.

// Multipart parts in a boundary-independent form: [{ name, filename, contentType, data }],
// data as UTF-8 text for plain fields and base64 for files.
function parseMultipart(buffer, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '')
  if (!m) return null
  const delimiter = Buffer.from(`--${m[1] || m[2]}`)
  const parts = []
  let start = buffer.indexOf(delimiter)
  while (start !== -1) {
    const from = start + delimiter.length
    if (buffer.slice(from, from + 2).toString() === '--') break
    const next = buffer.indexOf(delimiter, from)
    if (next === -1) break
    const raw = buffer.slice(from + 2, next - 2) // skip the CRLF after the delimiter and before the next
    const split = raw.indexOf('\r\n\r\n')
    const head = raw.slice(0, split).toString('utf8')
    const content = raw.slice(split + 4)
    const header = (name) => {
      const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`))
      return line ? line.slice(name.length + 1).trim() : undefined
    }
    const disposition = header('content-disposition') || ''
    const name = /\bname="([^"]*)"/.exec(disposition)
    const filename = /\bfilename="([^"]*)"/.exec(disposition)
    parts.push({
      name: name ? name[1] : undefined,
      filename: filename ? filename[1] : undefined,
      contentType: header('content-type'),
      data: filename ? content.toString('base64') : content.toString('utf8'),
    })
    start = next
  }
  return parts
}

// One request as the tests compare it.
function record(req, buffer) {
  const url = new URL(req.url, 'http://recorder.invalid')
  const contentType = req.headers['content-type']
  const body = buffer.toString('utf8')
  const isMultipart = /^multipart\/form-data/i.test(contentType || '')
  let json
  if (!isMultipart && body) {
    try {
      json = JSON.parse(body)
    } catch {
      json = undefined
    }
  }
  return {
    method: req.method,
    path: url.pathname,
    rawQuery: url.search,
    query: [...url.searchParams],
    headers: {
      authorization: req.headers.authorization,
      'user-agent': req.headers['user-agent'],
      'content-type': contentType,
    },
    // content-type without the multipart boundary, which differs between two requests
    contentType: contentType && contentType.replace(/;\s*boundary=.*$/i, '; boundary=<boundary>'),
    allHeaders: { ...req.headers },
    body,
    json,
    multipart: isMultipart ? parseMultipart(buffer, contentType) : null,
  }
}

function send(res, answer) {
  const status = answer.status || 200
  const headers = { ...(answer.headers || {}) }
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')
  let body = answer.body
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
    body = JSON.stringify(body)
    if (!hasType) headers['content-type'] = 'application/json'
  }
  res.writeHead(status, headers)
  res.end(body)
}

async function startRecorder() {
  const requests = []
  let answers = new Map() // 'METHOD /pattern' or '*' -> response or function(record)
  const sockets = new Set()

  function answerFor(rec) {
    const found = findRoute(rec.method, rec.path)
    const key = found && `${rec.method} ${found.route.pattern}`
    let answer = (key && answers.get(key)) || answers.get('*')
    if (typeof answer === 'function') answer = answer(rec)
    if (answer) return answer
    if (!found) {
      return clerkError(404, [{ code: 'resource_not_found', message: 'not found', longMessage: `No route ${rec.method} ${rec.path}` }], {
        traceId: 'trace_not_found',
      })
    }
    const made = found.route.make(found.params)
    return made[WHOLE] ? made : { body: made }
  }

  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const rec = record(req, Buffer.concat(chunks))
      requests.push(rec)
      const answer = answerFor(rec)
      if (answer.stall) return
      send(res, answer)
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}`

  return {
    url,
    requests,
    // route: 'METHOD /pattern' exactly as in ROUTES (e.g. 'GET /users/:id'), or '*' for all.
    respond(route, response) {
      if (route !== '*' && !ROUTES.some((r) => `${r.method} ${r.pattern}` === route)) {
        throw new Error(`bapi-recorder: unknown route ${route}`)
      }
      answers.set(route, response)
    },
    reset() {
      requests.length = 0
      answers = new Map()
    },
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

// A URL on which nothing listens (a port that was just free).
async function closedPortUrl() {
  const server = http.createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

// ---------------------------------------------------------------------------------------------
// The catalogue of client calls shared by the REST suites: every one of the 63 methods, with
// arguments that exercise every option of its params type (0.38.15 dist/types/api/endpoints).
// name: 'namespace.method' or 'namespace.method: variant'; call(clerk) makes the call.

// The bytes of a 1x1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const pngBlob = () => new Blob([PNG], { type: 'image/png' })

const USER_METADATA = {
  publicMetadata: { plan: 'pro', nestedCamelKey: { innerKey: 1 } },
  privateMetadata: { stripeCustomerId: 'cus_123' },
  unsafeMetadata: { onboardingStep: 2 },
}
const ORG_METADATA = {
  publicMetadata: { billingTier: 'gold', nestedCamelKey: { innerKey: true } },
  privateMetadata: { crmAccountId: 'crm_9' },
}
const USER_FILTERS = {
  emailAddress: ['ada@example.com', 'grace@example.com'],
  phoneNumber: ['+15555550100', '+15555550101'],
  username: ['ada', 'grace'],
  web3Wallet: ['0x0000000000000000000000000000000000000001'],
  query: 'ada lovelace',
  userId: ['user_1', 'user_2'],
  externalId: ['ext_42', 'ext_43'],
  limit: 20,
  offset: 40,
  orderBy: '-created_at',
}

const CALLS = [
  ['allowlistIdentifiers.getAllowlistIdentifierList', (c) => c.allowlistIdentifiers.getAllowlistIdentifierList()],
  [
    'allowlistIdentifiers.createAllowlistIdentifier',
    (c) => c.allowlistIdentifiers.createAllowlistIdentifier({ identifier: 'ada@example.com', notify: true }),
  ],
  [
    'allowlistIdentifiers.createAllowlistIdentifier: notify false',
    (c) => c.allowlistIdentifiers.createAllowlistIdentifier({ identifier: '*@example.org', notify: false }),
  ],
  ['allowlistIdentifiers.deleteAllowlistIdentifier', (c) => c.allowlistIdentifiers.deleteAllowlistIdentifier('alid_1')],

  ['clients.getClientList', (c) => c.clients.getClientList()],
  ['clients.getClient', (c) => c.clients.getClient('client_1')],
  ['clients.verifyClient', (c) => c.clients.verifyClient('eyJhbGciOiJSUzI1NiJ9.client.token')],

  ['domains.deleteDomain', (c) => c.domains.deleteDomain('dmn_1')],

  ['emailAddresses.getEmailAddress', (c) => c.emailAddresses.getEmailAddress('idn_email_1')],
  [
    'emailAddresses.createEmailAddress',
    (c) => c.emailAddresses.createEmailAddress({ userId: 'user_1', emailAddress: 'grace@example.com', verified: true, primary: false }),
  ],
  ['emailAddresses.updateEmailAddress', (c) => c.emailAddresses.updateEmailAddress('idn_email_1', { verified: false, primary: true })],
  ['emailAddresses.updateEmailAddress: no params', (c) => c.emailAddresses.updateEmailAddress('idn_email_1')],
  ['emailAddresses.deleteEmailAddress', (c) => c.emailAddresses.deleteEmailAddress('idn_email_1')],

  [
    'emails.createEmail',
    (c) => c.emails.createEmail({ fromEmailName: 'support', emailAddressId: 'idn_email_1', subject: 'Welcome', body: '<p>Hello</p>' }),
  ],

  ['interstitial.getInterstitial', (c) => c.interstitial.getInterstitial()],

  ['invitations.getInvitationList', (c) => c.invitations.getInvitationList({ status: 'revoked' })],
  ['invitations.getInvitationList: no params', (c) => c.invitations.getInvitationList()],
  [
    'invitations.createInvitation',
    (c) =>
      c.invitations.createInvitation({
        emailAddress: 'grace@example.com',
        redirectUrl: 'https://app.example.com/welcome',
        publicMetadata: { referrerId: 'user_1', nestedCamelKey: { a: 1 } },
        notify: false,
        ignoreExisting: true,
      }),
  ],
  ['invitations.revokeInvitation', (c) => c.invitations.revokeInvitation('inv_1')],

  [
    'organizations.getOrganizationList',
    (c) => c.organizations.getOrganizationList({ limit: 10, offset: 20, includeMembersCount: true, query: 'acme' }),
  ],
  [
    'organizations.getOrganizationList: falsy values',
    (c) => c.organizations.getOrganizationList({ limit: 0, offset: 0, includeMembersCount: false, query: '' }),
  ],
  ['organizations.getOrganizationList: no params', (c) => c.organizations.getOrganizationList()],
  [
    'organizations.createOrganization',
    (c) =>
      c.organizations.createOrganization({
        name: 'Acme Inc',
        slug: 'acme-inc',
        createdBy: 'user_1',
        maxAllowedMemberships: 5,
        ...ORG_METADATA,
      }),
  ],
  ['organizations.getOrganization: by id', (c) => c.organizations.getOrganization({ organizationId: 'org_1' })],
  ['organizations.getOrganization: by slug', (c) => c.organizations.getOrganization({ slug: 'acme-inc' })],
  [
    'organizations.getOrganization: includeMembersCount',
    (c) => c.organizations.getOrganization({ organizationId: 'org_1', includeMembersCount: true }),
  ],
  [
    'organizations.updateOrganization',
    (c) =>
      c.organizations.updateOrganization('org_1', { name: 'Acme Corp', slug: 'acme-corp', maxAllowedMemberships: 10, ...ORG_METADATA }),
  ],
  [
    'organizations.updateOrganizationLogo',
    (c) => c.organizations.updateOrganizationLogo('org_1', { file: pngBlob(), uploaderUserId: 'user_1' }),
  ],
  ['organizations.deleteOrganizationLogo', (c) => c.organizations.deleteOrganizationLogo('org_1')],
  ['organizations.updateOrganizationMetadata', (c) => c.organizations.updateOrganizationMetadata('org_1', ORG_METADATA)],
  ['organizations.deleteOrganization', (c) => c.organizations.deleteOrganization('org_1')],
  [
    'organizations.getOrganizationMembershipList',
    (c) => c.organizations.getOrganizationMembershipList({ organizationId: 'org_1', limit: 10, offset: 10 }),
  ],
  [
    'organizations.createOrganizationMembership',
    (c) => c.organizations.createOrganizationMembership({ organizationId: 'org_1', userId: 'user_2', role: 'basic_member' }),
  ],
  [
    'organizations.updateOrganizationMembership',
    (c) => c.organizations.updateOrganizationMembership({ organizationId: 'org_1', userId: 'user_2', role: 'admin' }),
  ],
  [
    'organizations.updateOrganizationMembershipMetadata',
    (c) => c.organizations.updateOrganizationMembershipMetadata({ organizationId: 'org_1', userId: 'user_2', ...ORG_METADATA }),
  ],
  [
    'organizations.deleteOrganizationMembership',
    (c) => c.organizations.deleteOrganizationMembership({ organizationId: 'org_1', userId: 'user_2' }),
  ],
  [
    'organizations.getOrganizationInvitationList',
    (c) =>
      c.organizations.getOrganizationInvitationList({ organizationId: 'org_1', status: ['pending', 'accepted'], limit: 10, offset: 5 }),
  ],
  [
    'organizations.getOrganizationInvitationList: one status',
    (c) => c.organizations.getOrganizationInvitationList({ organizationId: 'org_1', status: ['revoked'] }),
  ],
  [
    'organizations.getPendingOrganizationInvitationList',
    (c) => c.organizations.getPendingOrganizationInvitationList({ organizationId: 'org_1', limit: 10, offset: 5 }),
  ],
  [
    'organizations.createOrganizationInvitation',
    (c) =>
      c.organizations.createOrganizationInvitation({
        organizationId: 'org_1',
        inviterUserId: 'user_1',
        emailAddress: 'grace@example.com',
        role: 'basic_member',
        redirectUrl: 'https://app.example.com/join',
        publicMetadata: { teamName: 'core', nestedCamelKey: { a: 1 } },
      }),
  ],
  [
    'organizations.getOrganizationInvitation',
    (c) => c.organizations.getOrganizationInvitation({ organizationId: 'org_1', invitationId: 'orginv_1' }),
  ],
  [
    'organizations.revokeOrganizationInvitation',
    (c) => c.organizations.revokeOrganizationInvitation({ organizationId: 'org_1', invitationId: 'orginv_1', requestingUserId: 'user_1' }),
  ],

  ['phoneNumbers.getPhoneNumber', (c) => c.phoneNumbers.getPhoneNumber('idn_phone_1')],
  [
    'phoneNumbers.createPhoneNumber',
    (c) => c.phoneNumbers.createPhoneNumber({ userId: 'user_1', phoneNumber: '+15555550101', verified: true, primary: true }),
  ],
  ['phoneNumbers.updatePhoneNumber', (c) => c.phoneNumbers.updatePhoneNumber('idn_phone_1', { verified: true, primary: false })],
  ['phoneNumbers.updatePhoneNumber: no params', (c) => c.phoneNumbers.updatePhoneNumber('idn_phone_1')],
  ['phoneNumbers.deletePhoneNumber', (c) => c.phoneNumbers.deletePhoneNumber('idn_phone_1')],

  ['redirectUrls.getRedirectUrlList', (c) => c.redirectUrls.getRedirectUrlList()],
  ['redirectUrls.getRedirectUrl', (c) => c.redirectUrls.getRedirectUrl('ru_1')],
  ['redirectUrls.createRedirectUrl', (c) => c.redirectUrls.createRedirectUrl({ url: 'https://app.example.com/callback' })],
  ['redirectUrls.deleteRedirectUrl', (c) => c.redirectUrls.deleteRedirectUrl('ru_1')],

  ['smsMessages.createSMSMessage', (c) => c.smsMessages.createSMSMessage({ phoneNumberId: 'idn_phone_1', message: 'Your code is 123456' })],

  ['sessions.getSessionList', (c) => c.sessions.getSessionList({ clientId: 'client_1', userId: 'user_1', status: 'active' })],
  ['sessions.getSessionList: no params', (c) => c.sessions.getSessionList()],
  ['sessions.getSession', (c) => c.sessions.getSession('sess_1')],
  ['sessions.revokeSession', (c) => c.sessions.revokeSession('sess_1')],
  ['sessions.verifySession', (c) => c.sessions.verifySession('sess_1', 'eyJhbGciOiJSUzI1NiJ9.session.token')],
  ['sessions.getToken', (c) => c.sessions.getToken('sess_1', 'supabase')],
  ['sessions.getToken: no template', (c) => c.sessions.getToken('sess_1')],

  ['signInTokens.createSignInToken', (c) => c.signInTokens.createSignInToken({ userId: 'user_1', expiresInSeconds: 3600 })],
  ['signInTokens.revokeSignInToken', (c) => c.signInTokens.revokeSignInToken('sit_1')],

  ['users.getUserList', (c) => c.users.getUserList(USER_FILTERS)],
  ['users.getUserList: no params', (c) => c.users.getUserList()],
  ['users.getUser', (c) => c.users.getUser('user_1')],
  [
    'users.createUser',
    (c) =>
      c.users.createUser({
        externalId: 'ext_42',
        emailAddress: ['ada@example.com'],
        phoneNumber: ['+15555550100'],
        username: 'ada',
        password: 'correct horse battery staple',
        firstName: 'Ada',
        lastName: 'Lovelace',
        skipPasswordChecks: true,
        skipPasswordRequirement: false,
        totpSecret: 'JBSWY3DPEHPK3PXP',
        backupCodes: ['12345678', '87654321'],
        createdAt: new Date(Date.UTC(2023, 0, 2, 3, 4, 5, 678)),
        ...USER_METADATA,
      }),
  ],
  [
    'users.createUser: password digest',
    (c) =>
      c.users.createUser({
        emailAddress: ['grace@example.com'],
        passwordDigest: '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
        passwordHasher: 'bcrypt',
      }),
  ],
  [
    'users.updateUser',
    (c) =>
      c.users.updateUser('user_1', {
        firstName: 'Ada',
        lastName: 'King',
        username: 'ada_k',
        password: 'another horse battery staple',
        skipPasswordChecks: true,
        signOutOfOtherSessions: true,
        primaryEmailAddressID: 'idn_email_1',
        primaryPhoneNumberID: 'idn_phone_1',
        primaryWeb3WalletID: 'idn_wallet_1',
        profileImageID: 'img_1',
        totpSecret: 'JBSWY3DPEHPK3PXP',
        backupCodes: ['12345678'],
        externalId: 'ext_43',
        createdAt: new Date(Date.UTC(2022, 5, 7, 8, 9, 10, 0)),
        createOrganizationEnabled: false,
        passwordDigest: '$argon2id$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
        passwordHasher: 'argon2id',
        ...USER_METADATA,
      }),
  ],
  ['users.updateUser: no params', (c) => c.users.updateUser('user_1')],
  ['users.updateUserProfileImage', (c) => c.users.updateUserProfileImage('user_1', { file: pngBlob() })],
  ['users.updateUserMetadata', (c) => c.users.updateUserMetadata('user_1', USER_METADATA)],
  ['users.deleteUser', (c) => c.users.deleteUser('user_1')],
  ['users.getCount', (c) => c.users.getCount(USER_FILTERS)],
  ['users.getCount: no params', (c) => c.users.getCount()],
  ['users.getUserOauthAccessToken', (c) => c.users.getUserOauthAccessToken('user_1', 'oauth_google')],
  ['users.disableUserMFA', (c) => c.users.disableUserMFA('user_1')],
  ['users.getOrganizationMembershipList', (c) => c.users.getOrganizationMembershipList({ userId: 'user_1', limit: 5, offset: 10 })],
  ['users.verifyPassword', (c) => c.users.verifyPassword({ userId: 'user_1', password: 'correct horse battery staple' })],
  ['users.verifyTOTP', (c) => c.users.verifyTOTP({ userId: 'user_1', code: '123456' })],
].map(([name, call]) => ({ name, method: name.split(':')[0], call }))

// The 14 namespaces and their method names, as a Clerk instance exposes them (not the helpers
// the reference keeps on its API objects).
const HIDDEN = new Set(['constructor', 'request', 'requireId'])
function apiMethods(clerk) {
  const namespaces = [
    'allowlistIdentifiers',
    'clients',
    'domains',
    'emailAddresses',
    'emails',
    'interstitial',
    'invitations',
    'organizations',
    'phoneNumbers',
    'redirectUrls',
    'sessions',
    'signInTokens',
    'smsMessages',
    'users',
  ]
  const names = []
  for (const ns of namespaces) {
    const api = clerk[ns]
    const own = new Set()
    for (let proto = api && Object.getPrototypeOf(api); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Object.getOwnPropertyNames(proto)) {
        if (!HIDDEN.has(key) && typeof api[key] === 'function') own.add(key)
      }
    }
    for (const key of Object.keys(api || {})) if (!HIDDEN.has(key) && typeof api[key] === 'function') own.add(key)
    for (const key of own) names.push(`${ns}.${key}`)
  }
  return names.sort()
}

// Clerk(options) of this package. CLERK_TEST_SELF=1 runs the reference in its place, to develop
// and check the suites themselves (the reference against itself must pass); without it, the
// suites fail while require('..').Clerk is missing.
const usingReferenceAsOurs = () => process.env.CLERK_TEST_SELF === '1'
function ourClerk(options) {
  if (usingReferenceAsOurs()) return require('clerk-ref').Clerk(options)
  const ours = require('..')
  if (typeof ours.Clerk !== 'function') {
    throw new Error("require('..').Clerk is missing (CLERK_TEST_SELF=1 runs the reference against itself)")
  }
  return ours.Clerk(options)
}

module.exports = {
  ourClerk,
  usingReferenceAsOurs,
  startRecorder,
  closedPortUrl,
  clerkError,
  nonJson,
  ROUTES,
  CALLS,
  apiMethods,
  PNG,
  pngBlob,
}
