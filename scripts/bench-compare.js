'use strict'
// Compares two bench/results.md files (as bench/run-all.mjs writes them) row by row: for each
// table row with a ratio column (`vs clerk-ref ...`, `/ one RSA check`, `64 / 1`), the ratio in
// each file and its change, flagging every row that got more than 10 % slower. For `/ one RSA
// check` (time per call against one RSA check) lower is better; for the others higher is.
// Tables without a ratio column (import times) and lines outside tables are not compared.
//
//   node scripts/bench-compare.js [OLD] [NEW]
//     OLD, NEW: a file, or a git revision (`HEAD~3`, read as `git show HEAD~3:bench/results.md`),
//     or `rev:path`. Defaults: OLD = HEAD (the committed bench/results.md), NEW = the working copy.
//   BENCH_COMPARE_THRESHOLD=0.1  the change that counts as slower
//
// Exits 1 when any row is flagged, 2 on bad input.

const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const root = path.join(__dirname, '..')
const THRESHOLD = Number(process.env.BENCH_COMPARE_THRESHOLD || 0.1)
// headers of the columns that hold measurements; the other columns name the row
const MEASURE = /ops\/s|p50|p99|us per call|req\/s|\bms\b|^vs |^\/ |\d+ \/ \d+/

function load(arg) {
  if (fs.existsSync(arg)) return { name: arg, text: fs.readFileSync(arg, 'utf8') }
  const spec = arg.includes(':') ? arg : `${arg}:bench/results.md`
  try {
    return { name: spec, text: execFileSync('git', ['show', spec], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) }
  } catch (e) {
    console.error(`bench-compare: ${arg} is neither a file nor a git revision holding bench/results.md`)
    process.exit(2)
  }
}

const cells = (line) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim())

// Map of row key -> { section, label, column, ratio, lowerIsBetter }, in file order.
function parse(text) {
  const rows = new Map()
  const lines = text.split('\n')
  let section = ''
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.startsWith('## ')) section = line.slice(3).trim()
    // a table: a header row followed by a |---| row
    if (!line.trim().startsWith('|') || !/^\s*\|[\s|:-]+\|\s*$/.test(lines[i + 1] || '')) continue
    const header = cells(line)
    let ratioCol = -1
    header.forEach((h, c) => {
      if (c > 0 && /^vs |^\/ |\d+ \/ \d+/.test(h)) ratioCol = c
    })
    const labelCols = header.map((h, c) => c).filter((c) => !MEASURE.test(header[c]))
    i += 2
    for (; i < lines.length && lines[i].trim().startsWith('|'); i++) {
      if (ratioCol < 0) continue
      const row = cells(lines[i])
      const ratio = Number.parseFloat((row[ratioCol] || '').replace(/,/g, ''))
      if (!Number.isFinite(ratio)) continue
      const label = labelCols.map((c) => row[c]).join(', ')
      const column = header[ratioCol]
      let key = `${section} | ${column} | ${label}`
      for (let n = 2; rows.has(key); n++) key = `${section} | ${column} | ${label} #${n}`
      rows.set(key, { section, label, column, ratio, lowerIsBetter: column.startsWith('/ ') })
    }
    i--
  }
  return rows
}

function main() {
  const [oldArg = 'HEAD', newArg = path.join(root, 'bench', 'results.md')] = process.argv.slice(2)
  const before = load(oldArg)
  const after = load(newArg)
  const a = parse(before.text)
  const b = parse(after.text)
  if (a.size === 0 || b.size === 0) {
    console.error(`bench-compare: no ratio rows in ${a.size === 0 ? before.name : after.name}`)
    process.exit(2)
  }
  console.log(`old: ${before.name}\nnew: ${after.name}\n(a row is flagged when it is more than ${THRESHOLD * 100} % slower)\n`)
  const slower = []
  let section = null
  let column = null
  for (const [key, o] of a) {
    if (o.section !== section) {
      section = o.section
      column = null
      console.log(`## ${section}`)
    }
    if (o.column !== column) {
      column = o.column
      console.log(`  [${column}${o.lowerIsBetter ? ', lower is better' : ''}]`)
    }
    const n = b.get(key)
    if (!n) {
      console.log(`  gone   ${o.label}: ${o.ratio.toFixed(2)}x -> (no such row)`)
      continue
    }
    // > 1 means better, whichever way the column goes
    const gain = o.lowerIsBetter ? o.ratio / n.ratio : n.ratio / o.ratio
    const change = (n.ratio / o.ratio - 1) * 100
    const flag = gain < 1 - THRESHOLD
    if (flag) slower.push(`${o.section}: ${o.label}`)
    const sign = change >= 0 ? '+' : ''
    console.log(
      `  ${flag ? 'SLOWER ' : '       '}${o.label}: ${o.ratio.toFixed(2)}x -> ${n.ratio.toFixed(2)}x (${sign}${change.toFixed(1)} %)`,
    )
  }
  for (const [key, n] of b) if (!a.has(key)) console.log(`  new row: ${n.section}: ${n.label} (${n.column}): ${n.ratio.toFixed(2)}x`)
  console.log(
    slower.length
      ? `\n${slower.length} row(s) more than ${THRESHOLD * 100} % slower:\n${slower.map((s) => '  ' + s).join('\n')}`
      : '\nno row more than ' + THRESHOLD * 100 + ' % slower',
  )
  process.exitCode = slower.length ? 1 : 0
}

main()
