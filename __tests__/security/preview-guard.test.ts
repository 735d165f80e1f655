import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../src/core/errors.js'
import { KEY } from '../../src/core/metadata.js'
import {
  MAX_APP_NAME,
  previewAppName,
  tryPreviewAppName
} from '../../src/core/preview.js'
import type { MachineView } from '../../src/core/types.js'
import { previewTagProblem } from '../../src/orchestrator/sweep.js'

/**
 * SECURITY.md "Preview app names": a preview can never be steered into an
 * app that is not this PR's preview. Two guards: the name (always carrying
 * the PR number, one name per PR under a given template and repository) and,
 * for an app that already exists, its machines' `flyrollout_preview` tag,
 * checked before anything is updated or deleted (src/action/preview.ts
 * ensureApp / destroyPreview; end to end in __tests__/action/preview.test.ts
 * "an app of the preview name that is not this PR's preview is never touched").
 */

/** Templates as a workflow author might write them, hostile ones included. */
const template = fc.oneof(
  fc.constant(undefined),
  fc
    .tuple(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('{pr}', '{ pr }', '{PR}'),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '{repo}', '{owner}', '-{repo}-{owner}')
    )
    .map((p) => p.join('')),
  fc.constantFrom(
    '{repo}{pr}',
    '{pr}',
    '{owner}-{repo}-{pr}',
    'preview-{pr}-{repo}',
    '{repo}-pr-{pr}-{pr}'
  )
)
/** Repository names: real-looking, unicode, dashes and numbers that mimic a PR token, very long. */
const repo = fc
  .tuple(
    fc.oneof(fc.constantFrom('acme', 'x', 'ACME-corp'), fc.string()),
    fc.oneof(
      fc.constantFrom('web', 'web-pr-8', 'pr-8', '8', 'Web_App', 'ünï-cødé'),
      fc.string({ maxLength: 90 }),
      fc.stringMatching(/^[a-z0-9-]{1,90}$/)
    )
  )
  .map(([o, n]) => `${o}/${n}`)
const pr = fc.integer({ min: 1, max: 9_999_999_999 })

describe('preview app names', () => {
  test('under one template and repository, two PRs never share an app', () => {
    let named = 0
    fc.assert(
      fc.property(template, repo, pr, pr, (t, r, a, b) => {
        fc.pre(a !== b)
        const x = tryPreviewAppName({ template: t, repo: r, pr: a })
        const y = tryPreviewAppName({ template: t, repo: r, pr: b })
        if (x === undefined || y === undefined) return
        named++
        expect(x).not.toBe(y)
        expect(x.length).toBeLessThanOrEqual(MAX_APP_NAME)
        expect(x.split('-')).toContain(String(a))
      }),
      { numRuns: 2_000 }
    )
    // Most cases name an app: the property is not vacuous.
    expect(named).toBeGreaterThan(1_000)
  })

  test('a template without {pr} never names an app, whatever else it holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), repo, pr, (t, r, n) => {
        fc.pre(!/\{\s*pr\s*\}/i.test(t))
        expect(() => previewAppName({ template: t, repo: r, pr: n })).toThrow(
          InputError
        )
      }),
      { numRuns: 1_000 }
    )
  })

  test.each([
    0,
    -7,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '07',
    '+7',
    '7e0',
    '0x7',
    '7.0',
    '٧',
    '７',
    '7-8',
    '7\u200b',
    '7 && 8',
    '',
    '12345678901'
  ])('PR number %j is refused, not coerced', (n) => {
    expect(() => previewAppName({ repo: 'acme/web', pr: n })).toThrow(
      InputError
    )
  })

  test('a PR number keeps its own token: a repository named like another PR cannot take its name', () => {
    // acme/web-pr-8's PR 1 is not acme/web's PR 8, nor PR 8 of any repository under this template.
    const mimic = previewAppName({ repo: 'acme/web-pr-8', pr: 1 })
    expect(mimic).toBe('web-pr-8-pr-1')
    expect(mimic).not.toBe(previewAppName({ repo: 'acme/web', pr: 8 }))
    expect(mimic.endsWith('-1')).toBe(true)
  })
})

function machine(tag: string | undefined, id = 'm1'): MachineView {
  return {
    id,
    name: id,
    region: 'sjc',
    state: 'started',
    version: 'v1',
    imageDigest: 'sha256:0',
    config: {
      image: 'x',
      metadata: tag === undefined ? {} : { [KEY.preview]: tag }
    },
    configIncomplete: false,
    hostStatus: 'ok',
    cordoned: false,
    checks: [],
    events: []
  }
}

describe('the preview tag check', () => {
  const ours = 'acme/web#7'

  test('machines tagged exactly with this repository and PR are this preview', () => {
    expect(
      previewTagProblem([machine(ours), machine(ours, 'm2')], 7, 'acme/web')
    ).toBeUndefined()
  })

  test.each([
    ['another PR', 'acme/web#77'],
    ['a PR sharing a suffix', 'acme/web#17'],
    ['another repository of the same name', 'mallory/web#7'],
    ['another case', 'ACME/web#7'],
    ['trailing space', 'acme/web#7 '],
    ['trailing text', 'acme/web#7x'],
    ['an empty tag', '']
  ])('a machine tagged for %s is not', (_, tag) => {
    expect(previewTagProblem([machine(tag)], 7, 'acme/web')).toMatch(
      /another preview tag/
    )
  })

  test('one foreign machine among ours is enough to refuse', () => {
    expect(
      previewTagProblem(
        [machine(ours), machine('acme/web#8', 'm2')],
        7,
        'acme/web'
      )
    ).toMatch(/acme\/web#8/)
  })

  test('machines without the tag were not made as a preview', () => {
    expect(previewTagProblem([machine(undefined)], 7, 'acme/web')).toMatch(
      /no machine carries/
    )
  })

  test('any tag but the exact one is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (tag) => {
        fc.pre(tag !== ours)
        expect(previewTagProblem([machine(tag)], 7, 'acme/web')).toBeDefined()
      }),
      { numRuns: 1_000 }
    )
  })

  test('limit: an app with no machines is judged by its name alone (SECURITY.md)', () => {
    expect(previewTagProblem([], 7, 'acme/web')).toBeUndefined()
  })
})
