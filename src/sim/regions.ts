/** A Fly.io region as `GET /v1/platform/regions` describes it. */
export interface SimRegion {
  code: string
  name: string
  geo_region: string
  latitude: number
  longitude: number
  requires_paid_plan: boolean
  deprecated: boolean
}

type Row = [code: string, name: string, geo: string, lat: number, lon: number]

// Fly's public region codes with their cities. The coordinates are the
// cities' (rounded); `requires_paid_plan` and `deprecated` are [sim choice]
// (false everywhere) because they change with Fly's plans.
const ROWS: Row[] = [
  ['ams', 'Amsterdam, Netherlands', 'europe', 52.37, 4.9],
  ['arn', 'Stockholm, Sweden', 'europe', 59.65, 17.94],
  ['atl', 'Atlanta, Georgia (US)', 'north_america', 33.64, -84.43],
  ['bog', 'Bogotá, Colombia', 'south_america', 4.7, -74.14],
  ['bom', 'Mumbai, India', 'asia_pacific', 19.1, 72.87],
  ['bos', 'Boston, Massachusetts (US)', 'north_america', 42.36, -71.06],
  ['cdg', 'Paris, France', 'europe', 48.86, 2.35],
  ['den', 'Denver, Colorado (US)', 'north_america', 39.74, -104.99],
  ['dfw', 'Dallas, Texas (US)', 'north_america', 32.78, -96.8],
  ['ewr', 'Secaucus, NJ (US)', 'north_america', 40.79, -74.06],
  ['eze', 'Ezeiza, Argentina', 'south_america', -34.82, -58.54],
  ['fra', 'Frankfurt, Germany', 'europe', 50.11, 8.68],
  ['gdl', 'Guadalajara, Mexico', 'north_america', 20.67, -103.35],
  ['gig', 'Rio de Janeiro, Brazil', 'south_america', -22.81, -43.25],
  ['gru', 'Sao Paulo, Brazil', 'south_america', -23.55, -46.63],
  ['hkg', 'Hong Kong, Hong Kong', 'asia_pacific', 22.32, 114.17],
  ['iad', 'Ashburn, Virginia (US)', 'north_america', 39.04, -77.49],
  ['jnb', 'Johannesburg, South Africa', 'africa', -26.2, 28.05],
  ['lax', 'Los Angeles, California (US)', 'north_america', 34.05, -118.24],
  ['lhr', 'London, United Kingdom', 'europe', 51.51, -0.13],
  ['mad', 'Madrid, Spain', 'europe', 40.42, -3.7],
  ['mia', 'Miami, Florida (US)', 'north_america', 25.76, -80.19],
  ['nrt', 'Tokyo, Japan', 'asia_pacific', 35.68, 139.69],
  ['ord', 'Chicago, Illinois (US)', 'north_america', 41.88, -87.63],
  ['otp', 'Bucharest, Romania', 'europe', 44.43, 26.1],
  ['phx', 'Phoenix, Arizona (US)', 'north_america', 33.45, -112.07],
  ['qro', 'Querétaro, Mexico', 'north_america', 20.59, -100.39],
  ['scl', 'Santiago, Chile', 'south_america', -33.45, -70.67],
  ['sea', 'Seattle, Washington (US)', 'north_america', 47.61, -122.33],
  ['sin', 'Singapore, Singapore', 'asia_pacific', 1.35, 103.82],
  ['sjc', 'San Jose, California (US)', 'north_america', 37.34, -121.89],
  ['syd', 'Sydney, Australia', 'asia_pacific', -33.87, 151.21],
  ['waw', 'Warsaw, Poland', 'europe', 52.23, 21.01],
  ['yul', 'Montreal, Canada', 'north_america', 45.5, -73.57],
  ['yyz', 'Toronto, Canada', 'north_america', 43.65, -79.38]
]

/** REGIONS lists Fly's region codes, in alphabetical order. */
export const REGIONS: readonly SimRegion[] = ROWS.map(
  ([code, name, geo_region, latitude, longitude]) => ({
    code,
    name,
    geo_region,
    latitude,
    longitude,
    requires_paid_plan: false,
    deprecated: false
  })
)

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]))

/** findRegion returns the region with that code, or undefined. */
export function findRegion(code: string): SimRegion | undefined {
  return BY_CODE.get(code)
}

/**
 * distanceKm returns the great-circle distance between two regions, which is
 * what the edge uses to pick the "nearest" region [sim choice].
 */
export function distanceKm(a: string, b: string): number {
  const ra = BY_CODE.get(a)
  const rb = BY_CODE.get(b)
  if (!ra || !rb) return Number.POSITIVE_INFINITY
  const rad = Math.PI / 180
  const dLat = (rb.latitude - ra.latitude) * rad
  const dLon = (rb.longitude - ra.longitude) * rad
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(ra.latitude * rad) *
      Math.cos(rb.latitude * rad) *
      Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}

/** byDistanceFrom sorts region codes nearest first from `origin`. */
export function byDistanceFrom(
  origin: string,
  codes: Iterable<string>
): string[] {
  return [...codes].sort(
    (x, y) =>
      distanceKm(origin, x) - distanceKm(origin, y) || x.localeCompare(y)
  )
}
