/**
 * Reads a Dockerfile the way BuildKit would for the one thing flysim images
 * carry: their labels. `LABEL sim.*=…` lines give an image its behaviour
 * (boot time, health, latency, errors, crashes), so the stand-in flyctl
 * "builds" by reading labels and pushing them to flysim's registry.
 */

/** DockerfileError is a Dockerfile the stand-in cannot read. */
export class DockerfileError extends Error {}

interface Instruction {
  keyword: string
  args: string
  line: number
}

interface Stage {
  name?: string
  labels: Record<string, string>
  vars: Record<string, string>
}

/**
 * readLabels returns the labels of the final image (or of the `target`
 * stage): every LABEL of that stage, after those of an earlier stage it is
 * built `FROM`. Values are substituted like Docker does: `$VAR`, `${VAR}`,
 * `${VAR:-default}` and `${VAR:+alt}` from ARG (overridden by `buildArgs`)
 * and ENV of the stage; nothing inside single quotes.
 *
 *   LABEL a=1 b="two words"         → {a: "1", b: "two words"}
 *   LABEL sim.boot=2s \
 *         sim.health=ok             → {"sim.boot": "2s", "sim.health": "ok"}
 *   ARG BOOT=1s
 *   LABEL sim.boot=$BOOT            → {"sim.boot": "1s"}, or the --build-arg value
 *   LABEL legacy value with spaces  → {legacy: "value with spaces"}
 */
export function readLabels(
  text: string,
  buildArgs: Record<string, string> = {},
  target?: string
): Record<string, string> {
  const instructions = instructionsOf(text)
  const stages: Stage[] = []
  const globalArgs: Record<string, string> = {}
  let stage: Stage | undefined
  for (const ins of instructions) {
    switch (ins.keyword) {
      case 'ARG': {
        const scope = stage ? stage.vars : globalArgs
        for (const word of words(ins)) {
          const eq = word.indexOf('=')
          const name = eq < 0 ? word : word.slice(0, eq)
          const dflt =
            eq < 0
              ? stage
                ? globalArgs[name]
                : undefined
              : substitute(unquote(word.slice(eq + 1), ins), scope, ins)
          const value = Object.hasOwn(buildArgs, name) ? buildArgs[name] : dflt
          if (value !== undefined) scope[name] = value
        }
        break
      }
      case 'FROM': {
        const parts = ins.args.split(/\s+/).filter((p) => !p.startsWith('--'))
        const base = substitute(parts[0] ?? '', globalArgs, ins)
        const as = parts[1]?.toUpperCase() === 'AS' ? parts[2] : undefined
        const parent = stages.find(
          (s) => s.name !== undefined && s.name === base.toLowerCase()
        )
        stage = {
          name: as?.toLowerCase(),
          labels: { ...(parent?.labels ?? {}) },
          vars: { ...(parent?.vars ?? {}) }
        }
        stages.push(stage)
        break
      }
      case 'ENV': {
        if (!stage)
          throw new DockerfileError(`line ${ins.line}: ENV before FROM`)
        for (const [k, v] of pairs(ins, stage.vars)) stage.vars[k] = v
        break
      }
      case 'LABEL': {
        if (!stage) {
          throw new DockerfileError(`line ${ins.line}: LABEL before FROM`)
        }
        for (const [k, v] of pairs(ins, stage.vars)) stage.labels[k] = v
        break
      }
      default:
        if (!stage && ins.keyword !== 'ARG') {
          throw new DockerfileError(
            `line ${ins.line}: no build stage in current context (${ins.keyword} before FROM)`
          )
        }
    }
  }
  if (stages.length === 0) {
    throw new DockerfileError('the Dockerfile has no FROM instruction')
  }
  if (target) {
    const t = stages.find((s) => s.name === target.toLowerCase())
    if (!t)
      throw new DockerfileError(`target stage "${target}" could not be found`)
    return { ...t.labels }
  }
  return { ...stages[stages.length - 1]!.labels }
}

/**
 * instructionsOf joins continuation lines (a trailing `\`), drops comment
 * lines (also inside a continuation, as Docker does) and splits keyword
 * from arguments.
 */
function instructionsOf(text: string): Instruction[] {
  const out: Instruction[] = []
  let buf = ''
  let start = 0
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    const trimmed = raw.trim()
    if (trimmed.startsWith('#')) continue
    if (!buf && !trimmed) continue
    if (!buf) start = i + 1
    if (/\\\s*$/.test(raw)) {
      buf += raw.replace(/\\\s*$/, '') + ' '
      continue
    }
    buf += raw
    push(buf, start)
    buf = ''
  }
  if (buf.trim()) push(buf, start)
  return out

  function push(textLine: string, line: number): void {
    const m = /^\s*(\S+)\s*(.*)$/s.exec(textLine)
    if (!m) return
    out.push({ keyword: m[1]!.toUpperCase(), args: m[2]!.trim(), line })
  }
}

/**
 * pairs reads `k=v k2="v 2"` (or the legacy `key value with spaces`),
 * unquoting and substituting each part.
 */
function pairs(
  ins: Instruction,
  vars: Record<string, string>
): [string, string][] {
  const ws = words(ins)
  if (ws.length === 0) {
    throw new DockerfileError(
      `line ${ins.line}: ${ins.keyword} requires at least one argument`
    )
  }
  if (!ws[0]!.includes('=')) {
    // Legacy form: the first word is the key, the rest of the line the value.
    const key = substitute(unquote(ws[0]!, ins), vars, ins)
    const rest = ins.args.slice(ins.args.indexOf(ws[0]!) + ws[0]!.length).trim()
    return [[key, substitute(unquote(rest, ins), vars, ins)]]
  }
  return ws.map((w) => {
    const eq = w.indexOf('=')
    if (eq <= 0) {
      throw new DockerfileError(
        `line ${ins.line}: ${ins.keyword} names can not be blank; expected key=value, got "${w}"`
      )
    }
    return [
      substitute(unquote(w.slice(0, eq), ins), vars, ins),
      substitute(unquote(w.slice(eq + 1), ins), vars, ins)
    ]
  })
}

/**
 * words splits arguments on unquoted whitespace, keeping quotes (they are
 * removed later, together with substitution).
 */
function words(ins: Instruction): string[] {
  const out: string[] = []
  let cur = ''
  let quote: string | undefined
  let inWord = false
  const s = ins.args
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (quote) {
      cur += c
      if (c === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i]!
      else if (c === quote) quote = undefined
      continue
    }
    if (c === '"' || c === "'") {
      quote = c
      cur += c
      inWord = true
    } else if (c === '\\' && i + 1 < s.length) {
      cur += c + s[++i]!
      inWord = true
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur)
      cur = ''
      inWord = false
    } else {
      cur += c
      inWord = true
    }
  }
  if (quote) {
    throw new DockerfileError(
      `line ${ins.line}: unterminated quote in ${ins.keyword}`
    )
  }
  if (inWord) out.push(cur)
  return out
}

/**
 * Marks text that came from single quotes (or an escaped `$`) so
 * substitution leaves it alone; removed again by substitute.
 */
const LITERAL_START = '\u0000'
const LITERAL_END = '\u0001'

/** unquote removes quotes and backslash escapes, marking literal parts. */
function unquote(w: string, ins: Instruction): string {
  let out = ''
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!
    if (c === "'") {
      const end = w.indexOf("'", i + 1)
      if (end < 0)
        throw new DockerfileError(`line ${ins.line}: unterminated quote`)
      out += LITERAL_START + w.slice(i + 1, end) + LITERAL_END
      i = end
    } else if (c === '"') {
      i++
      while (i < w.length && w[i] !== '"') {
        if (w[i] === '\\' && i + 1 < w.length && '"\\$'.includes(w[i + 1]!)) {
          const e = w[++i]!
          out += e === '$' ? LITERAL_START + '$' + LITERAL_END : e
        } else out += w[i]
        i++
      }
    } else if (c === '\\' && i + 1 < w.length) {
      const e = w[++i]!
      out += e === '$' ? LITERAL_START + '$' + LITERAL_END : e
    } else out += c
  }
  return out
}

/** substitute expands $VAR forms outside literal parts, then drops the marks. */
function substitute(
  s: string,
  vars: Record<string, string>,
  ins: Instruction
): string {
  let out = ''
  let literal = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === LITERAL_START) {
      literal = true
      continue
    }
    if (c === LITERAL_END) {
      literal = false
      continue
    }
    if (literal || c !== '$') {
      out += c
      continue
    }
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}/.exec(
      s.slice(i)
    )
    if (braced) {
      const [whole, name, op, word] = braced
      const v = Object.hasOwn(vars, name!) ? vars[name!]! : ''
      if (op === ':-') out += v !== '' ? v : word!
      else if (op === ':+') out += v !== '' ? word! : ''
      else out += v
      i += whole.length - 1
      continue
    }
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(s.slice(i))
    if (plain) {
      out += Object.hasOwn(vars, plain[1]!) ? vars[plain[1]!]! : ''
      i += plain[0].length - 1
      continue
    }
    if (s[i + 1] === '{') {
      throw new DockerfileError(
        `line ${ins.line}: bad substitution in ${ins.keyword}`
      )
    }
    out += c
  }
  return out
}
