'use strict'
// Deprecation warnings as the reference prints them: once per key, and never when NODE_ENV
// is "test" or "production".

// The reference's own warning function (@clerk/shared, which it uses too): the same text, the
// same once-per-key rule, and one record of what was shown for every Clerk package in the
// process.
const { deprecated } = require('@clerk/shared/deprecated')

// Turns obj[name] into an accessor that warns when read, as the reference does to every
// decoded payload (so `orgs` exists on all of them, non-enumerable when it was absent). Not
// @clerk/shared's deprecatedObjectProperty, which makes a closure per object: this runs on
// every verified token. One
// getter/setter pair is shared by all objects (values live in a WeakMap): V8 keeps objects
// with the same accessor pair in one fast shape, where a closure per object would not.
const accessors = new Map()

function accessorFor(name, warning, key) {
  const id = `${name}\u0000${warning}\u0000${key}`
  let accessor = accessors.get(id)
  if (!accessor) {
    const values = new WeakMap()
    accessor = {
      values,
      descriptor: {
        get() {
          deprecated(name, warning, key)
          return values.get(this)
        },
        set(v) {
          values.set(this, v)
        },
      },
    }
    accessors.set(id, accessor)
  }
  return accessor
}

function deprecatedObjectProperty(obj, name, warning, key) {
  deprecatedObjectProperty.for(name, warning, key)(obj)
}

// The same, as a function of the object made once for a given property (for hot paths);
// it returns the object.
deprecatedObjectProperty.for = (name, warning, key) => {
  const { values, descriptor } = accessorFor(name, warning, key)
  return (obj) => {
    const value = obj[name]
    if (value !== undefined) values.set(obj, value)
    Object.defineProperty(obj, name, descriptor)
    return obj
  }
}

module.exports = { deprecated, deprecatedObjectProperty }
