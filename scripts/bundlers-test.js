'use strict'
// The package inside bundlers. Packs clerk-backend-native and its linux-x64-gnu binary package
// (as pack-test.js does) and installs them under the name @clerk/backend in throwaway projects:
//
// - a Next.js 14 and a Next.js 15 App Router app (the latest 14.x / 15.x, with their React), whose
//   route handler (runtime 'nodejs') authenticates a request with Clerk(...).authenticateRequest
//   and whose server component verifies a token and renders it. `next build` with no
//   configuration must succeed and `next start` must serve both; then, built with
//   `output: 'standalone'` and the external-packages entry the README gives, the traced files
//   (.nft.json) must hold the .node binary and the standalone server.js must serve both.
// - the same Next.js 14 app with the package installed as a symlink (a `file:` directory), which
//   Next.js bundles whatever its configuration says: it must build and serve with no entry.
// - an esbuild bundle of a small Express server: with no flags, with --packages=external and with
//   --external:@clerk/backend; each bundle must answer a request with a real token. A bundle run
//   where no node_modules can be found must fail with the package's own "no binary" error.
//
// Every npm, next, esbuild and node child has a deadline. Prints "ok - ..." / "not ok - ..." lines
// and "bundlers-test: N passed, M failed"; exits 1 on a failure.
//
//   BUNDLERS_NEXT14=14.2.35 BUNDLERS_NEXT15=15.5.29   pin other versions (default: those)

const assert = require('node:assert/strict')
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')
const { spawn } = require('node:child_process')
const { runSync, run, MINUTE } = require('./proc')
const { makeKeys, makeToken, claims } = require('../__test__/helpers')

const started = Date.now()
const root = path.join(__dirname, '..')
const platformDir = path.join(root, 'npm', 'linux-x64-gnu')
const addon = 'clerk-backend-native.linux-x64-gnu.node'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-native-bundlers-'))
const NEXT14 = process.env.BUNDLERS_NEXT14 || '14.2.35'
const NEXT15 = process.env.BUNDLERS_NEXT15 || '15.5.29'
const REACT = { 14: '18.3.1', 15: '19.3.1' }
const ESBUILD = '0.28.2'

const quietEnv = {
  ...process.env,
  npm_config_loglevel: 'error',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  NEXT_TELEMETRY_DISABLED: '1',
}
const npm = (args, cwd) => runSync('npm', args, { cwd, what: `npm ${args[0]} in ${cwd}`, timeoutMs: 10 * MINUTE, env: quietEnv })
const install = (cwd, deps) => npm(['install', '--prefer-offline', '--no-audit', '--no-fund', ...deps], cwd)

let passed = 0
let failed = 0
async function check(name, fn) {
  try {
    await fn()
    passed++
    console.log(`ok - ${name}`)
  } catch (e) {
    failed++
    console.log(
      `not ok - ${name}\n${String(e.stack || e)
        .split('\n')
        .slice(0, 40)
        .map((l) => `  ${l}`)
        .join('\n')}`,
    )
  }
}

// ---- what the apps are asked -----------------------------------------------------------------

const keys = makeKeys()
const token = makeToken(claims({ exp: Math.floor(Date.now() / 1000) + 3600 }), keys.privateKey)
const clerkEnv = {
  CLERK_SECRET_KEY: 'sk_test_bundlers',
  CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from('bundlers.clerk.accounts.dev$').toString('base64')}`,
  CLERK_JWT_KEY: keys.pem,
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

async function get(url, headers = {}) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })
  return { status: res.status, text: await res.text() }
}

// Starts a server (its own process group, so that all it forks ends with it), waits until `url`
// answers, runs `fn`, and stops it: SIGTERM, then SIGKILL after 5 s. The whole run has a deadline.
async function withServer(what, file, args, { cwd, env, url, timeoutMs = 3 * MINUTE }, fn) {
  const child = spawn(file, args, { cwd, env: { ...quietEnv, ...clerkEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (d) => (output += d))
  child.stderr.setEncoding('utf8').on('data', (d) => (output += d))
  let exited = false
  const ended = new Promise((resolve) => child.on('close', () => resolve((exited = true))))
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal)
    } catch {}
  }
  const deadline = setTimeout(() => kill('SIGKILL'), timeoutMs)
  try {
    const until = Date.now() + 2 * MINUTE
    for (;;) {
      if (exited) throw new Error(`${what} ended before it answered:\n${output.slice(-3000)}`)
      try {
        await get(url)
        break
      } catch {
        if (Date.now() > until) throw new Error(`${what} did not answer ${url} in 2 minutes:\n${output.slice(-3000)}`)
        await new Promise((r) => setTimeout(r, 300))
      }
    }
    try {
      await fn()
    } catch (e) {
      e.message += `\n${what} said:\n${output.slice(-3000)}`
      throw e
    }
  } finally {
    kill('SIGTERM')
    const late = setTimeout(() => kill('SIGKILL'), 5000)
    await ended
    clearTimeout(late)
    clearTimeout(deadline)
  }
}

// The route handler with a token, without one, and the server component.
async function askApp(base) {
  const signedIn = await get(`${base}/api/auth`, { authorization: `Bearer ${token}` })
  assert.equal(signedIn.status, 200, signedIn.text)
  assert.deepEqual(JSON.parse(signedIn.text), { status: 'signed-in', reason: null, userId: 'user_123' })
  const signedOut = await get(`${base}/api/auth`)
  assert.equal(JSON.parse(signedOut.text).status, 'signed-out', signedOut.text)
  const page = await get(`${base}/?token=${token}`)
  assert.equal(page.status, 200, page.text.slice(0, 2000))
  assert.match(page.text, /verified <!-- -->user_123<!-- --> in session <!-- -->sess_123|verified user_123 in session sess_123/)
}

// ---- the Next.js app -------------------------------------------------------------------------

const APP_FILES = {
  'app/layout.js': `export const metadata = { title: 'clerk-backend-native in Next.js' }
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
`,
  // a server component
  'app/page.js': `import { verifyToken, decodeJwt } from '@clerk/backend'

export const dynamic = 'force-dynamic'

export default async function Page({ searchParams }) {
  const { token } = await searchParams
  if (!token) return <p>no token</p>
  const payload = await verifyToken(token, { jwtKey: process.env.CLERK_JWT_KEY, issuer: null })
  return (
    <p>
      verified {payload.sub} in session {decodeJwt(token).payload.sid}
    </p>
  )
}
`,
  // a route handler
  'app/api/auth/route.js': `import { Clerk } from '@clerk/backend'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function GET(request) {
  const clerk = Clerk({
    secretKey: process.env.CLERK_SECRET_KEY,
    publishableKey: process.env.CLERK_PUBLISHABLE_KEY,
    jwtKey: process.env.CLERK_JWT_KEY,
  })
  const state = await clerk.authenticateRequest({ request })
  return Response.json({ status: state.status, reason: state.reason, userId: state.toAuth()?.userId ?? null })
}
`,
}

function writeApp(dir, config) {
  for (const [file, text] of Object.entries(APP_FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  fs.writeFileSync(path.join(dir, 'next.config.js'), `module.exports = ${JSON.stringify(config, null, 2)}\n`)
  fs.rmSync(path.join(dir, '.next'), { recursive: true, force: true })
}

async function nextBuild(dir) {
  const r = await run(process.execPath, [path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: dir,
    env: quietEnv,
    what: `next build in ${dir}`,
    timeoutMs: 8 * MINUTE,
  })
  if (r.hung) throw r.hung
  const output = `${r.stdout}\n${r.stderr}`
  if (r.status !== 0) throw new Error(`next build failed (${r.status}):\n${output.slice(-4000)}`)
  assert.doesNotMatch(output, /Module parse failed|Critical dependency/, output.slice(-4000))
  return output
}

const nextStart = (dir, port, fn) =>
  withServer(
    'next start',
    process.execPath,
    [path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    { cwd: dir, url: `http://127.0.0.1:${port}/` },
    fn,
  )

// The files an entry's trace lists, as paths from the app.
function traced(dir, entry) {
  const file = path.join(dir, '.next', 'server', `${entry}.js.nft.json`)
  return JSON.parse(fs.readFileSync(file, 'utf8')).files.map((f) => path.relative(dir, path.resolve(path.dirname(file), f)))
}

async function nextSuite(major, version, tarballs, externalEntry, entryName) {
  const label = `Next.js ${version}`
  const dir = path.join(work, `next${major}`)
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `next${major}-app`, version: '1.0.0', private: true }))
  let installed = false
  await check(`${label}: installs with react ${REACT[major]} and @clerk/backend as the packed tarball`, () => {
    install(dir, [
      `next@${version}`,
      `react@${REACT[major]}`,
      `react-dom@${REACT[major]}`,
      `@clerk/backend@file:${tarballs.main}`,
      tarballs.binary,
    ])
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', '@clerk', 'backend', 'package.json'), 'utf8'))
    assert.equal(manifest.name, 'clerk-backend-native')
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'next', 'package.json'), 'utf8')).version, version)
    installed = true
  })
  if (!installed) return

  let built = false
  await check(`${label}: next build with no configuration`, async () => {
    writeApp(dir, {})
    await nextBuild(dir)
    built = true
  })
  if (built) {
    await check(`${label}: next start serves the route handler (signed in with a token) and the server component`, async () => {
      const port = await freePort()
      await nextStart(dir, port, () => askApp(`http://127.0.0.1:${port}`))
    })
  }

  // output file tracing: standalone with the entry
  built = false
  await check(`${label}: next build with output: 'standalone' and ${entryName}: ['@clerk/backend']`, async () => {
    writeApp(dir, { output: 'standalone', ...externalEntry })
    await nextBuild(dir)
    built = true
  })
  if (!built) return
  await check(`${label}: the traced files of the route handler and the page hold the .node binary and binding.js`, () => {
    for (const entry of ['app/api/auth/route', 'app/page']) {
      const files = traced(dir, entry)
      assert.ok(
        files.includes(path.join('node_modules', 'clerk-backend-native-linux-x64-gnu', addon)),
        `${entry}: ${files.filter((f) => !f.includes('next/dist')).join(' ')}`,
      )
      assert.ok(files.includes(path.join('node_modules', '@clerk', 'backend', 'binding.js')), entry)
    }
    assert.ok(fs.existsSync(path.join(dir, '.next', 'standalone', 'node_modules', 'clerk-backend-native-linux-x64-gnu', addon)))
  })
  await check(`${label}: the standalone server.js serves the route handler and the server component`, async () => {
    const port = await freePort()
    const standalone = path.join(dir, '.next', 'standalone')
    await withServer(
      'standalone server.js',
      process.execPath,
      ['server.js'],
      { cwd: standalone, env: { PORT: String(port), HOSTNAME: '127.0.0.1' }, url: `http://127.0.0.1:${port}/` },
      () => askApp(`http://127.0.0.1:${port}`),
    )
  })
}

// Next.js with the package as a symlink (a file: directory): Next.js bundles it whatever its
// external-packages setting says, so this has no entry at all.
async function nextSymlinkSuite(version, tarballs) {
  const label = `Next.js ${version}, package installed as a symlink (file: directory)`
  const pkg = path.join(work, 'linked', 'clerk-backend-native')
  fs.mkdirSync(pkg, { recursive: true })
  runSync('tar', ['-xzf', tarballs.main, '-C', pkg, '--strip-components=1'], { what: 'tar', timeoutMs: MINUTE })
  fs.copyFileSync(path.join(root, addon), path.join(pkg, addon))
  const dir = path.join(work, 'next-linked')
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'next-linked-app', version: '1.0.0', private: true }))
  let built = false
  await check(`${label}: next build with no configuration`, async () => {
    install(pkg, ['--omit=dev'])
    install(dir, [`next@${version}`, `react@${REACT[14]}`, `react-dom@${REACT[14]}`, `@clerk/backend@file:${pkg}`])
    assert.ok(fs.lstatSync(path.join(dir, 'node_modules', '@clerk', 'backend')).isSymbolicLink())
    writeApp(dir, {})
    await nextBuild(dir)
    built = true
  })
  if (!built) return
  await check(`${label}: next start serves the route handler and the server component`, async () => {
    const port = await freePort()
    await nextStart(dir, port, () => askApp(`http://127.0.0.1:${port}`))
  })
}

// ---- esbuild ----------------------------------------------------------------------------------

const EXPRESS_SERVER = `const express = require('express')
const { Clerk } = require('@clerk/backend')

const clerk = Clerk({
  secretKey: process.env.CLERK_SECRET_KEY,
  publishableKey: process.env.CLERK_PUBLISHABLE_KEY,
  jwtKey: process.env.CLERK_JWT_KEY,
})
const app = express()
app.get('/api/auth', async (req, res) => {
  const headerToken = (req.headers.authorization || '').replace(/^Bearer /, '')
  const state = await clerk.authenticateRequest({ headerToken, host: req.headers.host })
  res.json({ status: state.status, reason: state.reason, userId: state.toAuth()?.userId ?? null })
})
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'))
`

async function esbuildSuite(tarballs) {
  const dir = path.join(work, 'esbuild')
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'esbuild-app', version: '1.0.0', private: true }))
  fs.writeFileSync(path.join(dir, 'server.js'), EXPRESS_SERVER)
  let installed = false
  await check(`esbuild ${ESBUILD}: installs with express and @clerk/backend as the packed tarball`, () => {
    install(dir, [`esbuild@${ESBUILD}`, 'express@4', `@clerk/backend@file:${tarballs.main}`, tarballs.binary])
    installed = true
  })
  if (!installed) return
  const esbuild = path.join(dir, 'node_modules', '.bin', 'esbuild')
  const cases = [
    ['no flags', []],
    ['--packages=external', ['--packages=external']],
    ['--external:@clerk/backend', ['--external:@clerk/backend']],
  ]
  for (const [name, flags] of cases) {
    await check(`esbuild --bundle --platform=node (${name}): the bundle authenticates a request with a token`, async () => {
      const out = path.join(dir, 'dist', `${flags.length ? flags[0].replace(/\W+/g, '-').replace(/^-|-$/g, '') : 'plain'}.js`)
      const log = runSync(esbuild, ['server.js', '--bundle', '--platform=node', `--outfile=${out}`, ...flags, '--log-level=warning'], {
        cwd: dir,
        what: `esbuild (${name})`,
        timeoutMs: 2 * MINUTE,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      assert.equal(String(log).trim(), '')
      const port = await freePort()
      await withServer(
        `the ${name} bundle`,
        process.execPath,
        [out],
        { cwd: dir, env: { PORT: String(port) }, url: `http://127.0.0.1:${port}/api/auth` },
        async () => {
          const res = await get(`http://127.0.0.1:${port}/api/auth`, { authorization: `Bearer ${token}` })
          assert.deepEqual(JSON.parse(res.text), { status: 'signed-in', reason: null, userId: 'user_123' })
        },
      )
    })
  }
  await check('the esbuild bundle run with no node_modules in reach fails with the "no native binary" error naming the package', () => {
    const lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-native-lonely-'))
    try {
      fs.copyFileSync(path.join(dir, 'dist', 'plain.js'), path.join(lonely, 'server.js'))
      let out = ''
      try {
        runSync(process.execPath, ['server.js'], {
          cwd: lonely,
          env: { ...quietEnv, ...clerkEnv, PORT: '0' },
          what: 'the lonely bundle',
          timeoutMs: MINUTE,
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      } catch (e) {
        out = `${e.stdout}\n${e.stderr}`
      }
      assert.match(out, /ERR_CLERK_NATIVE_BINARY_MISSING/)
      assert.match(out, /clerk-backend-native-linux-x64-gnu/)
      assert.match(out, /bundled/)
    } finally {
      fs.rmSync(lonely, { recursive: true, force: true })
    }
  })
}

// ---- main -------------------------------------------------------------------------------------

function pack(dir) {
  const out = JSON.parse(npm(['pack', '--json', '--pack-destination', work], dir))
  return path.join(work, out[0].filename)
}

async function main() {
  fs.copyFileSync(path.join(root, addon), path.join(platformDir, addon))
  const tarballs = {}
  try {
    tarballs.main = pack(root)
    tarballs.binary = pack(platformDir)
  } finally {
    fs.rmSync(path.join(platformDir, addon), { force: true })
  }
  await esbuildSuite(tarballs)
  await nextSuite(
    14,
    NEXT14,
    tarballs,
    { experimental: { serverComponentsExternalPackages: ['@clerk/backend'] } },
    'experimental.serverComponentsExternalPackages',
  )
  await nextSuite(15, NEXT15, tarballs, { serverExternalPackages: ['@clerk/backend'] }, 'serverExternalPackages')
  if (process.env.BUNDLERS_SKIP_SYMLINK !== '1') await nextSymlinkSuite(NEXT14, tarballs)
}

main()
  .catch((e) => {
    failed++
    console.log(`not ok - bundlers-test itself\n  ${String(e.stack || e)}`)
  })
  .finally(() => {
    fs.rmSync(work, { recursive: true, force: true })
    console.log(`bundlers-test: ${passed} passed, ${failed} failed (${Math.round((Date.now() - started) / 1000)} s)`)
    process.exit(failed ? 1 : 0)
  })
