'use strict'
// clerk-backend-native: the public API of @clerk/backend 0.38.15, backed by a Rust core.

const { decodeJwt, verifyJwt, hasValidSignature, signJwt } = require('./lib/jwt')
const { verifyToken } = require('./lib/token')

module.exports = {
  decodeJwt,
  hasValidSignature,
  signJwt,
  verifyJwt,
  verifyToken,
}
