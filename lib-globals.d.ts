// Globals lib/ may meet that Node's types do not declare (for the type check of lib/ only).

/** webpack's own require, defined only inside webpack bundles (lib/native.js) */
declare var __non_webpack_require__: NodeJS.Require | undefined
