// `npm run bench`: every benchmark, one after another on this machine, each comparing this
// package with clerk-ref (and jose, fast-jwt, @node-rs/jsonwebtoken where they apply) in the
// same process. Prints the tables and writes them, with the machine and the date, to
// bench/results.md.

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const suites = [
  ['verifyJwt with a cached key (scenarios 1 and 5)', 'jwt.mjs'],
  ['verifyToken, warm JWKS and jwtKey (scenarios 2 and 5)', 'verifyToken.mjs'],
  ['authenticateRequest, header and cookies (scenarios 3, 4 and 5)', 'authenticateRequest.mjs'],
  ['A new token against one RSA check, every entry point', 'fresh.mjs'],
  ['64 verifications in flight (scenario 6)', 'concurrency.mjs'],
  ['users.getUser at concurrency 1 and 64 (scenario 7)', 'rest.mjs'],
  ['import time and memory over a million verifications (scenarios 8 and 9)', 'footprint.mjs'],
]

let rsaFloor = ''
try {
  rsaFloor = execFileSync('openssl', ['speed', '-seconds', '3', 'rsa2048'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 120_000,
    killSignal: 'SIGKILL',
  })
    .split('\n')
    .filter((l) => /^rsa\s+2048|sign\s+verify/.test(l))
    .join('\n')
} catch {
  rsaFloor = '(openssl not available; see the node:crypto row of the verifyJwt table)'
}

const cpu = os.cpus()[0]
const sections = [
  '# Benchmark results',
  '',
  `${new Date().toISOString()} - ${cpu.model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
  '',
  'One run; ratios between packages measured in the same process are what these tables promise.',
  '',
  '## One RSA-2048 verification (the floor): `openssl speed -seconds 3 rsa2048`',
  '',
  '```',
  rsaFloor,
  '```',
]
for (const [title, file] of suites) {
  console.log(`\n== ${title}`)
  const out = execFileSync(process.execPath, ['--expose-gc', path.join(here, file)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30 * 60_000,
    killSignal: 'SIGKILL',
  })
  process.stdout.write(out)
  sections.push('', `## ${title}`, '', out.trim())
}
fs.writeFileSync(path.join(here, 'results.md'), sections.join('\n') + '\n')
console.log('\nwritten to bench/results.md')
