import http from 'node:http'
import { ControlError, type SimControl } from './control.js'
import { InvalidBehaviorError } from './images.js'

/** ReleasesFaults is the part of the release server's control the admin API exposes. */
export interface ReleasesFaults {
  tamper(input: { version: string; asset: string }): void
  dropChecksum(input: { version: string; asset: string }): void
  reset(): void
  downloads(): unknown
}

/**
 * createAdminServer serves `control` over HTTP at `adminUrl`, for a flysim
 * running as its own process (`fly-rollout sim`). Never on the API port.
 *
 *   POST   /images           {ref, boot, health, latency, errorRate, crash, exitCode}
 *   GET    /images
 *   POST   /apps             {name, regions, machinesPerRegion, image, secrets}
 *   POST   /postgres         {id, name, org, region, managed}   GET /postgres
 *   POST   /faults           {kind: request|capacity|cut-region|kill|host|prune-versions|machine|flyctl-tamper|flyctl-drop-checksum, ...}
 *   GET    /faults           DELETE /faults
 *   POST   /clock/advance    {by: "15m"}
 *   GET    /requests?since=N DELETE /requests
 *   GET    /snapshot         GET /leases
 *   POST   /rate-limits      {enabled}
 *   GET    /health
 */
export function createAdminServer(
  control: SimControl,
  releases?: ReleasesFaults
): http.Server {
  return http.createServer((req, res) => {
    void serve(req, res)
  })

  async function serve(
    req: http.IncomingMessage,
    res: http.ServerResponse
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://admin')
    const send = (status: number, body: unknown): void => {
      if (res.headersSent) return
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    try {
      const text = await new Promise<string>((resolve, reject) => {
        let data = ''
        req.setEncoding('utf8')
        req.on('data', (c: string) => (data += c))
        req.on('end', () => resolve(data))
        req.on('error', reject)
      })
      let body: Record<string, unknown> = {}
      if (text) {
        try {
          const parsed: unknown = JSON.parse(text)
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
            throw new ControlError('body must be a JSON object')
          }
          body = parsed as Record<string, unknown>
        } catch (e) {
          throw new ControlError(
            e instanceof ControlError
              ? e.message
              : `invalid JSON: ${(e as Error).message}`
          )
        }
      }
      const key = `${req.method} ${url.pathname}`
      switch (key) {
        case 'GET /health':
          return send(200, { ok: true, machines: control.machineCount() })
        case 'POST /images': {
          const { ref, ...rest } = body
          const image = control.setImage(String(ref ?? ''), rest)
          return send(200, image)
        }
        case 'GET /images':
          return send(200, control.images())
        case 'POST /apps': {
          const app = await control.createApp(body as never)
          return send(201, {
            name: app.name,
            machines: [...app.machines.keys()]
          })
        }
        case 'POST /postgres':
          return send(201, control.createPostgresCluster(body as never))
        case 'GET /postgres':
          return send(200, control.postgresClusters())
        case 'POST /faults':
          return send(200, applyFault(control, releases, body) ?? { ok: true })
        case 'GET /faults':
          return send(200, control.faults())
        case 'DELETE /faults':
          control.clearFaults()
          releases?.reset()
          return send(200, { ok: true })
        case 'POST /clock/advance':
          await control.advance(body.by as string)
          return send(200, { now: control.clock.now() })
        case 'GET /requests':
          return send(
            200,
            control.requests(Number(url.searchParams.get('since') ?? 0))
          )
        case 'DELETE /requests':
          control.clearRequests()
          return send(200, { ok: true })
        case 'GET /snapshot':
          return send(200, control.snapshotWorld())
        case 'GET /leases':
          return send(200, control.outstandingLeases())
        case 'POST /rate-limits':
          control.setRateLimits(body.enabled !== false)
          return send(200, { ok: true })
        case 'GET /releases/downloads':
          return send(200, releases?.downloads() ?? {})
        default:
          return send(404, { error: `no admin route ${key}` })
      }
    } catch (e) {
      const bad =
        e instanceof ControlError ||
        e instanceof InvalidBehaviorError ||
        e instanceof TypeError
      send(bad ? 400 : 500, { error: (e as Error).message })
    }
  }
}

function applyFault(
  control: SimControl,
  releases: ReleasesFaults | undefined,
  body: Record<string, unknown>
): unknown {
  const s = (k: string): string => {
    const v = body[k]
    if (typeof v !== 'string' || !v) throw new ControlError(`${k} is required`)
    return v
  }
  const on = body.on !== false
  switch (body.kind) {
    case 'request':
      return control.failRequests(body as never)
    case 'capacity':
      return control.refuseUpdates(s('region'), on)
    case 'cut-region':
      return control.cutRegion(s('region'), on)
    case 'kill':
      return { killed: control.killMachine(s('machine'), body as never) }
    case 'host':
      return control.setHostStatus(s('machine'), s('status') as never)
    case 'prune-versions':
      return control.pruneVersions(
        s('machine'),
        (body.keep as number | undefined) ?? 1
      )
    case 'machine': {
      const { kind: _k, machine: _m, ...behavior } = body
      return control.setMachineBehavior(s('machine'), behavior)
    }
    case 'flyctl-tamper':
      if (!releases) throw new ControlError('no release server')
      return releases.tamper({ version: s('version'), asset: s('asset') })
    case 'flyctl-drop-checksum':
      if (!releases) throw new ControlError('no release server')
      return releases.dropChecksum({ version: s('version'), asset: s('asset') })
    default:
      throw new ControlError(
        `unknown fault kind ${JSON.stringify(body.kind)}: use request, capacity, cut-region, kill, host, prune-versions, machine, flyctl-tamper or flyctl-drop-checksum`
      )
  }
}
