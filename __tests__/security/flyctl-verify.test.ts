import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import {
  installFlyctl,
  type ToolCache
} from '../../src/adapters/flyctl/installer.js'

/**
 * SECURITY.md "flyctl download": a release without checksums.txt is
 * refused before the asset is even fetched. (A tampered asset, an asset
 * checksums.txt does not list, and an unverified cached flyctl are covered
 * in __tests__/adapters/flyctl/installer.test.ts and, end to end,
 * __tests__/action/action.test.ts.)
 */
test('a release without checksums.txt is refused before the asset is downloaded', async () => {
  const asked: string[] = []
  const fetchStub = (async (url: string | URL) => {
    const u = String(url)
    asked.push(u)
    if (u.includes('/app/flyctl_releases/'))
      return Response.json({
        version: '0.3.214',
        download_url:
          'https://releases.example/v0.3.214/flyctl_0.3.214_Linux_x86_64.tar.gz'
      })
    return new Response('not found', { status: 404 })
  }) as typeof fetch
  const used: string[] = []
  const toolCache: ToolCache = {
    find: () => '',
    downloadTool: async (u: string) => {
      used.push(`download ${u}`)
      return ''
    },
    extractTar: async () => {
      used.push('extractTar')
      return ''
    },
    extractZip: async () => {
      used.push('extractZip')
      return ''
    },
    cacheDir: async () => {
      used.push('cacheDir')
      return ''
    }
  }
  await expect(
    installFlyctl({
      version: '0.3.214',
      releasesUrl: 'https://api.example',
      platform: 'linux',
      arch: 'x64',
      toolCache,
      fetch: fetchStub,
      sleep: async () => undefined,
      tempDir: mkdtempSync(join(tmpdir(), 'fly-rollout-verify-'))
    })
  ).rejects.toThrow(/no checksums\.txt \(404\).*refusing to install/)
  expect(asked.at(-1)).toBe('https://releases.example/v0.3.214/checksums.txt')
  expect(used).toEqual([])
})
