import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { expect, test } from 'vitest'
import { VERSION } from '../src/lib/version.js'

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))

test('the library reports the package version', () => {
  expect(VERSION).toBe(pkg.version)
})

test('action.yml runs the committed bundles on node24 with an always-on post step', () => {
  const action = parse(readFileSync('action.yml', 'utf8'))
  expect(action.runs).toEqual({
    using: 'node24',
    main: 'dist/index.js',
    post: 'dist/post.js',
    'post-if': 'always()'
  })
})

test('the package exposes the CLI, the library and the simulator subpath', () => {
  expect(pkg.type).toBe('module')
  expect(pkg.bin['fly-rollout']).toBe('dist/cli.js')
  expect(pkg.exports['.']).toBe('./dist/lib.js')
  expect(pkg.exports['./sim']).toBe('./dist/sim.js')
})
