// Bundles every entry point into dist/. dist/ is committed: GitHub runs it as is.
// Usage: node scripts/bundle.mjs [--outdir DIR] [--only flyctl]
import { build } from 'esbuild'
import { chmod, mkdir } from 'node:fs/promises'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { outdir: { type: 'string' }, only: { type: 'string' } }
})
const outdir = values.outdir ?? 'dist'

// ESM bundles of CommonJS dependencies need a real `require`.
const esmBanner = [
  "import { createRequire as __createRequire } from 'node:module';",
  'const require = __createRequire(import.meta.url);'
].join('\n')

/** Every bundle: [entry, output file, format, executable]. */
const entries = [
  ['src/action/index.ts', 'index.js', 'esm', false],
  ['src/action/post.ts', 'post.js', 'esm', false],
  ['src/cli/index.ts', 'cli.js', 'esm', true],
  ['src/lib/index.ts', 'lib.js', 'esm', false],
  ['src/sim/index.ts', 'sim.js', 'esm', false],
  // The stand-in flyctl ships inside release tarballs with no package.json
  // beside it, where Node treats an extensionless file as CommonJS.
  ['src/sim/flyctl/main.ts', 'flyctl.cjs', 'cjs', true]
]

await mkdir(outdir, { recursive: true })
for (const [entry, file, format, executable] of entries) {
  if (values.only && !file.startsWith(values.only)) continue
  const shebang = executable ? '#!/usr/bin/env node\n' : ''
  const banner = format === 'esm' ? `${shebang}${esmBanner}` : shebang
  await build({
    entryPoints: [entry],
    outfile: `${outdir}/${file}`,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    banner: banner ? { js: banner } : undefined,
    legalComments: 'none',
    logLevel: 'warning'
  })
  if (executable) await chmod(`${outdir}/${file}`, 0o755)
}
