import { describe, expect, test } from 'vitest'
import { readEvent } from '../../src/core/github-event.js'

const pr = (head: unknown, base = 'acme/web') => ({
  action: 'synchronize',
  number: 7,
  pull_request: {
    number: 7,
    merged: false,
    head: { sha: 'abc123', ref: 'feature', repo: head },
    base: { repo: { full_name: base } }
  }
})

describe('readEvent', () => {
  test('a pull_request from a branch of the same repository', () => {
    expect(readEvent('pull_request', pr({ full_name: 'acme/web' }))).toEqual({
      kind: 'pull_request',
      event: 'pull_request',
      action: 'synchronize',
      number: 7,
      headSha: 'abc123',
      headRef: 'feature',
      fork: false,
      merged: false
    })
  })

  test('a head repository other than the base is a fork; so is a deleted one', () => {
    expect(
      readEvent('pull_request', pr({ full_name: 'mallory/web', fork: true }))
    ).toMatchObject({ fork: true })
    expect(readEvent('pull_request_target', pr(null))).toMatchObject({
      event: 'pull_request_target',
      fork: true
    })
  })

  test('a PR between branches of a repository that is itself a fork is not a fork PR', () => {
    expect(
      readEvent(
        'pull_request',
        pr({ full_name: 'alice/web', fork: true }, 'alice/web')
      )
    ).toMatchObject({ fork: false })
  })

  test('an issue comment on a PR carries its body and the author association', () => {
    expect(
      readEvent('issue_comment', {
        action: 'created',
        issue: { number: 9, pull_request: { url: 'x' } },
        comment: {
          body: '/preview',
          author_association: 'MEMBER',
          user: { login: 'alice' }
        }
      })
    ).toEqual({
      kind: 'issue_comment',
      action: 'created',
      number: 9,
      onPullRequest: true,
      body: '/preview',
      association: 'MEMBER',
      user: 'alice'
    })
  })

  test('any other event, or a payload without its object, is other', () => {
    expect(readEvent('schedule', {})).toEqual({
      kind: 'other',
      name: 'schedule'
    })
    expect(readEvent('pull_request', {})).toEqual({
      kind: 'other',
      name: 'pull_request'
    })
    expect(readEvent('issue_comment', null)).toEqual({
      kind: 'other',
      name: 'issue_comment'
    })
  })
})
