// Types of the ESM entry (index.mjs): the same named exports as index.d.ts.
export * from './index.js'
