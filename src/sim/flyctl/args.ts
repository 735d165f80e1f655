/**
 * A small cobra/pflag look-alike: the stand-in flyctl must accept the same
 * argv as the real one (flags before or after positionals, `--flag value`,
 * `--flag=value`, `-a value`, `-avalue`, grouped bool shorthands, `--`) and
 * fail the same way (`unknown flag: --bogus`, `unknown command "foo" for
 * "flyctl"`).
 */

/** FlagKind is a pflag value type. */
export type FlagKind = 'bool' | 'string' | 'stringArray' | 'int'

/** FlagSpec declares one flag. */
export interface FlagSpec {
  name: string
  /** One-letter shorthand, e.g. `a` for `-a`. */
  short?: string
  kind: FlagKind
  /** Value when the flag is absent (bools default to false). */
  default?: string | number | boolean
}

/** ArgsRule is cobra's positional-args check for a command. */
export type ArgsRule =
  | { kind: 'none' }
  | { kind: 'exact'; n: number }
  | { kind: 'max'; n: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'any' }

/** CommandSpec declares a command, its flags and subcommands. */
export interface CommandSpec {
  name: string
  aliases?: string[]
  /** One line for help output. */
  short: string
  flags?: FlagSpec[]
  subcommands?: CommandSpec[]
  /** A command without `run` only groups subcommands; cobra prints its help. */
  runnable: boolean
  args?: ArgsRule
}

/** FlagValue is a parsed flag value. */
export type FlagValue = string | number | boolean | string[]

/** Parsed is a resolved command line. */
export interface Parsed {
  /** Command names from the root's child down, e.g. ["apps", "create"]. */
  path: string[]
  command: CommandSpec
  /** Every flag of the command (and the globals) with its value or default. */
  flags: Record<string, FlagValue>
  /** Flags given on the command line, by long name. */
  changed: Set<string>
  positionals: string[]
  /** `-h`/`--help` was given. */
  help: boolean
}

/**
 * ArgsError is a command-line mistake. `usageHint` is set when cobra would
 * also print "Run 'flyctl --help' for usage." (an unknown command).
 */
export class ArgsError extends Error {
  constructor(
    message: string,
    readonly usageHint = false,
    readonly commandPath = 'flyctl'
  ) {
    super(message)
  }
}

const HELP: FlagSpec = { name: 'help', short: 'h', kind: 'bool' }

/**
 * parseArgv resolves argv against a command tree the way cobra does: first
 * the subcommand path (skipping flags anywhere), then every flag of that
 * command plus the root's persistent `globals`.
 *
 *   ["deploy", "--build-only", "-a", "demo"]  → deploy, {build-only: true, app: "demo"}
 *   ["-a", "demo", "status", "--json"]        → status, {app: "demo", json: true}
 *   ["secrets", "import", "--app=demo"]       → secrets import, {app: "demo"}
 *   ["foo"]                                   → ArgsError `unknown command "foo" for "flyctl"`
 *   ["status", "--bogus"]                     → ArgsError `unknown flag: --bogus`
 */
export function parseArgv(
  root: CommandSpec,
  globals: readonly FlagSpec[],
  argv: readonly string[]
): Parsed {
  // 1. Find the command: non-flag words that name subcommands, in order.
  let command = root
  const path: string[] = []
  const used = new Set<number>()
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!
    if (tok === '--') break
    if (tok.startsWith('-') && tok !== '-') {
      if (takesValue(tok, [...treeFlags(command), ...globals])) i++
      continue
    }
    const sub = command.subcommands?.find(
      (c) => c.name === tok || c.aliases?.includes(tok)
    )
    if (sub) {
      command = sub
      path.push(sub.name)
      used.add(i)
      continue
    }
    if (command === root && root.subcommands?.length) {
      throw new ArgsError(
        `unknown command "${tok}" for "${root.name}"`,
        true,
        root.name
      )
    }
    break
  }

  // 2. Parse the flags of that command (plus globals and help).
  const specs = [...(command.flags ?? []), ...globals, HELP]
  const flags: Record<string, FlagValue> = {}
  for (const s of specs) flags[s.name] = initial(s)
  const changed = new Set<string>()
  const positionals: string[] = []
  const set = (spec: FlagSpec, raw: string, display: string): void => {
    changed.add(spec.name)
    switch (spec.kind) {
      case 'bool': {
        const b = parseBool(raw)
        if (b === undefined) {
          throw new ArgsError(
            `invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`
          )
        }
        flags[spec.name] = b
        return
      }
      case 'int': {
        if (!/^[+-]?\d+$/.test(raw)) {
          throw new ArgsError(
            `invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`
          )
        }
        flags[spec.name] = Number(raw)
        return
      }
      case 'stringArray': {
        const prev = flags[spec.name]
        flags[spec.name] = [...(Array.isArray(prev) ? prev : []), raw]
        return
      }
      default:
        flags[spec.name] = raw
    }
  }

  for (let i = 0; i < argv.length; i++) {
    if (used.has(i)) continue
    const tok = argv[i]!
    if (tok === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (tok.startsWith('--')) {
      const eq = tok.indexOf('=')
      const name = eq < 0 ? tok.slice(2) : tok.slice(2, eq)
      const spec = specs.find((s) => s.name === name)
      if (!spec) throw new ArgsError(`unknown flag: --${name}`)
      if (eq >= 0) set(spec, tok.slice(eq + 1), `--${name}`)
      else if (spec.kind === 'bool') set(spec, 'true', `--${name}`)
      else {
        if (i + 1 >= argv.length) {
          throw new ArgsError(`flag needs an argument: --${name}`)
        }
        set(spec, argv[++i]!, `--${name}`)
      }
      continue
    }
    if (tok.startsWith('-') && tok.length > 1) {
      // Shorthands: -a demo, -ademo, -a=demo, -yj (bools grouped).
      let j = 1
      while (j < tok.length) {
        const c = tok[j]!
        const spec = specs.find((s) => s.short === c)
        if (!spec) {
          throw new ArgsError(`unknown shorthand flag: '${c}' in ${tok}`)
        }
        const rest = tok.slice(j + 1)
        const display = `-${c}, --${spec.name}`
        if (rest.startsWith('=')) {
          set(spec, rest.slice(1), display)
          break
        }
        if (spec.kind === 'bool') {
          set(spec, 'true', display)
          j++
          continue
        }
        if (rest) set(spec, rest, display)
        else {
          if (i + 1 >= argv.length) {
            throw new ArgsError(`flag needs an argument: '${c}' in ${tok}`)
          }
          set(spec, argv[++i]!, display)
        }
        break
      }
      continue
    }
    positionals.push(tok)
  }

  const help = flags.help === true
  if (!help) checkArgs(command, path, root.name, positionals)
  return { path, command, flags, changed, positionals, help }
}

/** commandPath renders a parsed path as cobra's CommandPath: "flyctl apps create". */
export function commandPath(rootName: string, path: readonly string[]): string {
  return [rootName, ...path].join(' ')
}

function checkArgs(
  command: CommandSpec,
  path: string[],
  rootName: string,
  positionals: string[]
): void {
  const rule = command.args ?? { kind: 'any' }
  const n = positionals.length
  const where = commandPath(rootName, path)
  switch (rule.kind) {
    case 'none':
      if (n > 0) {
        throw new ArgsError(
          `unknown command "${positionals[0]}" for "${where}"`,
          true,
          where
        )
      }
      return
    case 'exact':
      if (n !== rule.n) {
        throw new ArgsError(
          `accepts ${rule.n} arg(s), received ${n}`,
          false,
          where
        )
      }
      return
    case 'max':
      if (n > rule.n) {
        throw new ArgsError(
          `accepts at most ${rule.n} arg(s), received ${n}`,
          false,
          where
        )
      }
      return
    case 'range':
      if (n < rule.min || n > rule.max) {
        throw new ArgsError(
          `accepts between ${rule.min} and ${rule.max} arg(s), received ${n}`,
          false,
          where
        )
      }
      return
    default:
      return
  }
}

function initial(s: FlagSpec): FlagValue {
  if (s.default !== undefined) return s.default
  switch (s.kind) {
    case 'bool':
      return false
    case 'int':
      return 0
    case 'stringArray':
      return []
    default:
      return ''
  }
}

/** parseBool accepts Go's strconv.ParseBool spellings. */
function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false
  return undefined
}

/** treeFlags lists the flags of a command and all its descendants. */
function treeFlags(c: CommandSpec): FlagSpec[] {
  return [...(c.flags ?? []), ...(c.subcommands ?? []).flatMap(treeFlags)]
}

/**
 * takesValue says whether a flag token swallows the next word while the
 * command path is being found (cobra's stripFlags): a known non-bool flag
 * written without `=` does; anything else does not.
 */
function takesValue(tok: string, specs: readonly FlagSpec[]): boolean {
  if (tok.includes('=')) return false
  const spec = tok.startsWith('--')
    ? specs.find((s) => s.name === tok.slice(2))
    : tok.length === 2
      ? specs.find((s) => s.short === tok[1])
      : undefined
  return spec !== undefined && spec.kind !== 'bool'
}
