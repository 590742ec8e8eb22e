'use strict'
// The Backend API client of clerk-ref (@clerk/backend 0.38.15) and of this package, side by side:
// every one of the 63 methods is called the same way through both, each against its own recording
// mock API, and the requests (method, path, query pairs in order, body, Authorization, User-Agent,
// content type) and the outcomes (values, or ClerkAPIResponseError fields) must be the same.
//
// Until require('..').Clerk exists this suite fails; CLERK_TEST_SELF=1 runs the reference against
// itself instead (see bapi-recorder.js, ourClerk).

process.env.NODE_ENV = 'test' // silences the deprecation warnings of both packages

const test = require('node:test')
const assert = require('node:assert/strict')
const ref = require('clerk-ref')
const {
  ourClerk,
  usingReferenceAsOurs,
  startRecorder,
  closedPortUrl,
  clerkError,
  nonJson,
  CALLS,
  apiMethods,
  PNG,
} = require('./bapi-recorder')

const SECRET = 'sk_test_differential'
const NOT_FOUND_ID = 'A valid resource ID is required.'

let refRec
let ourRec
test.before(async () => {
  refRec = await startRecorder()
  ourRec = await startRecorder()
})
test.after(async () => {
  await refRec.close()
  await ourRec.close()
})

// ---------------------------------------------------------------------------------------------
// Helpers

const ctorName = (x) => (x && x.constructor ? x.constructor.name.replace(/^_/, '') : String(x))
const plain = (x) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)))

async function outcome(fn) {
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    return { ok: false, error }
  }
}

// Calls `call` with a reference client and with ours, each against its recorder answering
// `response` (for every route) when given. options: extra Clerk() options, or a function of the
// recorder's URL giving all of them.
async function both(call, { options = {}, response } = {}) {
  const results = []
  for (const [rec, make] of [
    [refRec, ref.Clerk],
    [ourRec, ourClerk],
  ]) {
    rec.reset()
    if (response) rec.respond('*', response)
    const opts = typeof options === 'function' ? options(rec.url) : { secretKey: SECRET, apiUrl: rec.url, ...options }
    const result = await outcome(() => call(make(opts)))
    results.push({ ...result, requests: rec.requests.slice() })
  }
  return results
}

// What of a request must be the same.
function comparable(r) {
  return {
    method: r.method,
    path: r.path,
    query: r.query,
    authorization: r.headers.authorization,
    userAgent: r.headers['user-agent'],
    contentType: r.contentType,
    body: r.multipart || (r.json !== undefined ? r.json : r.body),
  }
}

function assertSameRequests(expected, actual) {
  assert.deepEqual(actual.requests.map(comparable), expected.requests.map(comparable), 'requests')
}

// Constructor names (without the reference's leading underscore) and own keys, all the way down.
function shape(x) {
  if (x === null || typeof x !== 'object') return typeof x
  if (Array.isArray(x)) return x.map(shape)
  const out = { constructor: ctorName(x), keys: Object.keys(x) }
  for (const key of out.keys) out[`.${key}`] = shape(x[key])
  return out
}

// The deprecated properties the reference keeps as accessors on the prototypes (so they are not
// own keys, and not in JSON): their values must still be there.
const DEPRECATED = {
  User: ['profileImageUrl'],
  Organization: ['logoUrl', 'members_count'],
  OrganizationMembershipPublicUserData: ['profileImageUrl'],
  ExternalAccount: ['picture'],
}
function deprecatedValues(x, out = []) {
  if (x === null || typeof x !== 'object') return out
  for (const prop of DEPRECATED[ctorName(x)] || []) out.push([ctorName(x), prop, x[prop]])
  for (const value of Object.values(x)) deprecatedValues(value, out)
  return out
}

function assertSameValue(expected, actual) {
  assert.deepStrictEqual(plain(actual), plain(expected), 'value (JSON)')
  assert.deepStrictEqual(shape(actual), shape(expected), 'constructors and keys')
  // The reference keeps one value per class for these accessors: compare single resources only.
  if (!Array.isArray(expected)) assert.deepStrictEqual(deprecatedValues(actual), deprecatedValues(expected), 'deprecated accessors')
}

const isUnexpected = (e) => Boolean(e && e.errors && e.errors[0] && e.errors[0].code === 'unexpected_error')

function assertSameError(expected, actual) {
  assert.ok(actual instanceof Error, `ours rejected with a non-Error: ${actual}`)
  assert.equal(ctorName(actual), ctorName(expected), 'constructor')
  assert.equal(actual.message, expected.message, 'message')
  if (!expected.clerkError) return
  assert.equal(actual.clerkError, expected.clerkError, 'clerkError')
  assert.equal(actual.status, expected.status, 'status')
  assert.equal(actual.clerkTraceId, expected.clerkTraceId, 'clerkTraceId')
  if (isUnexpected(expected)) {
    // the message comes from the failing fetch or parser: ours may word it differently
    assert.equal(actual.errors.length, 1, 'errors')
    assert.equal(actual.errors[0].code, 'unexpected_error')
    assert.equal(typeof actual.errors[0].message, 'string')
    assert.notEqual(actual.errors[0].message, '')
    assert.deepStrictEqual(Object.keys(actual.errors[0]), Object.keys(expected.errors[0]), 'error keys')
  } else {
    assert.deepStrictEqual(actual.errors, expected.errors, 'errors')
  }
}

function assertSameOutcome(expected, actual) {
  if (!expected.ok) assert.ok(!actual.ok, `the reference rejected (${expected.error && expected.error.message}) but ours resolved`)
  if (!actual.ok)
    assert.ok(
      expected.ok === false,
      `ours rejected: ${actual.error && (actual.error.stack || actual.error)}\n${JSON.stringify(actual.error)}`,
    )
  if (expected.ok) assertSameValue(expected.value, actual.value)
  else assertSameError(expected.error, actual.error)
}

async function assertSame(call, settings) {
  const [expected, actual] = await both(call, settings)
  assertSameRequests(expected, actual)
  assertSameOutcome(expected, actual)
  return [expected, actual]
}

// ---------------------------------------------------------------------------------------------
// The API surface

test('our Clerk has the same 14 namespaces and 63 methods, each called below', () => {
  const expected = apiMethods(ref.Clerk({ secretKey: SECRET }))
  assert.equal(expected.length, 63)
  assert.deepEqual(apiMethods(ourClerk({ secretKey: SECRET })), expected)
  const called = new Set(CALLS.map((c) => c.method))
  assert.deepEqual(
    expected.filter((m) => !called.has(m)),
    [],
    'methods without a call in CALLS',
  )
})

// ---------------------------------------------------------------------------------------------
// Every method with every option, against realistic answers

test('every method: the same request and the same result', async (t) => {
  for (const { name, call } of CALLS) {
    await t.test(name, async () => {
      const [expected] = await assertSame(call)
      assert.equal(expected.requests.length, 1)
      assert.ok(expected.ok, `the reference failed: ${expected.error && expected.error.message}`)
    })
  }
})

// Quirks of the reference's requests that ours must share.
const QUIRKS = [
  [
    'upload: a named File keeps its name',
    (c) => c.users.updateUserProfileImage('user_1', { file: new File([PNG], 'avatar.png', { type: 'image/png' }) }),
  ],
  ['upload: a Blob without a type', (c) => c.users.updateUserProfileImage('user_1', { file: new Blob(['plain bytes']) })],
  [
    'upload: no uploaderUserId sends the text "undefined"',
    (c) => c.organizations.updateOrganizationLogo('org_1', { file: new Blob([PNG], { type: 'image/png' }) }),
  ],
  [
    'body: metadata update without metadata sends {}',
    (c) => c.organizations.updateOrganizationMembershipMetadata({ organizationId: 'org_1', userId: 'user_2' }),
  ],
  ['body: verifyClient without a token sends {}', (c) => c.clients.verifyClient(undefined)],
  ['body: verifySession without a token sends {}', (c) => c.sessions.verifySession('sess_1')],
  ['body: empty params send no body', (c) => c.emailAddresses.updateEmailAddress('idn_email_1', {})],
  [
    'body: extra keys are snake_cased, nested keys kept',
    (c) => c.users.updateUser('user_1', { someNewField: { innerCamel: 1 }, already_snake: true, nullValue: null }),
  ],
  [
    'query: empty arrays, undefined and null are dropped',
    (c) => c.users.getUserList({ emailAddress: [], username: undefined, query: null, limit: 5 }),
  ],
  ['query: extra keys are snake_cased', (c) => c.users.getCount({ lastActiveAtSince: 1700000000, query: 'a&b=c d+e' })],
  ['query: booleans and zero', (c) => c.organizations.getOrganizationList({ includeMembersCount: true, offset: 0, limit: 1 })],
  ['path: an id with a space and non-ASCII characters', (c) => c.users.getUser('user ü 1')],
  [
    'path: getOrganization prefers organizationId over slug',
    (c) => c.organizations.getOrganization({ organizationId: 'org_9', slug: 'acme-inc' }),
  ],
]

test('quirks of the reference: the same request and result', async (t) => {
  for (const [name, call] of QUIRKS) await t.test(name, () => assertSame(call))
})

// Deliberate difference (README): the reference forgot requireId in a few methods and sent
// the request to a shorter path (DELETE /v1/domains, .../invitations/revoke, ...). Here every
// id the path needs is required.
const MISSING_IDS = [
  ["deleteDomain('')", (c) => c.domains.deleteDomain(''), 'DELETE', '/v1/domains'],
  ['deleteOrganization(undefined)', (c) => c.organizations.deleteOrganization(undefined), 'DELETE', '/v1/organizations'],
  [
    'revokeOrganizationInvitation without invitationId',
    (c) => c.organizations.revokeOrganizationInvitation({ organizationId: 'org_1', requestingUserId: 'user_1' }),
    'POST',
    '/v1/organizations/org_1/invitations/revoke',
  ],
  [
    'updateOrganizationMembership without userId',
    (c) => c.organizations.updateOrganizationMembership({ organizationId: 'org_1', role: 'admin' }),
    'PATCH',
    '/v1/organizations/org_1/memberships',
  ],
  [
    'updateOrganizationMembershipMetadata without userId',
    (c) => c.organizations.updateOrganizationMembershipMetadata({ organizationId: 'org_1' }),
    'PATCH',
    '/v1/organizations/org_1/memberships/metadata',
  ],
  [
    'deleteOrganizationMembership without userId',
    (c) => c.organizations.deleteOrganizationMembership({ organizationId: 'org_1' }),
    'DELETE',
    '/v1/organizations/org_1/memberships',
  ],
]

test('difference: every id a path needs is required', { skip: usingReferenceAsOurs() && 'ours only' }, async (t) => {
  for (const [name, call, method, path] of MISSING_IDS) {
    await t.test(name, async () => {
      const [expected, actual] = await both(call)
      assert.deepEqual(
        expected.requests.map((r) => [r.method, r.path]),
        [[method, path]],
      )
      assert.equal(actual.requests.length, 0)
      assert.equal(actual.ok, false)
      assert.equal(actual.error.message, 'A valid resource ID is required.')
    })
  }
})

// Answers of unusual shapes.
const SHAPES = [
  [
    'JSON with a charset content type is returned as text',
    { headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ object: 'user', id: 'user_1' }) },
  ],
  ['an empty 204 answer', { status: 204 }],
  ['a paginated answer to a single-resource call', { body: { data: [{ object: 'user', id: 'user_9' }], total_count: 1 } }],
  ['an unknown object type passes through', { body: { object: 'mystery', id: 'x_1', some_field: [1, 2] } }],
  ['a deleted object of any type', { body: { object: 'mystery', id: 'x_1', deleted: true } }],
  [
    'a list of mixed objects',
    { body: [{ object: 'session', id: 'sess_1' }, { object: 'total_count', total_count: 3 }, 'text', { no_object: true }] },
  ],
]

test('answers of unusual shapes: the same result', async (t) => {
  for (const [name, response] of SHAPES) {
    await t.test(name, () => assertSame((c) => c.users.getUser('user_1'), { response }))
  }
})

// ---------------------------------------------------------------------------------------------
// Errors

const FAILING_CALLS = CALLS.filter((c) =>
  [
    'users.getUser',
    'users.createUser',
    'users.getUserList',
    'users.getCount',
    'users.updateUserProfileImage',
    'sessions.getToken',
    'organizations.deleteOrganization',
    'interstitial.getInterstitial',
  ].includes(c.name),
)

const ERROR_ANSWERS = [
  [
    '422 with a trace id and meta',
    clerkError(
      422,
      [
        {
          code: 'form_param_format_invalid',
          message: 'is invalid',
          longMessage: 'email_address must be a valid email address.',
          paramName: 'email_address',
        },
        {
          code: 'form_password_pwned',
          message: 'pwned',
          longMessage: 'This password has been found in a breach.',
          paramName: 'password',
          sessionId: 'sess_1',
        },
      ],
      { traceId: 'trace_422' },
    ),
  ],
  [
    '401 with a cf-ray header only',
    clerkError(401, [{ code: 'authentication_invalid', message: 'Unauthorized', longMessage: 'The secret key is invalid.' }], {
      cfRay: '8a1b2c3d4e5f6789-AMS',
    }),
  ],
  [
    '400 with both a trace id and cf-ray (the body wins)',
    clerkError(400, [{ code: 'bad_request', message: 'bad' }], { traceId: 'trace_400', cfRay: 'ray_400' }),
  ],
  ['404 with an empty errors list', clerkError(404, [])],
  ['429 with no meta', { status: 429, body: { errors: [{ code: 'too_many_requests', message: 'Too many requests' }] } }],
  [
    '500 Clerk error',
    clerkError(500, [{ code: 'internal_clerk_error', message: 'Oops', longMessage: 'Something went wrong' }], { traceId: 'trace_500' }),
  ],
  ['500 non-JSON', nonJson(500)],
  ['502 non-JSON with cf-ray', nonJson(502, { cfRay: 'ray_502' })],
  [
    '400 JSON with a charset content type (not parsed)',
    {
      status: 400,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ errors: [{ code: 'x' }], clerk_trace_id: 't' }),
    },
  ],
  ['200 with invalid JSON', { headers: { 'content-type': 'application/json', 'cf-ray': 'ray_bad_json' }, body: '<html>oops</html>' }],
  ['200 with a JSON null', { body: 'null', headers: { 'content-type': 'application/json' } }],
  ['403 with a JSON string body', { status: 403, body: '"forbidden"', headers: { 'content-type': 'application/json' } }],
]

test('error answers: the same ClerkAPIResponseError', async (t) => {
  for (const [answerName, response] of ERROR_ANSWERS) {
    for (const { name, call } of FAILING_CALLS) {
      await t.test(`${answerName}: ${name}`, async () => {
        const [expected] = await assertSame(call, { response })
        assert.equal(expected.ok, false)
      })
    }
  }
})

test('refused connection: the unexpected_error shape', async (t) => {
  const url = await closedPortUrl()
  for (const { name, call } of FAILING_CALLS) {
    await t.test(name, async () => {
      const [expected, actual] = await both(call, { options: () => ({ secretKey: SECRET, apiUrl: url }) })
      assertSameOutcome(expected, actual)
      for (const { error } of [expected, actual]) {
        assert.equal(error.status, '')
        assert.equal(error.errors[0].code, 'unexpected_error')
      }
    })
  }
})

// ---------------------------------------------------------------------------------------------
// requireId: an empty id throws before any request, in the methods where the reference checks it

const ID_CHECKS = [
  ['allowlistIdentifiers.deleteAllowlistIdentifier', (c, id) => c.allowlistIdentifiers.deleteAllowlistIdentifier(id)],
  ['clients.getClient', (c, id) => c.clients.getClient(id)],
  ['emailAddresses.getEmailAddress', (c, id) => c.emailAddresses.getEmailAddress(id)],
  ['emailAddresses.updateEmailAddress', (c, id) => c.emailAddresses.updateEmailAddress(id, { verified: true })],
  ['emailAddresses.deleteEmailAddress', (c, id) => c.emailAddresses.deleteEmailAddress(id)],
  ['invitations.revokeInvitation', (c, id) => c.invitations.revokeInvitation(id)],
  ['organizations.getOrganization: organizationId', (c, id) => c.organizations.getOrganization({ organizationId: id })],
  ['organizations.getOrganization: slug', (c, id) => c.organizations.getOrganization({ slug: id })],
  ['organizations.updateOrganization', (c, id) => c.organizations.updateOrganization(id, { name: 'x' })],
  [
    'organizations.updateOrganizationLogo',
    (c, id) => c.organizations.updateOrganizationLogo(id, { file: new Blob([PNG]), uploaderUserId: 'user_1' }),
  ],
  ['organizations.deleteOrganizationLogo', (c, id) => c.organizations.deleteOrganizationLogo(id)],
  ['organizations.updateOrganizationMetadata', (c, id) => c.organizations.updateOrganizationMetadata(id, { publicMetadata: {} })],
  ['organizations.getOrganizationMembershipList', (c, id) => c.organizations.getOrganizationMembershipList({ organizationId: id })],
  [
    'organizations.createOrganizationMembership',
    (c, id) => c.organizations.createOrganizationMembership({ organizationId: id, userId: 'user_1', role: 'admin' }),
  ],
  [
    'organizations.updateOrganizationMembership',
    (c, id) => c.organizations.updateOrganizationMembership({ organizationId: id, userId: 'user_1', role: 'admin' }),
  ],
  [
    'organizations.deleteOrganizationMembership',
    (c, id) => c.organizations.deleteOrganizationMembership({ organizationId: id, userId: 'user_1' }),
  ],
  ['organizations.getOrganizationInvitationList', (c, id) => c.organizations.getOrganizationInvitationList({ organizationId: id })],
  [
    'organizations.getPendingOrganizationInvitationList',
    (c, id) => c.organizations.getPendingOrganizationInvitationList({ organizationId: id }),
  ],
  [
    'organizations.createOrganizationInvitation',
    (c, id) =>
      c.organizations.createOrganizationInvitation({
        organizationId: id,
        inviterUserId: 'user_1',
        emailAddress: 'a@example.com',
        role: 'admin',
      }),
  ],
  [
    'organizations.getOrganizationInvitation: organizationId',
    (c, id) => c.organizations.getOrganizationInvitation({ organizationId: id, invitationId: 'orginv_1' }),
  ],
  [
    'organizations.getOrganizationInvitation: invitationId',
    (c, id) => c.organizations.getOrganizationInvitation({ organizationId: 'org_1', invitationId: id }),
  ],
  [
    'organizations.revokeOrganizationInvitation',
    (c, id) => c.organizations.revokeOrganizationInvitation({ organizationId: id, invitationId: 'orginv_1', requestingUserId: 'user_1' }),
  ],
  ['phoneNumbers.getPhoneNumber', (c, id) => c.phoneNumbers.getPhoneNumber(id)],
  ['phoneNumbers.updatePhoneNumber', (c, id) => c.phoneNumbers.updatePhoneNumber(id, { primary: true })],
  ['phoneNumbers.deletePhoneNumber', (c, id) => c.phoneNumbers.deletePhoneNumber(id)],
  ['redirectUrls.getRedirectUrl', (c, id) => c.redirectUrls.getRedirectUrl(id)],
  ['redirectUrls.deleteRedirectUrl', (c, id) => c.redirectUrls.deleteRedirectUrl(id)],
  ['sessions.getSession', (c, id) => c.sessions.getSession(id)],
  ['sessions.revokeSession', (c, id) => c.sessions.revokeSession(id)],
  ['sessions.verifySession', (c, id) => c.sessions.verifySession(id, 'token')],
  ['sessions.getToken', (c, id) => c.sessions.getToken(id, 'supabase')],
  ['signInTokens.revokeSignInToken', (c, id) => c.signInTokens.revokeSignInToken(id)],
  ['users.getUser', (c, id) => c.users.getUser(id)],
  ['users.updateUser', (c, id) => c.users.updateUser(id, { firstName: 'x' })],
  ['users.updateUserProfileImage', (c, id) => c.users.updateUserProfileImage(id, { file: new Blob([PNG]) })],
  ['users.updateUserMetadata', (c, id) => c.users.updateUserMetadata(id, { publicMetadata: {} })],
  ['users.deleteUser', (c, id) => c.users.deleteUser(id)],
  ['users.getUserOauthAccessToken', (c, id) => c.users.getUserOauthAccessToken(id, 'oauth_google')],
  ['users.disableUserMFA', (c, id) => c.users.disableUserMFA(id)],
  ['users.getOrganizationMembershipList', (c, id) => c.users.getOrganizationMembershipList({ userId: id })],
  ['users.verifyPassword', (c, id) => c.users.verifyPassword({ userId: id, password: 'pw' })],
  ['users.verifyTOTP', (c, id) => c.users.verifyTOTP({ userId: id, code: '123456' })],
]

test('an empty id throws before any request', async (t) => {
  for (const [name, call] of ID_CHECKS) {
    for (const id of ['', undefined]) {
      await t.test(`${name} (${JSON.stringify(id) || 'undefined'})`, async () => {
        const [expected, actual] = await both((c) => call(c, id))
        for (const result of [expected, actual]) {
          assert.equal(result.ok, false)
          assert.equal(result.error.message, NOT_FOUND_ID)
          assert.equal(ctorName(result.error), 'Error')
          assert.deepEqual(result.requests, [])
        }
      })
    }
  }
})

// ---------------------------------------------------------------------------------------------
// Options

const getUser = (c) => c.users.getUser('user_1')
const upload = (c) => c.users.updateUserProfileImage('user_1', { file: new Blob([PNG], { type: 'image/png' }) })
const createUser = (c) => c.users.createUser({ firstName: 'Ada' })

const OPTION_CASES = [
  ['userAgent', (url) => ({ secretKey: SECRET, apiUrl: url, userAgent: 'my-app/1.2.3' }), [getUser, upload]],
  ['apiKey (deprecated) instead of secretKey', (url) => ({ apiKey: 'sk_test_legacy', apiUrl: url }), [getUser]],
  ['secretKey wins over apiKey', (url) => ({ secretKey: SECRET, apiKey: 'sk_test_legacy', apiUrl: url }), [getUser]],
  ['apiVersion', (url) => ({ secretKey: SECRET, apiUrl: url, apiVersion: 'v2' }), [getUser, createUser]],
  ['apiVersion empty', (url) => ({ secretKey: SECRET, apiUrl: url, apiVersion: '' }), [getUser]],
  [
    'apiUrl with a base path and trailing slashes',
    (url) => ({ secretKey: SECRET, apiUrl: `${url}/proxy//`, apiVersion: '/v1/' }),
    [getUser, upload],
  ],
  ['no secret key: an error before any request', (url) => ({ apiUrl: url }), [getUser, upload]],
]

test('options: the same requests and results', async (t) => {
  for (const [name, options, calls] of OPTION_CASES) {
    for (const call of calls) await t.test(`${name}: ${call.name}`, () => assertSame(call, { options }))
  }
})

test('httpOptions (deprecated): merged into JSON requests, not into multipart ones', async (t) => {
  const httpOptions = { headers: { 'X-Custom-Header': 'custom-value', 'User-Agent': 'overridden?' } }
  for (const call of [getUser, createUser, upload]) {
    await t.test(call.name, async () => {
      const [expected, actual] = await assertSame(call, { options: { httpOptions } })
      const custom = (r) => r.requests.map((q) => q.allHeaders['x-custom-header'])
      assert.deepEqual(custom(actual), custom(expected))
    })
  }
})

test(
  'timeoutInMs (ours only): the same requests, and a stalled answer rejects',
  { skip: usingReferenceAsOurs() && 'the reference has no timeoutInMs' },
  async (t) => {
    await t.test('requests unchanged', async () => {
      for (const call of [getUser, createUser, upload]) {
        const [expected] = await both(call)
        ourRec.reset()
        const actual = await outcome(() => call(ourClerk({ secretKey: SECRET, apiUrl: ourRec.url, timeoutInMs: 10000 })))
        assertSameRequests(expected, { requests: ourRec.requests })
        assertSameOutcome(expected, actual)
      }
    })
    await t.test('a stalled answer gives an unexpected_error', async () => {
      ourRec.reset()
      ourRec.respond('*', { stall: true })
      const result = await outcome(() => getUser(ourClerk({ secretKey: SECRET, apiUrl: ourRec.url, timeoutInMs: 200 })))
      assert.equal(result.ok, false)
      assert.equal(result.error.clerkError, true)
      assert.equal(result.error.status, '')
      assert.equal(result.error.errors[0].code, 'unexpected_error')
      assert.equal(typeof result.error.errors[0].message, 'string')
    })
  },
)

// Deliberate difference (README): ids are one path segment each. The reference pasted them in,
// so an id taken from user input could walk to another endpoint or add a query.
test('difference: an id cannot leave its path segment', { skip: usingReferenceAsOurs() && 'ours only' }, async () => {
  const [expected, actual] = await both((c) => c.users.getUser('../clients?limit=1'))
  assert.deepEqual(
    expected.requests.map((r) => [r.path, r.query]),
    [['/v1/clients', [['limit', '1']]]],
  )
  assert.deepEqual(
    actual.requests.map((r) => [r.path, r.query]),
    [['/v1/users/..%2Fclients%3Flimit%3D1', []]],
  )
})
