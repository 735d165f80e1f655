import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../src/core/errors.js'
import {
  commentMarker,
  isPreviewAppName,
  MAX_APP_NAME,
  previewAppName,
  previewEnvironment,
  prNumberOf,
  renderPreviewComment,
  tryPreviewAppName,
  type PreviewCommentInput,
  type PreviewNameInput
} from '../../src/core/preview.js'
import type { ReportOutcome } from '../../src/core/report.js'
import { sha256Hex } from '../../src/core/sha256.js'

const FLY_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/
const A70 = 'a'.repeat(70)
const hash8 = (s: string) => sha256Hex(s).slice(0, 8)

describe('previewAppName', () => {
  const cases: Array<{ name: string; in: PreviewNameInput; want: string }> = [
    {
      name: 'default template',
      in: { repo: 'acme/web', pr: 7 },
      want: 'web-pr-7'
    },
    {
      name: 'lowercases, and turns _ and . into -',
      in: { repo: 'acme/Web_App.JS', pr: 7 },
      want: 'web-app-js-pr-7'
    },
    {
      name: 'owner and repo placeholders',
      in: { repo: 'acme/web', pr: 7, template: 'pr-{pr}-{owner}-{repo}' },
      want: 'pr-7-acme-web'
    },
    {
      name: 'explicit owner wins',
      in: { repo: 'acme/web', owner: 'Other', pr: 7, template: '{owner}-{pr}' },
      want: 'other-7'
    },
    {
      name: '{pr} stands as its own token',
      in: { repo: 'acme/web', pr: 7, template: 'preview{pr}x' },
      want: 'preview-7-x'
    },
    {
      name: 'placeholder names ignore case; doubled dashes collapse',
      in: { repo: 'acme/web', pr: 7, template: '--{REPO}--PR--{Pr}--' },
      want: 'web-pr-7'
    },
    {
      name: 'spaces and capitals in the template',
      in: { repo: 'acme/web', pr: 12, template: 'My App {pr}' },
      want: 'my-app-12'
    },
    {
      name: 'a PR number as a string',
      in: { repo: 'acme/web', pr: ' 42 ' },
      want: 'web-pr-42'
    },
    {
      name: 'a repository value is never read as a placeholder',
      in: { repo: 'acme/{pr}', pr: 7 },
      want: 'pr-pr-7'
    },
    {
      name: 'path tricks in the repository are only characters',
      in: { repo: 'acme/../../etc', pr: 7 },
      want: 'etc-pr-7'
    },
    {
      name: 'non-ASCII is dropped',
      in: { repo: 'acme/café', pr: 7 },
      want: 'caf-pr-7'
    },
    {
      name: 'HTML and shell in the repository',
      in: { repo: 'acme/<img src=x>;rm -rf /', pr: 3 },
      want: 'img-src-x-rm-rf-pr-3'
    },
    {
      name: 'exactly 63 characters is kept',
      in: { repo: `acme/${'b'.repeat(58)}`, pr: 7 },
      want: `${'b'.repeat(58)}-pr-7`
    },
    {
      name: 'over 63: head of the rest, pr-<n>, hash of the full name',
      in: { repo: `acme/${A70}`, pr: 7 },
      want: `${'a'.repeat(49)}-pr-7-${hash8(`${A70}-pr-7`)}`
    },
    {
      name: 'over 63 by one',
      in: { repo: `acme/${'b'.repeat(59)}`, pr: 7 },
      want: `${'b'.repeat(49)}-pr-7-${hash8(`${'b'.repeat(59)}-pr-7`)}`
    },
    {
      name: 'over 63 with the PR first keeps it first',
      in: { repo: `acme/${A70}`, pr: 7, template: 'pr-{pr}-{repo}' },
      want: `pr-7-${'a'.repeat(49)}-${hash8(`pr-7-${A70}`)}`
    },
    {
      name: 'over 63 without a `pr` word gains pr-<n>',
      in: { repo: `acme/${A70}`, pr: 7, template: '{repo}-preview-{pr}' },
      want: `${'a'.repeat(49)}-pr-7-${hash8(`${A70}-preview-7`)}`
    },
    {
      name: 'over 63 with a ten-digit PR',
      in: { repo: `acme/${A70}`, pr: 1234567890 },
      want: `${'a'.repeat(40)}-pr-1234567890-${hash8(`${A70}-pr-1234567890`)}`
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      const got = previewAppName(c.in)
      expect(got).toBe(c.want)
      expect(got).toMatch(FLY_NAME)
      expect(got.length).toBeLessThanOrEqual(MAX_APP_NAME)
    })
  }

  const bad: Array<{ name: string; in: PreviewNameInput; problem: RegExp }> = [
    {
      name: 'a template without {pr}',
      in: { repo: 'acme/web', pr: 7, template: 'web' },
      problem: /must contain \{pr\}/
    },
    {
      name: 'an empty template',
      in: { repo: 'acme/web', pr: 7, template: '' },
      problem: /must contain \{pr\}/
    },
    {
      name: 'an unknown placeholder',
      in: { repo: 'acme/web', pr: 7, template: '{repo}-{prr}' },
      problem: /unknown placeholder \{prr\}/
    },
    {
      name: 'a prototype key as placeholder',
      in: { repo: 'acme/web', pr: 7, template: '{constructor}-{pr}' },
      problem: /unknown placeholder/
    },
    {
      name: 'a stray brace',
      in: { repo: 'acme/web', pr: 7, template: '{repo}-pr-{pr' },
      problem: /stray brace|must contain/
    },
    {
      name: 'nested braces',
      in: { repo: 'acme/web', pr: 7, template: '{{pr}}' },
      problem: /stray brace/
    },
    {
      name: 'PR 0',
      in: { repo: 'acme/web', pr: 0 },
      problem: /not a positive integer/
    },
    {
      name: 'PR -1',
      in: { repo: 'acme/web', pr: -1 },
      problem: /not a positive integer/
    },
    {
      name: 'PR 1.5',
      in: { repo: 'acme/web', pr: 1.5 },
      problem: /not a positive integer/
    },
    {
      name: 'PR NaN',
      in: { repo: 'acme/web', pr: NaN },
      problem: /not a positive integer/
    },
    {
      name: 'PR "007"',
      in: { repo: 'acme/web', pr: '007' },
      problem: /not a positive integer/
    },
    {
      name: 'PR "7; rm"',
      in: { repo: 'acme/web', pr: '7; rm' },
      problem: /not a positive integer/
    },
    {
      name: 'PR with 11 digits',
      in: { repo: 'acme/web', pr: 12345678901 },
      problem: /not a positive integer/
    },
    {
      name: 'an empty repository name under {repo}',
      in: { repo: 'acme/', pr: 7 },
      problem: /\{repo\} is empty/
    },
    {
      name: 'a repository name of symbols only',
      in: { repo: 'acme/___', pr: 7 },
      problem: /\{repo\} is empty/
    }
  ]
  for (const c of bad) {
    test(`refuses ${c.name}`, () => {
      let error: unknown
      try {
        previewAppName(c.in)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(InputError)
      expect((error as InputError).problems.join('\n')).toMatch(c.problem)
      expect(tryPreviewAppName(c.in)).toBeUndefined()
    })
  }

  test('lists every problem at once', () => {
    const e = (() => {
      try {
        previewAppName({ repo: 'acme/web', pr: 0, template: '{x}' })
      } catch (err) {
        return err as InputError
      }
    })()
    expect(e?.problems).toHaveLength(3)
  })

  test('any input gives a valid Fly name carrying the PR number, or an InputError', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.string({ maxLength: 40 }),
        fc.oneof(
          fc.constant(undefined),
          fc.string({ maxLength: 80 }),
          fc
            .tuple(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }))
            .map(([a, b]) => `${a}{pr}${b}`)
        ),
        fc.integer({ min: 1, max: 9_999_999_999 }),
        (name, owner, template, pr) => {
          const input = { repo: `${owner}/${name}`, pr, template }
          let got: string
          try {
            got = previewAppName(input)
          } catch (e) {
            expect(e).toBeInstanceOf(InputError)
            return
          }
          expect(got).toMatch(FLY_NAME)
          expect(got.length).toBeLessThanOrEqual(MAX_APP_NAME)
          expect(got.split('-')).toContain(String(pr))
          expect(prNumberOf(got, template, input.repo)).toBe(pr)
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe('prNumberOf and isPreviewAppName', () => {
  const long = previewAppName({ repo: `acme/${A70}`, pr: 7 })
  const cases: Array<{
    name: string
    app: string
    template?: string
    repo?: string
    want: number | undefined
  }> = [
    { name: 'a preview', app: 'web-pr-7', want: 7 },
    { name: 'a big PR', app: 'web-pr-1234567890', want: 1234567890 },
    { name: 'a leading zero', app: 'web-pr-07', want: undefined },
    { name: 'the production app', app: 'web', want: undefined },
    { name: 'another repository', app: 'api-pr-7', want: undefined },
    { name: 'extra text after', app: 'web-pr-7-old', want: undefined },
    { name: 'uppercase', app: 'WEB-PR-7', want: undefined },
    { name: 'a hashed long name', app: long, repo: `acme/${A70}`, want: 7 },
    {
      name: 'a hashed long name with a wrong hash',
      app: long.replace(/-[0-9a-f]{8}$/, '-00000000'),
      repo: `acme/${A70}`,
      want: undefined
    },
    {
      name: 'a hashed name for the wrong PR',
      app: long.replace('-pr-7-', '-pr-8-'),
      repo: `acme/${A70}`,
      want: undefined
    },
    {
      name: 'digits in the template are not the PR',
      app: 'app-42-7',
      template: 'app-42-{pr}',
      want: 7
    },
    {
      name: 'a template without {pr} matches nothing',
      app: 'web',
      template: 'web',
      want: undefined
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      const template = c.template ?? '{repo}-pr-{pr}'
      const repo = c.repo ?? 'acme/web'
      expect(prNumberOf(c.app, template, repo)).toBe(c.want)
      expect(isPreviewAppName(c.app, template, repo)).toBe(c.want !== undefined)
    })
  }
})

describe('previewEnvironment', () => {
  test('one environment per PR', () => {
    expect(previewEnvironment(7)).toBe('pr-7')
    expect(previewEnvironment('12')).toBe('pr-12')
  })
  test('refuses a bad PR number', () => {
    expect(() => previewEnvironment('x')).toThrow(InputError)
    expect(() => previewEnvironment(0)).toThrow(InputError)
  })
})

describe('commentMarker', () => {
  test('is a hidden comment with 16 hex of the sha256 of the app', () => {
    expect(commentMarker('web-pr-7')).toBe(
      `<!-- fly-rollout:preview:${sha256Hex('web-pr-7').slice(0, 16)} -->`
    )
  })
  test('two apps get two markers', () => {
    expect(commentMarker('web-pr-7')).not.toBe(commentMarker('api-pr-7'))
  })
  test('a hostile app name never reaches the HTML', () => {
    const m = commentMarker('x --> <script>alert(1)</script>')
    expect(m).toMatch(/^<!-- fly-rollout:preview:[0-9a-f]{16} -->$/)
  })
})

describe('renderPreviewComment', () => {
  const SHA = '0123456789abcdef0123456789abcdef01234567'
  const IMAGE = 'registry.fly.io/web-pr-7@sha256:' + 'c'.repeat(64)
  const base: PreviewCommentInput = {
    app: 'web-pr-7',
    state: 'ready',
    url: 'https://web-pr-7.fly.dev',
    image: IMAGE,
    commit: SHA,
    logUrl: 'https://github.com/acme/web/actions/runs/42'
  }

  test('starts with the marker, then the state and the facts', () => {
    const md = renderPreviewComment(base)
    const lines = md.split('\n')
    expect(lines[0]).toBe(commentMarker('web-pr-7'))
    expect(lines[1]).toBe('### ✅ Preview ready: `web-pr-7`')
    expect(md).toContain('- **URL:** <https://web-pr-7.fly.dev>')
    expect(md).toContain(`- **Image:** \`${IMAGE}\``)
    expect(md).toContain('- **Commit:** `0123456`')
    expect(md).toContain(
      '- **Run:** [logs](https://github.com/acme/web/actions/runs/42)'
    )
    expect(md.endsWith('\n')).toBe(true)
  })

  const states = [
    { state: 'deploying', heading: '⏳ Preview deploying' },
    { state: 'ready', heading: '✅ Preview ready' },
    { state: 'failed', heading: '❌ Preview failed' },
    { state: 'destroyed', heading: '🗑️ Preview destroyed' }
  ] as const
  for (const s of states) {
    test(`heads a ${s.state} preview with "${s.heading}"`, () => {
      expect(renderPreviewComment({ ...base, state: s.state })).toContain(
        `### ${s.heading}:`
      )
    })
  }

  test('a destroyed preview no longer links its URL', () => {
    const md = renderPreviewComment({ ...base, state: 'destroyed' })
    expect(md).toContain('- **URL:** `https://web-pr-7.fly.dev`')
    expect(md).toContain('destroyed')
  })

  test('shows a digest the image does not carry', () => {
    const md = renderPreviewComment({
      ...base,
      image: 'registry.fly.io/web:pr-7',
      digest: 'sha256:' + 'd'.repeat(64)
    })
    expect(md).toContain(
      `- **Image:** \`registry.fly.io/web:pr-7\` (\`sha256:${'d'.repeat(64)}\`)`
    )
  })

  test('the health figures table', () => {
    const md = renderPreviewComment({
      ...base,
      figures: [
        {
          path: '/health|<b>',
          canary: {
            n: 120,
            errors: 1,
            errorRate: 1 / 120,
            p50Ms: 12.4,
            p95Ms: 40,
            p99Ms: 91.6
          },
          identity: 'verified'
        }
      ]
    })
    expect(md).toContain('#### Health')
    expect(md).toContain(
      '| Probe | Requests | Errors | Error rate | p50 | p95 | p99 | Identity |'
    )
    expect(md).toMatch(
      /\| \/health\\\|&lt;b&gt; \| 120 \| 1 \| [^|]+ \| 12 ms \| 40 ms \| 92 ms \| verified \|/
    )
  })

  test('the result, its duration and its reason fenced', () => {
    const outcome: Pick<
      ReportOutcome,
      'result' | 'reason' | 'startedAt' | 'endedAt'
    > = {
      result: 'rolled-back',
      reason: 'probe failed\n```\n## injected heading\n<script>x</script>',
      startedAt: 0,
      endedAt: 90_000
    }
    const md = renderPreviewComment({ ...base, state: 'failed', outcome })
    expect(md).toContain('#### Result')
    expect(md).toMatch(/\*\*Rolled back\*\* after 1m ?30s\./)
    // The reason's own ``` cannot close the fence around it.
    expect(md).toContain('````text\nprobe failed\n```\n## injected heading')
    expect(md).toContain('<script>x</script>\n````')
  })

  test('a long reason keeps its tail', () => {
    const reason = 'head-' + 'x'.repeat(10_000) + '-tail'
    const md = renderPreviewComment({
      ...base,
      outcome: { result: 'failed', reason }
    })
    expect(md).toContain('-tail')
    expect(md).not.toContain('head-')
  })

  test('the plan summary is collapsed and fenced', () => {
    const md = renderPreviewComment({
      ...base,
      state: 'deploying',
      planSummary: 'Wave 1 · canary\n  ~ m1 ```x```'
    })
    expect(md).toContain(
      '<details><summary>Plan</summary>\n\n````text\nWave 1 · canary\n  ~ m1 ```x```\n````\n\n</details>'
    )
  })

  test('a hostile app name stays inside a code span', () => {
    const app = 'x` <img src=x onerror=alert(1)> `y'
    const md = renderPreviewComment({ ...base, app })
    expect(md.split('\n')[1]).toBe(
      '### ✅ Preview ready: ``x` <img src=x onerror=alert(1)> `y``'
    )
  })

  test('a URL that is not plain http(s) is not linked', () => {
    const md = renderPreviewComment({ ...base, url: 'javascript:alert(1)' })
    expect(md).toContain('- **URL:** javascript:alert(1)')
    expect(md).not.toContain('<javascript:')
    const md2 = renderPreviewComment({
      ...base,
      url: 'https://x.fly.dev/<script>',
      logUrl: 'https://x/y)](javascript:alert(1)'
    })
    expect(md2).toContain('- **URL:** https://x.fly.dev/&lt;script&gt;')
    expect(md2).not.toContain('**Run:**')
  })

  test('a commit that is not a sha is shown whole, in code', () => {
    const md = renderPreviewComment({ ...base, commit: 'main|`x`' })
    expect(md).toContain('- **Commit:** `` main|`x` ``')
  })

  test('with nothing else known it names the app', () => {
    const md = renderPreviewComment({ app: 'web-pr-7', state: 'deploying' })
    expect(md).toContain('- **App:** `web-pr-7`')
  })
})
