/**
 * Just enough of fly.toml for the stand-in flyctl (API-NOTES §16): the
 * top-level `app` and `primary_region`, and the `[build]` table's
 * `dockerfile`, `image`, `build-target` and `[build.args]`. A line reader,
 * not a TOML parser: the simulator ring may not import a TOML library, and
 * these keys are always plain `key = "string"` lines in practice.
 */

/** FlyToml is what the stand-in reads from fly.toml. */
export interface FlyToml {
  app?: string
  primaryRegion?: string
  build: {
    dockerfile?: string
    image?: string
    target?: string
    args: Record<string, string>
  }
}

/**
 * readFlyToml extracts the keys above; everything else is ignored. Values
 * may be basic ("…", with escapes) or literal ('…') strings; comments and
 * blank lines are skipped; dotted keys (`build.dockerfile = …`) at the top
 * level count too.
 *
 *   app = "demo"             → app: "demo"
 *   [build]
 *     dockerfile = 'Dockerfile.prod'   # comment  → build.dockerfile
 *   [build.args]
 *     NODE_VERSION = "20"    → build.args.NODE_VERSION = "20"
 */
export function readFlyToml(text: string): FlyToml {
  const out: FlyToml = { build: { args: {} } }
  let table = ''
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const header = /^\[\s*([^[\]]+?)\s*\]\s*(?:#.*)?$/.exec(line)
    if (header) {
      table = header[1]!.replace(/\s*\.\s*/g, '.').replace(/["']/g, '')
      continue
    }
    if (line.startsWith('[[')) {
      table = '[[array]]'
      continue
    }
    const kv = /^([A-Za-z0-9_.\-"' ]+?)\s*=\s*(.*)$/.exec(line)
    if (!kv) continue
    const key = kv[1]!.replace(/\s*\.\s*/g, '.').replace(/["']/g, '')
    const value = readString(kv[2]!)
    if (value === undefined) continue
    const full = table ? `${table}.${key}` : key
    switch (full) {
      case 'app':
        out.app = value
        break
      case 'primary_region':
        out.primaryRegion = value
        break
      case 'build.dockerfile':
        out.build.dockerfile = value
        break
      case 'build.image':
        out.build.image = value
        break
      case 'build.build-target':
      case 'build.build_target':
        out.build.target = value
        break
      default:
        if (full.startsWith('build.args.')) {
          out.build.args[full.slice('build.args.'.length)] = value
        }
    }
  }
  return out
}

/** readString reads a TOML basic or literal string at the start of s, or undefined. */
function readString(s: string): string | undefined {
  if (s.startsWith("'")) {
    const end = s.indexOf("'", 1)
    return end < 0 ? undefined : s.slice(1, end)
  }
  if (!s.startsWith('"')) return undefined
  let out = ''
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!
    if (c === '"') return out
    if (c !== '\\') {
      out += c
      continue
    }
    const e = s[++i]
    const simple: Record<string, string> = {
      b: '\b',
      t: '\t',
      n: '\n',
      f: '\f',
      r: '\r',
      '"': '"',
      '\\': '\\'
    }
    if (e !== undefined && e in simple) out += simple[e]
    else if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8
      const hex = s.slice(i + 1, i + 1 + len)
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) return undefined
      out += String.fromCodePoint(parseInt(hex, 16))
      i += len
    } else return undefined
  }
  return undefined
}
