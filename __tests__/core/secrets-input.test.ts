import { describe, expect, test } from 'vitest'
import {
  parseSecretsInput,
  secretDigest,
  type SecretEntry
} from '../../src/core/secrets-input.js'
import { createLeakScanner } from '../helpers/leak-scanner.js'

const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
  '-----END PRIVATE KEY-----'
].join('\n')

interface LineCase {
  name: string
  text: string
  want: SecretEntry[]
}

const lineCases: LineCase[] = [
  {
    name: 'spaces stay in the value',
    text: 'A=hello big world',
    want: [{ name: 'A', value: 'hello big world' }]
  },
  {
    name: '"=" after the first one belongs to the value',
    text: 'DSN=postgres://u:p@h/db?sslmode=require&x==',
    want: [{ name: 'DSN', value: 'postgres://u:p@h/db?sslmode=require&x==' }]
  },
  {
    name: 'one pair of double quotes is stripped',
    text: 'A="quoted value"',
    want: [{ name: 'A', value: 'quoted value' }]
  },
  {
    name: 'one pair of single quotes is stripped',
    text: "A='it is'",
    want: [{ name: 'A', value: 'it is' }]
  },
  {
    name: 'quotes of the other kind inside are kept',
    text: `A='say "hi"'\nB="it's"`,
    want: [
      { name: 'A', value: 'say "hi"' },
      { name: 'B', value: "it's" }
    ]
  },
  {
    name: 'quotes inside an unquoted value are kept',
    text: 'A=say "hi" now',
    want: [{ name: 'A', value: 'say "hi" now' }]
  },
  {
    name: 'no escapes are interpreted',
    text: 'A="a\\nb\\"c"',
    want: [{ name: 'A', value: 'a\\nb\\"c' }]
  },
  {
    name: 'a lone quote is the value',
    text: 'A="',
    want: [{ name: 'A', value: '"' }]
  },
  {
    name: '"#" is part of the value, not a comment',
    text: 'A=abc # def\nB=http://x/#frag\nC="x#y"',
    want: [
      { name: 'A', value: 'abc # def' },
      { name: 'B', value: 'http://x/#frag' },
      { name: 'C', value: 'x#y' }
    ]
  },
  {
    name: 'blank lines and comment lines are skipped',
    text: '\n# a comment\n   \n  # indented comment\nA=1\n\n',
    want: [{ name: 'A', value: '1' }]
  },
  {
    name: 'trailing spaces inside quotes survive',
    text: 'A="  padded  "',
    want: [{ name: 'A', value: '  padded  ' }]
  },
  {
    name: 'trailing spaces of an unquoted value survive',
    text: 'A=x  ',
    want: [{ name: 'A', value: 'x  ' }]
  },
  {
    name: 'whitespace after a closing quote is syntax',
    text: 'A="x" \t',
    want: [{ name: 'A', value: 'x' }]
  },
  {
    name: 'an indented name is allowed',
    text: '  A=1',
    want: [{ name: 'A', value: '1' }]
  },
  {
    name: 'an explicitly empty value',
    text: `A=""\nB=''`,
    want: [
      { name: 'A', value: '' },
      { name: 'B', value: '' }
    ]
  },
  {
    name: 'unicode names nothing special',
    text: 'A=héllo wörld ✓ 日本 🚀',
    want: [{ name: 'A', value: 'héllo wörld ✓ 日本 🚀' }]
  },
  {
    name: 'CRLF line ends are dropped',
    text: 'A=1\r\nB="two words"\r\n',
    want: [
      { name: 'A', value: '1' },
      { name: 'B', value: 'two words' }
    ]
  },
  {
    name: 'triple quotes on one line',
    text: 'A="""x "y" z"""',
    want: [{ name: 'A', value: 'x "y" z' }]
  },
  {
    name: 'empty triple quotes',
    text: 'A=""""""',
    want: [{ name: 'A', value: '' }]
  },
  {
    name: 'a PEM block over many lines',
    text: `KEY="""${PEM}"""\nNEXT=1`,
    want: [
      { name: 'KEY', value: PEM },
      { name: 'NEXT', value: '1' }
    ]
  },
  {
    name: 'a PEM block with CRLF line ends comes back with \\n',
    text: `KEY="""${PEM}"""\n`.replace(/\n/g, '\r\n'),
    want: [{ name: 'KEY', value: PEM }]
  },
  {
    name: 'an opener alone on its line starts with an empty line (as flyctl)',
    text: 'A="""\nx\ny"""',
    want: [{ name: 'A', value: '\nx\ny' }]
  },
  {
    name: 'inside triple quotes, blank, "#" and "=" lines are content',
    text: 'A="""first\n\n# not a comment\nk=v\n  indented  \nlast"""',
    want: [
      {
        name: 'A',
        value: 'first\n\n# not a comment\nk=v\n  indented  \nlast'
      }
    ]
  },
  {
    name: 'whitespace after the closing triple quote is syntax',
    text: 'A="""x\ny"""  ',
    want: [{ name: 'A', value: 'x\ny' }]
  },
  {
    name: 'a byte-order mark is dropped',
    text: '\uFEFFA=1',
    want: [{ name: 'A', value: '1' }]
  },
  {
    name: 'underscores and digits in names',
    text: '_A1=1\nB_2_C=2',
    want: [
      { name: '_A1', value: '1' },
      { name: 'B_2_C', value: '2' }
    ]
  }
]

interface ProblemCase {
  name: string
  text: string
  include?: string[]
  want: RegExp[]
  entries?: string[]
}

const problemCases: ProblemCase[] = [
  {
    name: 'a line without "="',
    text: 'A=1\nsecret-looking-text',
    want: [/line 2: expected NAME=VALUE/],
    entries: ['A']
  },
  {
    name: 'a name starting with a digit',
    text: '1A=val-one',
    want: [/line 1: the text before "=" is not a secret name/]
  },
  {
    name: 'a name with a dash',
    text: 'MY-KEY=val-one',
    want: [/line 1: the text before "=" is not a secret name/]
  },
  {
    name: 'spaces around "="',
    text: 'A = val-one',
    want: [/line 1: .*no spaces around "="/]
  },
  {
    name: 'a stray line of an unquoted multi-line value',
    text: 'KEY=-----BEGIN\nMIIEv/QIBADANBgkq+hkiG9w0B=AQEF\n-----END',
    want: [
      /line 2: the text before "=" is not a secret name/,
      /line 3: expected NAME=VALUE/
    ],
    entries: ['KEY']
  },
  {
    name: 'a duplicate name',
    text: 'A=first-val\n\nA=second-val',
    want: [/line 3: A is already set on line 1/],
    entries: ['A']
  },
  {
    name: 'a duplicate of a multi-line value',
    text: 'A="""x\ny"""\nA=other-val',
    want: [/line 3: A is already set on line 1/],
    entries: ['A']
  },
  {
    name: 'an empty unquoted value (an unset secret expanded)',
    text: 'DB_URL=',
    want: [/line 1: DB_URL has no value .*DB_URL="" for an empty value/]
  },
  {
    name: 'an unclosed triple quote',
    text: 'A=1\nKEY="""-----BEGIN\nbody-line\n',
    want: [/line 2: KEY="""… is never closed/],
    entries: ['A']
  },
  {
    name: 'every problem is reported at once',
    text: 'bad line\n2X=val-one\nA=val-two\nA=val-three\nB=',
    want: [/line 1:/, /line 2:/, /line 4:/, /line 5:/],
    entries: ['A']
  }
]

describe('parseSecretsInput: NAME=VALUE lines', () => {
  test.each(lineCases)('$name', ({ text, want }) => {
    const got = parseSecretsInput(text, [])
    expect(got.problems).toEqual([])
    expect(got.entries).toEqual(want)
  })

  test('blank input holds nothing', () => {
    expect(parseSecretsInput('', [])).toEqual({ entries: [], problems: [] })
    expect(parseSecretsInput(' \n\t\n', ['A'])).toEqual({
      entries: [],
      problems: []
    })
  })

  test('GITHUB_TOKEN written as a line is taken: the line names it', () => {
    const got = parseSecretsInput('GITHUB_TOKEN=ghs_abcdef', [])
    expect(got.entries).toEqual([{ name: 'GITHUB_TOKEN', value: 'ghs_abcdef' }])
  })
})

describe('parseSecretsInput: problems', () => {
  test.each(problemCases)(
    '$name',
    ({ text, include = [], want, entries = [] }) => {
      const got = parseSecretsInput(text, include)
      expect(got.problems).toHaveLength(want.length)
      want.forEach((re, i) => expect(got.problems[i]).toMatch(re))
      expect(got.entries.map((e) => e.name)).toEqual(entries)
    }
  )

  test('problems never contain a value or a piece of an unparsable line', () => {
    // Arrange: every value-like text below is 4+ characters.
    const pieces = [
      'val-one',
      'val-two',
      'val-three',
      'secret-looking-text',
      'MIIEv/QIBADANBgkq+hkiG9w0B',
      'AQEF',
      '-----BEGIN',
      '-----END',
      'body-line',
      'first-val',
      'second-val',
      'other-val'
    ]
    const scanner = createLeakScanner(pieces)

    // Act
    for (const c of problemCases) {
      scanner.scan(c.name, parseSecretsInput(c.text, []).problems.join('\n'))
    }

    // Assert
    scanner.assertClean()
  })
})

describe('parseSecretsInput: JSON', () => {
  const json = JSON.stringify({
    github_token: 'ghs_runner_token',
    FLY_API_TOKEN: 'fo1_fly_token',
    GITHUB_TOKEN: 'ghs_other_token',
    DB_URL: 'postgres://u:p w@h/db',
    DB_PASSWORD: 'pa ss "word"\nline2',
    APP_KEY: PEM,
    OTHER: 'not-taken'
  })

  test.each([
    {
      name: 'an exact name',
      include: ['DB_URL'],
      want: ['DB_URL']
    },
    {
      name: 'a PREFIX_* pattern, sorted by name',
      include: ['DB_*'],
      want: ['DB_PASSWORD', 'DB_URL']
    },
    {
      name: 'names and patterns together, blanks ignored',
      include: [' APP_KEY ', '', 'DB_*'],
      want: ['APP_KEY', 'DB_PASSWORD', 'DB_URL']
    },
    {
      name: 'a pattern never takes GITHUB_TOKEN, github_token or FLY_API_TOKEN',
      include: ['G*', 'g*', 'FLY_*', 'DB_URL'],
      problems: [
        /G\* matches no secret/,
        /g\* matches no secret/,
        /FLY_\* matches/
      ],
      want: ['DB_URL']
    },
    {
      name: 'an exact name takes a protected one',
      include: ['github_token', 'FLY_API_TOKEN'],
      want: ['FLY_API_TOKEN', 'github_token']
    }
  ])('$name', ({ include, want, problems = [] }) => {
    const got = parseSecretsInput(json, include)
    expect(got.entries.map((e) => e.name)).toEqual(want)
    expect(got.problems).toHaveLength(problems.length)
    problems.forEach((re, i) => expect(got.problems[i]).toMatch(re))
  })

  test('values come back exactly', () => {
    const got = parseSecretsInput(json, ['DB_*', 'APP_KEY'])
    expect(
      Object.fromEntries(got.entries.map((e) => [e.name, e.value]))
    ).toEqual({
      APP_KEY: PEM,
      DB_PASSWORD: 'pa ss "word"\nline2',
      DB_URL: 'postgres://u:p w@h/db'
    })
  })

  test('with secrets-include empty, nothing is taken and a problem says to set it', () => {
    const got = parseSecretsInput(json, [])
    expect(got.entries).toEqual([])
    expect(got.problems).toEqual([
      expect.stringMatching(/secrets-include is empty: set it/)
    ])
  })

  test('surrounding whitespace is fine', () => {
    const got = parseSecretsInput(`\n  ${json}\n`, ['DB_URL'])
    expect(got.entries.map((e) => e.name)).toEqual(['DB_URL'])
  })

  test.each([
    {
      name: 'a named secret missing from the JSON',
      include: ['MISSING'],
      want: /MISSING is not in the secrets JSON/
    },
    {
      name: 'a name differing only in case',
      include: ['GITHUB_token'],
      want: /GITHUB_token is not in the secrets JSON.*the JSON has GITHUB_TOKEN: names are case-sensitive/
    },
    {
      name: 'a pattern matching nothing',
      include: ['NOPE_*'],
      want: /NOPE_\* matches no secret/
    },
    {
      name: 'a malformed include entry',
      include: ['DB URL'],
      want: /"DB URL" is not a NAME or PREFIX_\* pattern/
    }
  ])('$name is a problem', ({ include, want }) => {
    const got = parseSecretsInput(json, include)
    expect(got.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(want)])
    )
  })

  test('non-string and empty values are problems naming the secret', () => {
    const got = parseSecretsInput(
      JSON.stringify({
        A_NUM: 42,
        A_NULL: null,
        A_OBJ: { v: 1 },
        A_EMPTY: '',
        A_OK: 'fine'
      }),
      ['A_*']
    )
    expect(got.entries).toEqual([{ name: 'A_OK', value: 'fine' }])
    expect(got.problems).toEqual([
      'input secrets: A_EMPTY in the JSON is empty',
      'input secrets: A_NULL in the JSON is not a string',
      'input secrets: A_NUM in the JSON is not a string',
      'input secrets: A_OBJ in the JSON is not a string'
    ])
  })

  test('a JSON key that is no secret name is a problem, if selected', () => {
    const got = parseSecretsInput(JSON.stringify({ 'A-B': 'x1234' }), ['A*'])
    expect(got.entries).toEqual([])
    expect(got.problems).toEqual([
      'input secrets: the JSON key "A-B" is not a valid secret name'
    ])
  })

  test.each([
    { name: 'JSON followed by lines', text: `${json}\nEXTRA=val-extra` },
    { name: 'broken JSON', text: '{"DB_URL": "val-broken' },
    { name: 'a JSON array', text: '["val-arr"]' }
  ])('$name is one problem, quoting nothing', ({ text }) => {
    const got = parseSecretsInput(text, ['DB_*'])
    expect(got.entries).toEqual([])
    expect(got.problems).toHaveLength(1)
    const scanner = createLeakScanner([
      'val-extra',
      'val-broken',
      'val-arr',
      'postgres://u:p w@h/db',
      'pa ss "word"\nline2',
      PEM
    ])
    scanner.scan('problems', got.problems.join('\n'))
    scanner.assertClean()
  })

  test('the JSON problems never contain a value', () => {
    const scanner = createLeakScanner([
      'ghs_runner_token',
      'fo1_fly_token',
      'ghs_other_token',
      'not-taken'
    ])
    for (const include of [[], ['G*', 'FLY_*'], ['MISSING', 'GITHUB_token']]) {
      scanner.scan(
        include.join(','),
        parseSecretsInput(json, include).problems.join('\n')
      )
    }
    scanner.assertClean()
  })
})

describe('secretDigest', () => {
  test.each([
    { value: '', want: 'e3b0c44298fc1c14' },
    { value: 'abc', want: 'ba7816bf8f01cfea' },
    // flysim's digest of the same value ([sim choice]: 16 hex of sha256).
    { value: 'hunter2', want: 'f52fbd32b2b3b86f' }
  ])('$value → $want', ({ value, want }) => {
    expect(secretDigest(value)).toBe(want)
  })
})
