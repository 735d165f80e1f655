/**
 * The automatic leak scan of end-to-end tests (issue 6, item 3): every
 * helper that starts something an end-to-end test watches — an action step
 * (runner.ts), a runner's directories, a flysim (sim.ts), the GitHub
 * stand-in, an in-process CLI run (cli.ts), the engine's ports (engine.ts) —
 * registers what it produces and the secrets it was given with `leaks()`.
 * When the test finishes (vitest `onTestFinished`, after its `afterEach`
 * hooks), everything registered is scanned with the leak scanner and the
 * test fails on any finding. A test cannot forget the scan: it happens
 * because the test used the helper.
 *
 * Registrations made inside a test (or its `beforeEach`) belong to that
 * test; those made outside one (`beforeAll`, module level) belong to the
 * file and are scanned at the end of every later test in it, each finding
 * reported once.
 *
 * Besides the secrets' values (raw and encoded, see leak-scanner.ts), every
 * text is searched for the shapes of Fly and GitHub tokens, so a token no
 * test registered (the demo's own flysim, say) is caught too.
 */
import { createHash } from 'node:crypto'
import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync
} from 'node:fs'
import { join } from 'node:path'
import { beforeEach, onTestFinished, TestRunner } from 'vitest'
import type { RequestRecord } from '../../src/sim/index.js'
import { createLeakScanner, MIN_SCANNED, type Finding } from './leak-scanner.js'

/** MAX_FILE is the largest file a directory source reads; larger ones are binaries (flyctl tarballs). */
const MAX_FILE = 8 * 1024 * 1024

/** TOKEN_SHAPES are credentials recognisable without knowing their value. */
export const TOKEN_SHAPES: readonly { name: string; re: RegExp }[] = [
  { name: 'a Fly API token (fo1_…)', re: /\bfo1_[A-Za-z0-9_]{20,}/g },
  { name: 'a Fly macaroon token (FlyV1 fm…)', re: /FlyV1 fm\d_[\w+/=-]{20,}/g },
  { name: 'a GitHub token (gh?_…)', re: /\bgh[pousr]_[A-Za-z0-9]{30,}/g }
]

/** MaskRule says which values an action step's stdout must `::add-mask::` before anything else. */
export interface MaskRule {
  /** Masked before any other line, whenever the step printed anything. */
  always: string[]
  /**
   * Masked before any other line once the step got past reading its inputs:
   * it printed a line that is not `::add-mask::`, `::debug::` or `::error::`.
   */
  onceRunning: string[]
  /** Lines that may come before the masks (a post step's `::debug::` when it has nothing to do). */
  allowBefore?: RegExp
}

/** CheckResult is one scan of everything registered. */
export interface CheckResult {
  /** Leaks and mask faults; empty when clean. Never shows a secret. */
  problems: string[]
  /** Every text scanned: labels and file paths. */
  scanned: string[]
  /** How many distinct secret values were looked for. */
  secrets: number
  /** How many characters were scanned (requests and errors not counted). */
  chars: number
}

export interface LeakCollector {
  /** secrets adds values to look for; blank ones are ignored. */
  secrets(...values: (string | undefined)[]): void
  /** text adds a text, read when the collector checks. */
  text(label: string, read: () => string): void
  /** file adds a file, read when the collector checks; a missing file is empty. */
  file(path: string): void
  /** dir adds every file under a directory, listed when the collector checks; `skip` names entries never entered. */
  dir(path: string, skip?: readonly string[]): void
  /** requests adds a flysim request log (flysim never records the secrets endpoints' bodies). */
  requests(label: string, read: () => readonly RequestRecord[]): void
  /** error adds a thrown value: message, stack, fields and causes. */
  error(label: string, err: unknown): void
  /**
   * actionStdout adds an action step's stdout: the `::add-mask::` lines (how
   * the runner learns what to mask; it never shows them) are checked against
   * `rule`, then stripped before the rest is scanned.
   */
  actionStdout(label: string, read: () => string, rule: MaskRule): void
  /** check scans everything registered now. */
  check(): CheckResult
  /** forget drops every source and secret (for the collector's own tests). */
  forget(): void
}

interface Source {
  label: string
  /** texts returns what to scan, each with its label; problems collects mask faults. */
  texts(problems: string[]): { label: string; text: string }[]
  requests?: () => readonly RequestRecord[]
  error?: unknown
}

/** reported remembers findings of file-scope sources, so each fails one test only. */
const reported = new WeakMap<Source, Set<string>>()

interface Internal extends LeakCollector {
  values: Set<string>
  /** A multi-line secret's lines, each with the whole value. */
  lineOf: Map<string, string>
  sources: Source[]
}

/** createLeakCollector returns a collector that scans only when asked (check()). */
export function createLeakCollector(): LeakCollector {
  return newCollector(false)
}

/**
 * newCollector makes a collector; with `once`, each finding of a source is
 * reported by one check only (the file scope is checked after every test).
 */
function newCollector(once: boolean): Internal {
  const values = new Set<string>()
  const lineOf = new Map<string, string>()
  const sources: Source[] = []
  const add = (s: Source) => {
    if (once) reported.set(s, new Set())
    sources.push(s)
  }
  const self: Internal = {
    values,
    lineOf,
    sources,
    secrets(...vs) {
      for (const v of vs) {
        if (v === undefined || v.trim() === '') continue
        values.add(v)
        // A multi-line value (a PEM key) leaks line by line as well.
        if (v.includes('\n'))
          for (const line of v.split(/\r?\n/))
            if (line.trim().length >= 8 && !values.has(line)) {
              values.add(line)
              lineOf.set(line, v)
            }
      }
    },
    text(label, read) {
      add({ label, texts: () => [{ label, text: read() }] })
    },
    file(path) {
      add({
        label: path,
        texts: () =>
          existsSync(path)
            ? [{ label: path, text: readFileSync(path, 'utf8') }]
            : []
      })
    },
    dir(path, skip = []) {
      add({
        label: `${path}/`,
        texts: () =>
          listFiles(path, new Set(skip)).map((f) => ({
            label: f,
            text: readFileSync(f, 'utf8')
          }))
      })
    },
    requests(label, read) {
      add({ label, texts: () => [], requests: read })
    },
    error(label, err) {
      add({ label, texts: () => [], error: err })
    },
    actionStdout(label, read, rule) {
      add({
        label,
        texts: (problems) => {
          const lines = read().split('\n')
          problems.push(...maskFaults(label, lines, rule))
          return [
            {
              label,
              text: lines
                .filter((l) => !l.startsWith('::add-mask::'))
                .join('\n')
            }
          ]
        }
      })
    },
    check: () => checkAll([self]),
    forget() {
      values.clear()
      lineOf.clear()
      sources.length = 0
    }
  }
  return self
}

/** listFiles lists regular files under `dir`, recursively. */
function listFiles(dir: string, skip: ReadonlySet<string>): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (skip.has(e.name)) return []
    const p = join(dir, e.name)
    if (e.isDirectory()) return listFiles(p, skip)
    if (!e.isFile() || statSync(p).size > MAX_FILE) return []
    return [p]
  })
}

/** escapeMask is how @actions/core writes a value into `::add-mask::`. */
export function escapeMask(v: string): string {
  return v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** maskFaults checks that each value of `rule` is masked before the step's other output. */
export function maskFaults(
  label: string,
  lines: readonly string[],
  rule: MaskRule
): string[] {
  const isMask = (l: string) => l.startsWith('::add-mask::')
  const other = lines.filter((l) => l !== '' && !isMask(l))
  if (other.length === 0 && !lines.some(isMask)) return []
  const running = other.some(
    (l) => !/^::(debug|error)::/.test(l) && !rule.allowBefore?.test(l)
  )
  const first = lines.findIndex(
    (l) => l !== '' && !isMask(l) && !rule.allowBefore?.test(l)
  )
  const faults: string[] = []
  const required = [
    ...rule.always.map((v) => ({ v, need: other.length > 0 })),
    ...rule.onceRunning.map((v) => ({ v, need: running }))
  ]
  const seen = new Set<string>()
  for (const { v, need } of required) {
    if (!v.trim() || seen.has(v)) continue
    seen.add(v)
    const at = lines.indexOf(`::add-mask::${escapeMask(v)}`)
    if (at < 0 && need)
      faults.push(`${label}: ${nameSecret(v)} was never masked (::add-mask::)`)
    else if (at >= 0 && first >= 0 && at > first)
      faults.push(
        `${label}: ${nameSecret(v)} was masked on line ${at + 1}, after output on line ${first + 1}`
      )
  }
  return faults
}

/** nameSecret names a secret without showing it. */
function nameSecret(value: string): string {
  const h = createHash('sha256').update(value).digest('hex').slice(0, 8)
  return `a secret (${value.length} chars, sha256 ${h}…)`
}

function checkAll(collectors: readonly Internal[]): CheckResult {
  const values = [...new Set(collectors.flatMap((c) => [...c.values]))]
  const lineOf = new Map(collectors.flatMap((c) => [...c.lineOf]))
  const scanner = createLeakScanner(values)
  const problems: string[] = []
  const scanned: string[] = []
  let chars = 0
  for (const c of collectors) {
    for (const source of c.sources) {
      const own: string[] = []
      const before = scanner.findings().length
      for (const t of source.texts(own)) {
        scanned.push(t.label)
        chars += t.text.length
        scanner.scan(t.label, t.text)
        for (const shape of TOKEN_SHAPES)
          for (const m of t.text.matchAll(shape.re))
            if (!values.some((v) => m[0].includes(v) && v.length >= 8))
              own.push(`${shape.name} in ${t.label} at offset ${m.index}`)
      }
      if (source.requests) {
        scanned.push(source.label)
        scanner.scanRequests(source.requests())
      }
      if (source.error !== undefined) {
        scanned.push(source.label)
        scanner.scanError(source.label, source.error)
      }
      const found = scanner.findings().slice(before)
      // A line found inside its whole value is the same leak: report the value.
      const covered = (f: Finding) => {
        const whole = lineOf.get(values[f.secret]!)
        return found.some(
          (g) =>
            values[g.secret] === whole &&
            g.where === f.where &&
            g.offset <= f.offset &&
            f.offset <= g.offset + 9 * whole.length
        )
      }
      for (const f of found.filter((x) => !covered(x)))
        own.push(
          `${nameSecret(values[f.secret]!)} ${f.encoding} in ${f.where} at offset ${f.offset}`
        )
      const once = reported.get(source)
      for (const p of own) {
        if (once?.has(p)) continue
        once?.add(p)
        problems.push(p)
      }
    }
  }
  return {
    problems,
    scanned,
    secrets: values.filter((v) => v.length >= MIN_SCANNED).length,
    chars
  }
}

/** fileScope holds what was registered outside any test of this file. */
const fileScope = newCollector(true)
let current: { test: object; collector: Internal } | undefined

/**
 * leaks returns the collector of the running test (made on first use, and
 * scanned when the test finishes), or the file's outside a test.
 */
export function leaks(): LeakCollector {
  const test = TestRunner.getCurrentTest()
  if (!test) return fileScope
  if (current?.test !== test) {
    const collector = newCollector(false)
    current = { test, collector }
    onTestFinished(() => {
      if (current?.collector === collector) current = undefined
      const started = performance.now()
      const { problems, scanned, secrets, chars } = checkAll([
        collector,
        fileScope
      ])
      // FLY_ROLLOUT_LEAK_STATS=<file> records what each test's scan read and cost.
      const stats = process.env.FLY_ROLLOUT_LEAK_STATS
      if (stats)
        appendFileSync(
          stats,
          JSON.stringify({
            test: test.name,
            file: test.file.name,
            texts: scanned.length,
            chars,
            secrets,
            ms: Math.round(performance.now() - started),
            scanned
          }) + '\n'
        )
      if (problems.length > 0)
        throw new Error(
          `secret leak: ${problems.length} problem(s) in what this test's steps, processes and flysim produced:\n  ${problems.join('\n  ')}`
        )
    })
  }
  return current.collector
}

// Every test of a file that imports this module gets a collector, so what
// the file registered outside its tests is scanned even after a test that
// registered nothing itself. Outside vitest (a bench importing a helper)
// there are no tests and nothing to hook.
try {
  beforeEach(() => void leaks())
} catch {
  // not running under vitest
}
