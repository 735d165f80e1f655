import { existsSync, readFileSync } from 'node:fs'
import { expect, test } from 'vitest'

const SHARED = '../shared/fly/machines-openapi.json'

test.runIf(existsSync(SHARED))(
  'the vendored Machines OpenAPI spec is the shared one, byte for byte',
  () => {
    expect(readFileSync('__fixtures__/fly/machines-openapi.json', 'utf8')).toBe(
      readFileSync(SHARED, 'utf8')
    )
  }
)
