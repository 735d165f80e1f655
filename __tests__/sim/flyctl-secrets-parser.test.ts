import { describe, expect, test } from 'vitest'
import {
  MAX_LINE,
  parseSecrets,
  SecretsParseError
} from '../../src/sim/flyctl/secrets-parser.js'

const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ',
  'Yx2eqzDV+xeG8kx/sQFV18S5JhzGeIlOKjg+n+YfGH/E4mRlSbVYF1Nh/8vS3tVE',
  '-----END PRIVATE KEY-----'
].join('\n')

/**
 * Rows follow flyctl's `internal/command/secrets/parser.go` (and its
 * parser_test.go cases), quirks included (API-NOTES §14).
 */
const cases: { name: string; input: string; want: Record<string, string> }[] = [
  {
    name: 'skips comments and blank lines',
    input:
      '\n# A comment plus a new line with spaces\n   \nFOO=BAR\n# Another comment\nQUX=NAH\n',
    want: { FOO: 'BAR', QUX: 'NAH' }
  },
  {
    name: 'reads Windows line endings',
    input: 'FOO=BAR\r\nQUX=NAH\r\n',
    want: { FOO: 'BAR', QUX: 'NAH' }
  },
  {
    name: 'reads a last line without a newline',
    input: 'FOO=BAR\nQUX=NAH',
    want: { FOO: 'BAR', QUX: 'NAH' }
  },
  {
    name: 'keeps spaces and commas inside an unquoted value',
    input: 'FOO=BAR BAZ\nLIST=a,b,c\n',
    want: { FOO: 'BAR BAZ', LIST: 'a,b,c' }
  },
  {
    name: 'trims around the name and before the value (flyctl#3002)',
    input: 'FOO = BAR\n',
    want: { FOO: 'BAR' }
  },
  {
    name: 'trims only spaces, not tabs, before the value',
    input: 'FOO=\tBAR\n',
    want: { FOO: '\tBAR' }
  },
  {
    name: 'splits at the first = only',
    input: 'DSN=postgres://u:p@h/db?sslmode=require&x=1\n',
    want: { DSN: 'postgres://u:p@h/db?sslmode=require&x=1' }
  },
  {
    name: 'strips one pair of double quotes',
    input: 'FOO="BAR BAZ"\nNESTED=""inner""\n',
    want: { FOO: 'BAR BAZ', NESTED: '"inner"' }
  },
  {
    name: 'strips one pair of single quotes',
    input: "FOO='BAR BAZ'\n",
    want: { FOO: 'BAR BAZ' }
  },
  {
    name: 'keeps unbalanced or mixed quotes',
    input: 'A="open\nB=close"\nC="mixed\'\nD="\n',
    want: { A: '"open', B: 'close"', C: '"mixed\'', D: '"' }
  },
  {
    name: 'interprets no escapes',
    input: 'A="line\\nbreak"\nB=back\\\\slash\n',
    want: { A: 'line\\nbreak', B: 'back\\\\slash' }
  },
  {
    name: 'allows an empty value',
    input: 'EMPTY=\nQUOTED=""\n',
    want: { EMPTY: '', QUOTED: '' }
  },
  {
    name: 'drops a trailing comment after a quoted value',
    input: 'FOO="BAR BAZ"   # the comment\n',
    want: { FOO: 'BAR BAZ' }
  },
  {
    name: 'drops everything from an unquoted # (a flyctl quirk)',
    input: 'URL=http://example.com/#frag\nCOLOR=#ff0000\n',
    want: { URL: 'http://example.com/', COLOR: '' }
  },
  {
    name: 'keeps a # inside double quotes (odd quote count before it)',
    input: 'PASS="p#ss word"\n',
    want: { PASS: 'p#ss word' }
  },
  {
    name: 'cuts a # inside single quotes (only " count)',
    input: "PASS='p#ss'\n",
    want: { PASS: "'p" }
  },
  {
    name: 'reads a one-line triple-quoted value verbatim',
    input: 'A="""has "quotes" and # and = inside"""\nB=""""""\n',
    want: { A: 'has "quotes" and # and = inside', B: '' }
  },
  {
    name: 'reads multi-line triple-quoted values (flyctl parser_test)',
    input:
      'FOO=BAR\nMULTILINE="""SOMETHING\nANOTHER LINE\n\nENDSHERE"""\nTRAILERENV=what\nFIN="""Here is the end,\nmy only friend"""\n',
    want: {
      FOO: 'BAR',
      MULTILINE: 'SOMETHING\nANOTHER LINE\n\nENDSHERE',
      TRAILERENV: 'what',
      FIN: 'Here is the end,\nmy only friend'
    }
  },
  {
    name: 'keeps # lines, quotes and = raw inside a multi-line value',
    input: 'K="""\n# not a comment\nx="y" # z\n"""\n',
    want: { K: '\n# not a comment\nx="y" # z\n' }
  },
  {
    name: 'reads a PEM block in the triple-quoted form',
    input: `TLS_KEY="""${PEM}"""\n`,
    want: { TLS_KEY: PEM }
  },
  {
    name: 'reads a PEM block with CRLF line endings',
    input: `TLS_KEY="""${PEM.split('\n').join('\r\n')}"""\r\n`,
    want: { TLS_KEY: PEM }
  },
  {
    name: 'reads unicode names and values',
    input: 'GRÜSSE=héllo wörld 👋\nJA="日本語の値"\n',
    want: { GRÜSSE: 'héllo wörld 👋', JA: '日本語の値' }
  },
  {
    name: 'lets a later line win',
    input: 'A=1\nA=2\n',
    want: { A: '2' }
  },
  {
    name: 'drops a multi-line value left open at the end',
    input: 'A=1\nB="""never\nclosed\n',
    want: { A: '1' }
  },
  {
    name: 'gives nothing for empty input',
    input: '',
    want: {}
  },
  {
    name: 'does not skip an indented comment that holds an =',
    input: '  # x=1\n',
    want: { '# x': '1' }
  }
]

describe('parseSecrets', () => {
  for (const c of cases) {
    test(c.name, () => {
      // Act
      const got = parseSecrets(c.input)

      // Assert
      expect(got).toEqual(c.want)
    })
  }

  test('treats a __proto__ name as plain data', () => {
    // Act
    const got = parseSecrets('__proto__=polluted\n')

    // Assert
    expect(Object.keys(got)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('rejects a line without = and names its number, not its text', () => {
    // Arrange
    const input = 'GOOD=1\nsuper-secret-fragment\n'

    // Act
    const act = () => parseSecrets(input)

    // Assert
    expect(act).toThrow(SecretsParseError)
    expect(act).toThrow(
      'Secrets must be provided as NAME=VALUE pairs (line 2 is invalid)'
    )
    try {
      act()
    } catch (e) {
      expect((e as Error).message).not.toContain('super-secret-fragment')
    }
  })

  test('fails on a line longer than Go bufio.Scanner allows', () => {
    // Arrange
    const input = `BIG=${'x'.repeat(MAX_LINE)}\n`

    // Act
    const act = () => parseSecrets(input)

    // Assert
    expect(act).toThrow('bufio.Scanner: token too long')
  })
})
