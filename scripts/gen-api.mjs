// Generates src/adapters/fly/openapi.ts from shared/fly/machines-openapi.json
// with openapi-typescript. The spec gives PUT and PATCH …/metadata the same
// operationId (Machines_update_metadata), which openapi-typescript emits as
// two identical members of `operations` — a TypeScript error — so the second
// copy is dropped from the AST before printing.
//
//   node scripts/gen-api.mjs [spec] [out]
/* global process, console */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createConfig } from '@redocly/openapi-core'
import ts from 'typescript'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'

const spec = resolve(process.argv[2] ?? '../shared/fly/machines-openapi.json')
const out = resolve(process.argv[3] ?? 'src/adapters/fly/openapi.ts')

// openapi-typescript's CLI lints with Redocly's "minimal" rules, where a
// duplicate operationId is a warning; its Node API makes it an error.
const redocly = await createConfig(
  { rules: { 'operation-operationId-unique': 'warn' } },
  { extends: ['minimal'] }
)
const nodes = await openapiTS(JSON.parse(readFileSync(spec, 'utf8')), {
  redocly,
  silent: true
})
const deduped = nodes.map((node) => {
  if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'operations') {
    return node
  }
  const seen = new Set()
  const members = node.members.filter((m) => {
    const name = m.name && ts.isIdentifier(m.name) ? m.name.text : undefined
    if (!name) return true
    if (seen.has(name)) return false
    seen.add(name)
    return true
  })
  return ts.factory.updateInterfaceDeclaration(
    node,
    node.modifiers,
    node.name,
    node.typeParameters,
    node.heritageClauses,
    members
  )
})
writeFileSync(out, COMMENT_HEADER + astToString(deduped))
console.log(`${spec} → ${out}`)
