'use strict'
// A small Express app protected with ./clerk-express.js:
//   GET /me       withAuth():    who is asking (signed in or not)
//   GET /private  requireAuth(): signed-in users only

const express = require('express')
const { clerkExpress } = require('./clerk-express')

function createApp(clerkOptions) {
  const { withAuth, requireAuth } = clerkExpress({ loadUser: true, loadSession: true, ...clerkOptions })
  const app = express()

  // What toAuth() says about the request, in short.
  const summary = (auth) => ({
    userId: auth.userId,
    sessionId: auth.sessionId,
    orgId: auth.orgId,
    user: auth.user && {
      name: [auth.user.firstName, auth.user.lastName].filter(Boolean).join(' '),
      email: auth.user.emailAddresses.find((e) => e.id === auth.user.primaryEmailAddressId)?.emailAddress ?? null,
    },
    session: auth.session && { status: auth.session.status, expireAt: auth.session.expireAt },
  })

  app.get('/me', withAuth(), (req, res) => res.json(summary(req.auth)))
  app.get('/private', requireAuth(), (req, res) => res.json({ message: `hello ${req.auth.userId}`, ...summary(req.auth) }))
  app.use((err, req, res, next) => {
    console.error('unexpected error:', err)
    res.status(500).json({ error: 'internal error' })
  })
  return app
}

module.exports = { createApp }
