import type { WireError } from '../wire.js'

/**
 * ApiError is an answer other than 2xx. Its body is Fly's ErrorResponse
 * `{error, status?}` unless `body` replaces it (the lease endpoint's wrapped
 * errors, a registry's `{errors: [...]}`).
 */
export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly flyStatus?: WireError['status'],
    readonly body?: unknown
  ) {
    super(message)
  }

  toBody(): unknown {
    if (this.body !== undefined) return this.body
    const out: WireError = { error: this.message }
    if (this.flyStatus) out.status = this.flyStatus
    return out
  }
}

export const notFound = (what: string): ApiError =>
  new ApiError(404, `${what} not found`)

export const badRequest = (message: string): ApiError =>
  new ApiError(400, message)
