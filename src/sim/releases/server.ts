// TEMPORARY STUB written by the lead so startSim() compiles while helper-1
// writes the real release server. helper-1: overwrite this whole file.
import http from 'node:http'

export function createReleasesServer(_opts: {
  flyctlScript: () => Buffer
  baseUrl: () => string
  versions?: string[]
  now?: () => number
}) {
  const server = http.createServer((_req, res) => {
    res.writeHead(404).end()
  })
  return {
    server,
    control: {
      tamper(_i: { version: string; asset: string }) {},
      dropChecksum(_i: { version: string; asset: string }) {},
      reset() {},
      downloads() {
        return {}
      }
    }
  }
}
