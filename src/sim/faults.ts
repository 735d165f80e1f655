/**
 * Request faults: the next N requests matching a method and path get a
 * status, a delay, or a reset connection. Platform faults (capacity, cut
 * regions, killed processes, unreachable hosts, pruned versions, per-machine
 * behaviour) live on the world and are applied by `control`.
 */
export type FaultAction =
  | { kind: 'status'; status: number; body?: unknown }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }

export interface RequestFault {
  id: number
  /** Upper-case method, or undefined for any. */
  method?: string
  /** Path glob: `*` matches within one segment, `**` across segments. */
  path: string
  /** How many more requests it applies to. */
  remaining: number
  action: FaultAction
}

export interface RequestFaultInput {
  method?: string
  path: string
  times?: number
  status?: number
  body?: unknown
  delay?: number
  reset?: boolean
}

/** globToRegExp compiles a path glob; `?` and regex characters are literal. */
export function globToRegExp(glob: string): RegExp {
  let re = ''
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        re += '.*'
        i++
      } else re += '[^/]*'
    } else re += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

/** createFaultBook keeps request faults in the order they were added. */
export function createFaultBook() {
  const faults: (RequestFault & { re: RegExp })[] = []
  let seq = 0
  return {
    add(input: RequestFaultInput, delayMs?: number): RequestFault {
      let action: FaultAction
      if (input.reset) action = { kind: 'reset' }
      else if (input.status !== undefined) {
        if (
          !Number.isInteger(input.status) ||
          input.status < 100 ||
          input.status > 599
        ) {
          throw new TypeError(
            `status must be an HTTP status code, got ${input.status}`
          )
        }
        action = { kind: 'status', status: input.status, body: input.body }
      } else if (delayMs !== undefined) action = { kind: 'delay', ms: delayMs }
      else
        throw new TypeError(
          'a request fault needs one of status, delay or reset'
        )
      if (typeof input.path !== 'string' || !input.path.startsWith('/')) {
        throw new TypeError('path must be a path glob starting with "/"')
      }
      const times = input.times ?? 1
      if (!Number.isInteger(times) || times < 1) {
        throw new TypeError(
          `times must be a positive integer, got ${input.times}`
        )
      }
      const f = {
        id: ++seq,
        method: input.method?.toUpperCase(),
        path: input.path,
        remaining: times,
        action,
        re: globToRegExp(input.path)
      }
      faults.push(f)
      return {
        id: f.id,
        method: f.method,
        path: f.path,
        remaining: f.remaining,
        action
      }
    },
    /** take consumes and returns the first fault matching the request, if any. */
    take(method: string, path: string): FaultAction | undefined {
      const i = faults.findIndex(
        (f) => (!f.method || f.method === method) && f.re.test(path)
      )
      if (i < 0) return undefined
      const f = faults[i]!
      if (--f.remaining <= 0) faults.splice(i, 1)
      return f.action
    },
    list(): RequestFault[] {
      return faults.map(({ re: _re, ...f }) => f)
    },
    clear(): void {
      faults.length = 0
    }
  }
}

export type FaultBook = ReturnType<typeof createFaultBook>
