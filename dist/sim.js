import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/sim/index.ts
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// src/sim/admin.ts
import http from "node:http";

// src/sim/api/routes/apps.ts
import { createHash as createHash2 } from "node:crypto";

// src/sim/regions.ts
var ROWS = [
  ["ams", "Amsterdam, Netherlands", "europe", 52.37, 4.9],
  ["arn", "Stockholm, Sweden", "europe", 59.65, 17.94],
  ["atl", "Atlanta, Georgia (US)", "north_america", 33.64, -84.43],
  ["bog", "Bogot\xE1, Colombia", "south_america", 4.7, -74.14],
  ["bom", "Mumbai, India", "asia_pacific", 19.1, 72.87],
  ["bos", "Boston, Massachusetts (US)", "north_america", 42.36, -71.06],
  ["cdg", "Paris, France", "europe", 48.86, 2.35],
  ["den", "Denver, Colorado (US)", "north_america", 39.74, -104.99],
  ["dfw", "Dallas, Texas (US)", "north_america", 32.78, -96.8],
  ["ewr", "Secaucus, NJ (US)", "north_america", 40.79, -74.06],
  ["eze", "Ezeiza, Argentina", "south_america", -34.82, -58.54],
  ["fra", "Frankfurt, Germany", "europe", 50.11, 8.68],
  ["gdl", "Guadalajara, Mexico", "north_america", 20.67, -103.35],
  ["gig", "Rio de Janeiro, Brazil", "south_america", -22.81, -43.25],
  ["gru", "Sao Paulo, Brazil", "south_america", -23.55, -46.63],
  ["hkg", "Hong Kong, Hong Kong", "asia_pacific", 22.32, 114.17],
  ["iad", "Ashburn, Virginia (US)", "north_america", 39.04, -77.49],
  ["jnb", "Johannesburg, South Africa", "africa", -26.2, 28.05],
  ["lax", "Los Angeles, California (US)", "north_america", 34.05, -118.24],
  ["lhr", "London, United Kingdom", "europe", 51.51, -0.13],
  ["mad", "Madrid, Spain", "europe", 40.42, -3.7],
  ["mia", "Miami, Florida (US)", "north_america", 25.76, -80.19],
  ["nrt", "Tokyo, Japan", "asia_pacific", 35.68, 139.69],
  ["ord", "Chicago, Illinois (US)", "north_america", 41.88, -87.63],
  ["otp", "Bucharest, Romania", "europe", 44.43, 26.1],
  ["phx", "Phoenix, Arizona (US)", "north_america", 33.45, -112.07],
  ["qro", "Quer\xE9taro, Mexico", "north_america", 20.59, -100.39],
  ["scl", "Santiago, Chile", "south_america", -33.45, -70.67],
  ["sea", "Seattle, Washington (US)", "north_america", 47.61, -122.33],
  ["sin", "Singapore, Singapore", "asia_pacific", 1.35, 103.82],
  ["sjc", "San Jose, California (US)", "north_america", 37.34, -121.89],
  ["syd", "Sydney, Australia", "asia_pacific", -33.87, 151.21],
  ["waw", "Warsaw, Poland", "europe", 52.23, 21.01],
  ["yul", "Montreal, Canada", "north_america", 45.5, -73.57],
  ["yyz", "Toronto, Canada", "north_america", 43.65, -79.38]
];
var REGIONS = ROWS.map(
  ([code, name, geo_region, latitude, longitude]) => ({
    code,
    name,
    geo_region,
    latitude,
    longitude,
    requires_paid_plan: false,
    deprecated: false
  })
);
var BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));
function findRegion(code) {
  return BY_CODE.get(code);
}
function distanceKm(a, b) {
  const ra = BY_CODE.get(a);
  const rb = BY_CODE.get(b);
  if (!ra || !rb) return Number.POSITIVE_INFINITY;
  const rad = Math.PI / 180;
  const dLat = (rb.latitude - ra.latitude) * rad;
  const dLon = (rb.longitude - ra.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(ra.latitude * rad) * Math.cos(rb.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
function byDistanceFrom(origin, codes) {
  return [...codes].sort(
    (x, y) => distanceKm(origin, x) - distanceKm(origin, y) || x.localeCompare(y)
  );
}

// src/sim/api/errors.ts
var ApiError = class extends Error {
  constructor(httpStatus, message, flyStatus, body) {
    super(message);
    this.httpStatus = httpStatus;
    this.flyStatus = flyStatus;
    this.body = body;
  }
  httpStatus;
  flyStatus;
  body;
  toBody() {
    if (this.body !== void 0) return this.body;
    const out = { error: this.message };
    if (this.flyStatus) out.status = this.flyStatus;
    return out;
  }
};
var notFound = (what) => new ApiError(404, `${what} not found`);
var badRequest = (message) => new ApiError(400, message);

// src/sim/images.ts
import { createHash } from "node:crypto";

// src/sim/durations.ts
var UNITS = {
  ns: 1e-6,
  us: 1e-3,
  \u00B5s: 1e-3,
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5
};
function parseGoDuration(text) {
  const s = text.trim();
  if (s === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  let matched = false;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return void 0;
    total += Number(m[1]) * UNITS[m[2]];
    pos = re.lastIndex;
    matched = true;
  }
  return matched ? total : void 0;
}
function parseDurationInput(value, what) {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) {
    return value;
  }
  if (typeof value === "string") {
    const ms = parseGoDuration(value);
    if (ms !== void 0) return ms;
  }
  throw new TypeError(
    `${what} must be a duration like "2s" or "150ms", got ${JSON.stringify(value)}`
  );
}

// src/sim/images.ts
var DEFAULT_BEHAVIOR = {
  bootMs: 1e3,
  health: { kind: "ok" },
  latency: { p50Ms: 0, p99Ms: 0 },
  errorRate: 0,
  crash: { kind: "none" },
  exitCode: 1
};
var InvalidBehaviorError = class extends Error {
};
function parseBehavior(input, base2 = DEFAULT_BEHAVIOR) {
  const out = { ...base2 };
  const fail = (field2, why) => {
    throw new InvalidBehaviorError(`${field2}: ${why}`);
  };
  const duration = (field2, v) => {
    try {
      return parseDurationInput(v, field2);
    } catch (e) {
      return fail(field2, e.message);
    }
  };
  if (input.boot !== void 0) out.bootMs = duration("boot", input.boot);
  if (input.health !== void 0) {
    const h = String(input.health);
    if (h === "ok") out.health = { kind: "ok" };
    else if (h === "failing") out.health = { kind: "failing" };
    else if (h.startsWith("flaky:")) {
      const p = Number(h.slice(6));
      if (!(p >= 0 && p <= 1))
        fail("health", `flaky probability must be in [0, 1], got "${h}"`);
      out.health = { kind: "flaky", p };
    } else fail("health", `must be ok, failing or flaky:<p>, got "${h}"`);
  }
  if (input.latency !== void 0) {
    const [p50, p99] = String(input.latency).split("/");
    const p50Ms = duration(
      "latency",
      typeof input.latency === "number" ? input.latency : p50
    );
    const p99Ms = p99 === void 0 ? p50Ms * 2 : duration("latency", p99);
    if (p99Ms < p50Ms) fail("latency", "p99 must not be below p50");
    out.latency = { p50Ms, p99Ms };
  }
  if (input.errorRate !== void 0) {
    const r = Number(input.errorRate);
    if (!(r >= 0 && r <= 1))
      fail(
        "errorRate",
        `must be in [0, 1], got ${JSON.stringify(input.errorRate)}`
      );
    out.errorRate = r;
  }
  if (input.crash !== void 0) {
    const c = String(input.crash);
    if (c === "none" || c === "") out.crash = { kind: "none" };
    else if (c === "boot") out.crash = { kind: "boot" };
    else if (c.startsWith("after:"))
      out.crash = { kind: "after", ms: duration("crash", c.slice(6)) };
    else fail("crash", `must be boot, after:<duration> or none, got "${c}"`);
  }
  if (input.exitCode !== void 0) {
    const code = Number(input.exitCode);
    if (!Number.isInteger(code) || code < 0 || code > 255)
      fail(
        "exitCode",
        `must be an integer 0-255, got ${JSON.stringify(input.exitCode)}`
      );
    out.exitCode = code;
  }
  return out;
}
function behaviorFromLabels(labels) {
  return parseBehavior({
    boot: labels["sim.boot"],
    health: labels["sim.health"],
    latency: labels["sim.latency"],
    errorRate: labels["sim.error-rate"],
    crash: labels["sim.crash"],
    exitCode: labels["sim.exit-code"]
  });
}
function parseImageRef(ref) {
  const m = /^(?:([a-z0-9.-]+(?::\d+)?)\/)?([a-z0-9._/-]+?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/.exec(
    ref.trim()
  );
  if (!m) return void 0;
  let registry = m[1];
  let repository = m[2];
  const tag = m[3];
  const digest = m[4];
  if (!repository) return void 0;
  if (registry && !/[.:]/.test(registry) && registry !== "localhost") {
    repository = `${registry}/${repository}`;
    registry = void 0;
  }
  if (!registry) {
    registry = "registry-1.docker.io";
    if (!repository.includes("/")) repository = `library/${repository}`;
  }
  return {
    registry,
    repository,
    tag: tag ?? (digest ? void 0 : "latest"),
    digest
  };
}
function createImageRegistry() {
  const byDigest = /* @__PURE__ */ new Map();
  const byTag = /* @__PURE__ */ new Map();
  const key = (registry, repository) => `${registry}/${repository}`;
  let pushes = 0;
  return {
    /** push stores a manifest under a tag and returns its image (with digest). */
    push(ref, options = {}) {
      const parsed = parseImageRef(ref);
      if (!parsed)
        throw new InvalidBehaviorError(
          `ref: "${ref}" is not an image reference`
        );
      const labels = options.labels ?? {};
      const behavior = options.behavior ?? behaviorFromLabels(labels);
      pushes++;
      const digest = "sha256:" + createHash("sha256").update(JSON.stringify({ ref, labels, behavior, pushes })).digest("hex");
      const image = {
        registry: parsed.registry,
        repository: parsed.repository,
        tag: parsed.tag ?? "latest",
        digest,
        labels,
        behavior
      };
      byDigest.set(digest, image);
      byTag.set(
        `${key(parsed.registry, parsed.repository)}:${image.tag}`,
        digest
      );
      return image;
    },
    /** lookup returns a pushed image for a ref, or undefined. */
    lookup(ref) {
      const parsed = parseImageRef(ref);
      if (!parsed) return void 0;
      if (parsed.digest) return byDigest.get(parsed.digest);
      const digest = byTag.get(
        `${key(parsed.registry, parsed.repository)}:${parsed.tag}`
      );
      return digest ? byDigest.get(digest) : void 0;
    },
    /** resolve returns the image a machine config's `image` runs; never undefined for a valid ref. */
    resolve(ref) {
      const found = this.lookup(ref);
      if (found) return found;
      const parsed = parseImageRef(ref);
      if (!parsed) return void 0;
      const digest = parsed.digest ?? "sha256:" + createHash("sha256").update(ref).digest("hex");
      const tagKey = parsed.tag ? `${key(parsed.registry, parsed.repository)}:${parsed.tag}` : void 0;
      const known = byDigest.get(digest);
      if (known) {
        if (tagKey) byTag.set(tagKey, digest);
        return known;
      }
      const image = {
        registry: parsed.registry,
        repository: parsed.repository,
        tag: parsed.tag ?? "",
        digest,
        labels: {},
        behavior: DEFAULT_BEHAVIOR
      };
      byDigest.set(digest, image);
      if (tagKey) byTag.set(tagKey, digest);
      return image;
    },
    /** setBehavior changes the behaviour of a pushed or implicit image. */
    setBehavior(ref, behavior) {
      const image = this.resolve(ref);
      if (!image)
        throw new InvalidBehaviorError(
          `ref: "${ref}" is not an image reference`
        );
      image.behavior = behavior;
      return image;
    },
    list() {
      return [...byDigest.values()];
    }
  };
}
function imageRefOf(image) {
  return {
    registry: image.registry,
    repository: image.repository,
    tag: image.tag,
    digest: image.digest,
    labels: { ...image.labels }
  };
}

// src/sim/api/render.ts
function clone(v) {
  return v === void 0 ? v : JSON.parse(JSON.stringify(v));
}
var MACHINE_CONFIG_KEYS = /* @__PURE__ */ new Set([
  "auto_destroy",
  "cache_drive",
  "checks",
  "containers",
  "disable_machine_autostart",
  "dns",
  "env",
  "files",
  "guest",
  "image",
  "init",
  "metadata",
  "metrics",
  "mounts",
  "processes",
  "restart",
  "rootfs",
  "schedule",
  "services",
  "size",
  "spot",
  "standbys",
  "statics",
  "stop_config"
]);
function dropNulls(v) {
  if (Array.isArray(v)) {
    for (const x of v) dropNulls(x);
  } else if (v && typeof v === "object") {
    const o = v;
    for (const [k, x] of Object.entries(o)) {
      if (x === null) delete o[k];
      else dropNulls(x);
    }
  }
}
function renderConfig(config) {
  const out = clone(config);
  for (const k of Object.keys(out)) {
    if (!MACHINE_CONFIG_KEYS.has(k)) delete out[k];
  }
  dropNulls(out);
  for (const s of out.services ?? []) {
    if (s && s.autostop === "off") s.autostop = false;
    else if (s && s.autostop === "stop") s.autostop = true;
  }
  return out;
}
function renderMachine(world, m, opts = {}) {
  const out = {
    id: m.id,
    name: m.name,
    state: m.state,
    region: m.region,
    instance_id: m.instanceId,
    private_ip: m.privateIp,
    image_ref: imageRefOf(m.image),
    created_at: world.iso(m.createdAt),
    updated_at: world.iso(m.updatedAt)
  };
  if (m.cordoned) out.cordoned = true;
  if (!opts.summary) {
    if (m.hostStatus === "ok") out.config = renderConfig(m.config);
    else out.incomplete_config = renderConfig(m.config);
    out.host_status = m.hostStatus;
    out.events = clone(m.events.slice(0, 20));
    out.checks = [...m.checks.values()].map((c) => ({ ...c }));
    if (opts.nonce) out.nonce = opts.nonce;
  }
  if (opts.includeLease && m.lease && m.lease.expiresAt * 1e3 > world.now()) {
    out.lease = {
      owner: m.lease.owner,
      expires_at: m.lease.expiresAt,
      description: m.lease.description
    };
  }
  return out;
}
function renderLease(lease, shape) {
  const data = {
    nonce: lease.nonce,
    expires_at: lease.expiresAt,
    owner: lease.owner,
    description: lease.description,
    version: lease.version
  };
  return shape === "bare" ? data : { status: "success", data };
}
function renderLeaseReleased(shape) {
  return shape === "bare" ? { ok: true } : { status: "success", data: { ok: true } };
}
function renderVolume(world, v) {
  const blocks = v.sizeGb * 262144;
  return {
    id: v.id,
    name: v.name,
    state: v.state,
    region: v.region,
    zone: v.zone,
    size_gb: v.sizeGb,
    encrypted: v.encrypted,
    fstype: "ext4",
    type: "local",
    host_status: "ok",
    created_at: world.iso(v.createdAt),
    block_size: 4096,
    blocks,
    blocks_free: blocks,
    blocks_avail: blocks,
    bytes_total: blocks * 4096,
    bytes_used: 0,
    snapshot_retention: 5,
    auto_backup_enabled: true,
    ...v.attachedMachineId ? { attached_machine_id: v.attachedMachineId } : {}
  };
}
function renderApp(world, app) {
  const live = [...app.machines.values()].filter((m) => m.state !== "destroyed");
  const org = world.orgs.get(app.orgSlug);
  return {
    id: app.id,
    name: app.name,
    status: app.status === "pending" && live.length > 0 ? "deployed" : app.status,
    machine_count: live.length,
    volume_count: [...app.volumes.values()].filter(
      (v) => v.state !== "destroyed"
    ).length,
    network: app.network,
    organization: { name: org?.name ?? app.orgSlug, slug: app.orgSlug }
  };
}
function renderIp(world, ip) {
  return {
    ip: ip.ip,
    region: ip.region,
    shared: ip.shared,
    created_at: world.iso(ip.createdAt),
    ...ip.serviceName ? { service_name: ip.serviceName } : {}
  };
}

// src/sim/api/router.ts
function route(method, template, op, handler, rate) {
  const keys = [];
  const re = new RegExp(
    "^" + template.replace(/[.+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, k) => {
      keys.push(k);
      return k === "name" || k === "reference_path" ? "(.+?)" : "([^/]+)";
    }) + "$"
  );
  return { method, template, op, re, keys, handler, rate };
}
function match(routes, method, path) {
  const allowed = [];
  for (const r of routes) {
    const m = r.re.exec(path);
    if (!m) continue;
    if (r.method !== method) {
      allowed.push(r.method);
      continue;
    }
    const params = {};
    r.keys.forEach((k, i) => {
      params[k] = decodeURIComponent(m[i + 1]);
    });
    return { route: r, params };
  }
  return allowed.length ? { allowed } : void 0;
}

// src/sim/api/rate-limit.ts
var RATES = {
  /** Every action, per machine (or per app when no machine is involved). */
  action: { perSecond: 1, burst: 3 },
  /** Get Machine. */
  getMachine: { perSecond: 5, burst: 10 },
  /** App deletions: 100 per minute. */
  appDelete: { perSecond: 100 / 60, burst: 100 }
};
function createRateLimiter(clock) {
  const buckets = /* @__PURE__ */ new Map();
  let enabled = true;
  return {
    take(key, rate) {
      if (!enabled) return true;
      const now = clock.now();
      const b = buckets.get(key) ?? { tokens: rate.burst, at: now };
      b.tokens = Math.min(
        rate.burst,
        b.tokens + (now - b.at) / 1e3 * rate.perSecond
      );
      b.at = now;
      buckets.set(key, b);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    setEnabled(on) {
      enabled = on;
      if (!on) buckets.clear();
    },
    get enabled() {
      return enabled;
    }
  };
}

// src/sim/api/routes/common.ts
function requireApp(ctx) {
  const app = ctx.sim.world.apps.get(ctx.params.app_name ?? "");
  if (!app || app.status === "destroying") throw notFound("app");
  return app;
}
function requireMachine(ctx) {
  const app = requireApp(ctx);
  const m = app.machines.get(ctx.params.machine_id ?? "");
  if (!m) throw notFound("machine");
  return { app, m };
}
function requireLive(ctx) {
  const r = requireMachine(ctx);
  if (r.m.state === "destroyed" || r.m.state === "destroying") {
    throw new ApiError(
      412,
      `failed_precondition: machine ${r.m.id} is ${r.m.state}`
    );
  }
  return r;
}
function guardLease(ctx, m) {
  const lease = m.lease;
  if (!lease) return;
  if (lease.expiresAt * 1e3 <= ctx.sim.world.now()) {
    m.lease = void 0;
    return;
  }
  if (ctx.nonce === lease.nonce) return;
  throw new ApiError(409, leaseHeldMessage(m));
}
function leaseHeldMessage(m) {
  const l = m.lease;
  const at = new Date(l.expiresAt * 1e3).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " +0000 UTC");
  return `machine ID ${m.id} lease currently held by ${l.owner}, expires at ${at}`;
}
function guardHost(m) {
  if (m.hostStatus !== "ok") {
    throw new ApiError(
      503,
      `unable to reach host for machine ${m.id}: deploys to this host are temporarily disabled`
    );
  }
}
function guardCapacity(ctx, region, kind) {
  if (!ctx.sim.world.capacityFaults.has(region)) return;
  if (kind === "create") {
    throw new ApiError(
      422,
      "aborted: insufficient resources available to fulfill request: could not reserve resource for machine: insufficient memory available to fulfill request",
      "insufficient_capacity"
    );
  }
  throw new ApiError(
    409,
    "aborted: could not reserve resource for machine: insufficient memory available to fulfill request on the current host",
    "insufficient_capacity"
  );
}
var MAX_BODY_DEPTH = 512;
function depthOf(value, limit) {
  let max = 0;
  const stack = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop();
    if (!v || typeof v !== "object") continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  return max;
}
function objectBody(ctx, required = true) {
  if (ctx.body === void 0) {
    if (required) throw badRequest("request body is required");
    return {};
  }
  if (!ctx.body || typeof ctx.body !== "object" || Array.isArray(ctx.body)) {
    throw badRequest("request body must be a JSON object");
  }
  if (depthOf(ctx.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    throw badRequest(`invalid JSON body: exceeded max depth ${MAX_BODY_DEPTH}`);
  }
  return ctx.body;
}
var MAX_LEASE_TTL_S = 2 ** 31 - 1;
function leaseTtl(ttl, name) {
  if (ttl === void 0) return void 0;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_LEASE_TTL_S) {
    throw badRequest(
      `${name} must be a positive integer number of seconds, at most ${MAX_LEASE_TTL_S}`
    );
  }
  return ttl;
}
function field(body, name, type) {
  const v = body[name];
  if (v === void 0 || v === null) return void 0;
  const ok = type === "object" ? typeof v === "object" && !Array.isArray(v) : type === "number" ? typeof v === "number" && Number.isFinite(v) : typeof v === type;
  if (!ok)
    throw badRequest(
      `json: cannot unmarshal ${describe(v)} into field ${name} of type ${goType(type)}`
    );
  return v;
}
function describe(v) {
  if (Array.isArray(v)) return "array";
  return typeof v === "object" ? "object" : typeof v;
}
function goType(t) {
  return t === "number" ? "int" : t === "boolean" ? "bool" : t === "object" ? "object" : "string";
}
function queryBool(ctx, name) {
  const v = ctx.query.get(name);
  if (v === null) return false;
  if (v === "" || v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw badRequest(`invalid value for ${name}: "${v}" is not a boolean`);
}
function queryInt(ctx, name) {
  const v = ctx.query.get(name);
  if (v === null || v === "") return void 0;
  if (!/^-?\d+$/.test(v))
    throw badRequest(`invalid value for ${name}: "${v}" is not an integer`);
  return Number(v);
}
var perMachine = (ctx) => ({
  key: `${ctx.params.app_name}/${ctx.params.machine_id}`,
  rate: RATES.action
});
var perApp = (ctx) => ({
  key: `${ctx.params.app_name ?? ""}`,
  rate: RATES.action
});
var getMachineRate = (ctx) => ({
  key: `${ctx.params.app_name}/${ctx.params.machine_id}`,
  rate: RATES.getMachine
});
var appDeleteRate = () => ({
  key: "app-delete",
  rate: RATES.appDelete
});

// src/sim/api/routes/apps.ts
var APP_NAME = /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$|^[a-z0-9]$/;
var SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var APP_DELETE_MS = 1e3;
function listApps(ctx) {
  const org = ctx.query.get("org_slug");
  if (!org) throw badRequest("org_slug is required");
  const apps = [...ctx.sim.world.apps.values()].filter(
    (a) => a.orgSlug === org && a.status !== "destroying"
  );
  return {
    status: 200,
    body: {
      total_apps: apps.length,
      apps: apps.map((a) => renderApp(ctx.sim.world, a))
    }
  };
}
function createApp(ctx) {
  const body = objectBody(ctx);
  const name = field(body, "name", "string") ?? field(body, "app_name", "string");
  const org = field(body, "org_slug", "string");
  if (!name) throw badRequest("name is required");
  if (!org) throw badRequest("org_slug is required");
  if (!APP_NAME.test(name)) {
    throw badRequest(
      `invalid app name "${name}": use lowercase letters, digits and dashes, at most 63 characters`
    );
  }
  const world = ctx.sim.world;
  if (world.apps.has(name)) {
    throw new ApiError(422, `app name "${name}" is already taken`, "name_taken");
  }
  if (!world.orgs.has(org)) throw notFound(`organization ${org}`);
  createAppRecord(ctx, name, org, field(body, "network", "string"));
  return { status: 201 };
}
function createAppRecord(ctx, name, org, network) {
  const world = ctx.sim.world;
  const app = {
    id: world.rng.hex(12),
    name,
    orgSlug: org,
    network: network || "default",
    createdAt: world.now(),
    status: "pending",
    machines: /* @__PURE__ */ new Map(),
    volumes: /* @__PURE__ */ new Map(),
    secrets: /* @__PURE__ */ new Map(),
    secretsVersion: 0,
    ips: [],
    attachments: /* @__PURE__ */ new Set()
  };
  world.apps.set(name, app);
  return app;
}
function showApp(ctx) {
  return { status: 200, body: renderApp(ctx.sim.world, requireApp(ctx)) };
}
function deleteApp(ctx) {
  const app = requireApp(ctx);
  const world = ctx.sim.world;
  app.status = "destroying";
  for (const m of app.machines.values()) {
    if (m.state !== "destroyed" && m.state !== "destroying")
      ctx.sim.runtime.destroy(app, m);
  }
  world.clock.setTimer(APP_DELETE_MS, () => {
    if (world.apps.get(app.name) !== app) return;
    for (const m of app.machines.values()) world.removeMachine(app, m.id);
    world.apps.delete(app.name);
  });
  return { status: 202 };
}
function digestOf(value) {
  return createHash2("sha256").update(value).digest("hex").slice(0, 16);
}
function renderSecrets(ctx, app, show) {
  return [...app.secrets.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => ({
    name,
    digest: s.digest,
    created_at: ctx.sim.world.iso(s.createdAt),
    updated_at: ctx.sim.world.iso(s.updatedAt),
    ...show ? { value: s.value } : {}
  }));
}
function listSecrets(ctx) {
  const app = requireApp(ctx);
  const min = queryInt(ctx, "min_version");
  if (min !== void 0 && min > app.secretsVersion) {
    throw badRequest(
      `secrets version ${min} is not available yet (current ${app.secretsVersion})`
    );
  }
  return {
    status: 200,
    body: { secrets: renderSecrets(ctx, app, queryBool(ctx, "show_secrets")) }
  };
}
function setSecrets(ctx) {
  const app = requireApp(ctx);
  const body = objectBody(ctx);
  const values = body.values;
  if (!values || typeof values !== "object" || Array.isArray(values)) {
    throw badRequest(
      "values must be an object of secret names to values (null unsets)"
    );
  }
  const entries = Object.entries(values);
  if (entries.length === 0)
    throw badRequest("values must name at least one secret");
  for (const [name, v] of entries) {
    if (!SECRET_NAME.test(name))
      throw badRequest(`invalid secret name "${name}"`);
    if (v !== null && typeof v !== "string")
      throw badRequest(
        `invalid value for secret ${name}: must be a string or null`
      );
  }
  applySecrets(ctx, app, entries);
  return {
    status: 200,
    body: {
      secrets: renderSecrets(ctx, app, false),
      version: app.secretsVersion,
      Version: app.secretsVersion
    }
  };
}
function applySecrets(ctx, app, entries) {
  const now = ctx.sim.world.now();
  const version = app.secretsVersion + 1;
  let changed = false;
  for (const [name, value] of entries) {
    const old = app.secrets.get(name);
    if (value === null) {
      if (old) {
        app.secrets.delete(name);
        changed = true;
      }
      continue;
    }
    const digest = digestOf(value);
    if (old?.digest === digest) continue;
    app.secrets.set(name, {
      value,
      digest,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
      version
    });
    changed = true;
  }
  app.secretsVersion = changed ? version : Math.max(app.secretsVersion, version);
}
function showSecret(ctx) {
  const app = requireApp(ctx);
  const s = app.secrets.get(ctx.params.secret_name);
  if (!s) throw notFound("secret");
  return {
    status: 200,
    body: {
      name: ctx.params.secret_name,
      digest: s.digest,
      created_at: ctx.sim.world.iso(s.createdAt),
      updated_at: ctx.sim.world.iso(s.updatedAt),
      ...queryBool(ctx, "show_secrets") ? { value: s.value } : {}
    }
  };
}
function setSecret(ctx) {
  const app = requireApp(ctx);
  const name = ctx.params.secret_name;
  if (!SECRET_NAME.test(name)) throw badRequest(`invalid secret name "${name}"`);
  const value = field(objectBody(ctx), "value", "string");
  if (value === void 0) throw badRequest("value is required");
  applySecrets(ctx, app, [[name, value]]);
  const s = app.secrets.get(name);
  return {
    status: 201,
    body: {
      name,
      digest: s.digest,
      created_at: ctx.sim.world.iso(s.createdAt),
      updated_at: ctx.sim.world.iso(s.updatedAt),
      version: app.secretsVersion,
      Version: app.secretsVersion
    }
  };
}
function deleteSecret(ctx) {
  const app = requireApp(ctx);
  if (!app.secrets.has(ctx.params.secret_name)) throw notFound("secret");
  applySecrets(ctx, app, [[ctx.params.secret_name, null]]);
  return {
    status: 200,
    body: { version: app.secretsVersion, Version: app.secretsVersion }
  };
}
function listVolumes(ctx) {
  const app = requireApp(ctx);
  const vols = [...app.volumes.values()].filter((v) => v.state !== "destroyed");
  return { status: 200, body: vols.map((v) => renderVolume(ctx.sim.world, v)) };
}
function createVolume(ctx) {
  const app = requireApp(ctx);
  const body = objectBody(ctx);
  const name = field(body, "name", "string");
  const region = field(body, "region", "string");
  const size = field(body, "size_gb", "number") ?? 1;
  if (!name || !/^[a-z0-9_]{1,30}$/.test(name)) {
    throw badRequest(
      "name is required: lowercase letters, digits and underscores, at most 30 characters"
    );
  }
  if (!region || !findRegion(region))
    throw badRequest(`region "${region ?? ""}" is not a valid Fly region`);
  if (!Number.isInteger(size) || size < 1 || size > 500)
    throw badRequest("size_gb must be an integer from 1 to 500");
  if (ctx.sim.world.capacityFaults.has(region)) {
    throw new ApiError(
      412,
      `not enough capacity in region ${region} to place volume`,
      "volume_placement_capacity"
    );
  }
  const world = ctx.sim.world;
  const v = {
    id: `vol_${world.rng.hex(16)}`,
    name,
    app: app.name,
    region,
    sizeGb: size,
    state: "created",
    createdAt: world.now(),
    encrypted: field(body, "encrypted", "boolean") ?? true,
    zone: world.rng.hex(4)
  };
  app.volumes.set(v.id, v);
  return { status: 200, body: renderVolume(world, v) };
}
function requireVolume(ctx) {
  const app = requireApp(ctx);
  const v = app.volumes.get(ctx.params.volume_id);
  if (!v || v.state === "destroyed") throw notFound("volume");
  return { app, v };
}
function showVolume(ctx) {
  return {
    status: 200,
    body: renderVolume(ctx.sim.world, requireVolume(ctx).v)
  };
}
function deleteVolume(ctx) {
  const { app, v } = requireVolume(ctx);
  const holder = v.attachedMachineId ? app.machines.get(v.attachedMachineId) : void 0;
  if (holder && holder.state !== "destroyed") {
    throw new ApiError(
      412,
      `failed_precondition: volume ${v.id} is attached to machine ${holder.id}; destroy the machine first`
    );
  }
  v.state = "destroyed";
  return { status: 200, body: renderVolume(ctx.sim.world, v) };
}
var IP_TYPES = /* @__PURE__ */ new Set([
  "v4",
  "v6",
  "shared_v4",
  "private_v6",
  "egress_v4",
  "egress_v6",
  "egress_pair"
]);
function listIps(ctx) {
  const app = requireApp(ctx);
  return {
    status: 200,
    body: { ips: app.ips.map((ip) => renderIp(ctx.sim.world, ip)) }
  };
}
function assignIp(ctx) {
  const app = requireApp(ctx);
  const body = objectBody(ctx);
  const type = field(body, "type", "string");
  if (!type || !IP_TYPES.has(type)) {
    throw badRequest(`type must be one of ${[...IP_TYPES].join(", ")}`);
  }
  const region = field(body, "region", "string") ?? "global";
  const world = ctx.sim.world;
  const n = app.ips.length + 1;
  const ip = type === "shared_v4" ? "66.241.124." + (world.rng.int(250) + 1) : type.includes("v4") ? `137.66.${world.rng.int(250) + 1}.${world.rng.int(250) + 1}` : type === "private_v6" ? `fdaa:0:${world.rng.hex(4)}:0:1::${n}` : `2a09:8280:1::${world.rng.hex(2)}:${world.rng.hex(4)}:${n}`;
  const rec = {
    ip,
    type,
    region,
    shared: type === "shared_v4",
    serviceName: field(body, "service_name", "string"),
    createdAt: world.now()
  };
  app.ips.push(rec);
  return { status: 200, body: renderIp(world, rec) };
}
function releaseIp(ctx) {
  const app = requireApp(ctx);
  const i = app.ips.findIndex((ip) => ip.ip === ctx.params.ip);
  if (i < 0) throw notFound("ip assignment");
  app.ips.splice(i, 1);
  return { status: 204 };
}
function regions(ctx) {
  return {
    status: 200,
    body: {
      nearest: ctx.sim.settings.clientRegion,
      regions: REGIONS.map((r) => ({ ...r }))
    }
  };
}
var appRoutes = [
  route("GET", "/v1/apps", "Apps_list", listApps, perApp),
  route("POST", "/v1/apps", "Apps_create", createApp, perApp),
  route("GET", "/v1/apps/{app_name}", "Apps_show", showApp, perApp),
  route(
    "DELETE",
    "/v1/apps/{app_name}",
    "Apps_delete",
    deleteApp,
    appDeleteRate
  ),
  route(
    "GET",
    "/v1/apps/{app_name}/secrets",
    "Secrets_list",
    listSecrets,
    perApp
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/secrets",
    "Secrets_update",
    setSecrets,
    perApp
  ),
  route(
    "GET",
    "/v1/apps/{app_name}/secrets/{secret_name}",
    "Secret_get",
    showSecret,
    perApp
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/secrets/{secret_name}",
    "Secret_create",
    setSecret,
    perApp
  ),
  route(
    "DELETE",
    "/v1/apps/{app_name}/secrets/{secret_name}",
    "Secret_delete",
    deleteSecret,
    perApp
  ),
  route(
    "GET",
    "/v1/apps/{app_name}/volumes",
    "Volumes_list",
    listVolumes,
    perApp
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/volumes",
    "Volumes_create",
    createVolume,
    perApp
  ),
  route(
    "GET",
    "/v1/apps/{app_name}/volumes/{volume_id}",
    "Volumes_get_by_id",
    showVolume,
    perApp
  ),
  route(
    "DELETE",
    "/v1/apps/{app_name}/volumes/{volume_id}",
    "Volume_delete",
    deleteVolume,
    perApp
  ),
  route(
    "GET",
    "/v1/apps/{app_name}/ip_assignments",
    "App_IPAssignments_list",
    listIps,
    perApp
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/ip_assignments",
    "App_IPAssignments_create",
    assignIp,
    perApp
  ),
  route(
    "DELETE",
    "/v1/apps/{app_name}/ip_assignments/{ip}",
    "App_IPAssignments_delete",
    releaseIp,
    perApp
  ),
  route("GET", "/v1/platform/regions", "Platform_regions_get", regions, perApp)
];

// src/sim/api/routes/postgres.ts
var DATABASE_URL = "DATABASE_URL";
var MPG_DOMAIN = "flympg.net";
function databaseName(app) {
  return app.toLowerCase().replace(/-/g, "_");
}
function clusterHost(c) {
  return c.managed ? `${c.id}.${MPG_DOMAIN}` : `${c.id}.flycast`;
}
function requireCluster(ctx) {
  const c = ctx.sim.world.postgres.get(ctx.params.postgres_cluster_id ?? "");
  if (!c) throw new ApiError(404, "Cluster not found");
  return c;
}
function liveApp(world, name) {
  const app = world.apps.get(name);
  return app && app.status !== "destroying" ? app : void 0;
}
function isOrphan(world, a) {
  return liveApp(world, a.app)?.id !== a.appId;
}
function renderCluster(world, c) {
  const org = world.orgs.get(c.org);
  const host = clusterHost(c);
  return {
    data: {
      id: c.id,
      name: c.name,
      status: "ready",
      region: c.region,
      plan: "basic",
      pg_major_version: "17",
      cpu_kind: "shared",
      cpus: 1,
      memory_mb: 1024,
      disk_size_gb: 10,
      replicas: 0,
      postgis_enabled: false,
      created_at: world.iso(c.createdAt),
      organization: { name: org?.name ?? c.org, slug: c.org },
      endpoints: {
        primary: {
          direct: { host: `direct.${host}`, port: 5432 },
          pooler: { host, port: 5432 }
        }
      },
      attached_apps: [...c.attachments.keys()].sort().map((name) => ({ name }))
    }
  };
}
function renderAttachment(world, c, a) {
  return {
    data: {
      app_name: a.app,
      postgres_cluster_id: c.id,
      attached_at: world.iso(a.attachedAt)
    }
  };
}
function showCluster(ctx) {
  return {
    status: 200,
    body: renderCluster(ctx.sim.world, requireCluster(ctx))
  };
}
function listDatabases(ctx) {
  const c = requireCluster(ctx);
  return {
    status: 200,
    body: { data: [...c.databases].sort().map((name) => ({ name })) }
  };
}
function attach(ctx) {
  const cluster = requireCluster(ctx);
  const name = field(objectBody(ctx), "app_name", "string");
  if (!name) throw new ApiError(422, "app_name is required");
  const world = ctx.sim.world;
  const app = liveApp(world, name);
  if (!app) throw new ApiError(404, "App not found");
  if (app.orgSlug !== cluster.org) {
    throw new ApiError(
      422,
      `app ${name} belongs to organization ${app.orgSlug}; cluster ${cluster.id} to ${cluster.org}`
    );
  }
  const existing = cluster.attachments.get(name);
  if (existing && existing.appId === app.id) {
    return { status: 200, body: renderAttachment(world, cluster, existing) };
  }
  const database = databaseName(name);
  const user = cluster.managed ? name : database;
  const password = world.rng.hex(24);
  const url = cluster.managed ? `postgres://${user}:${password}@${clusterHost(cluster)}/${database}` : `postgres://${user}:${password}@${clusterHost(cluster)}:5432/${database}?sslmode=disable`;
  const a = {
    app: name,
    appId: app.id,
    database,
    user,
    url,
    attachedAt: world.now()
  };
  cluster.databases.add(database);
  cluster.attachments.set(name, a);
  app.attachments.add(cluster.id);
  applySecrets(ctx, app, [[DATABASE_URL, url]]);
  return { status: 201, body: renderAttachment(world, cluster, a) };
}
function detach(ctx) {
  const cluster = requireCluster(ctx);
  const name = ctx.params.app_name ?? "";
  const app = liveApp(ctx.sim.world, name);
  if (!app) throw new ApiError(404, "App not found");
  const a = cluster.attachments.get(name);
  if (!a || a.appId !== app.id) throw new ApiError(404, "Attachment not found");
  cluster.attachments.delete(name);
  app.attachments.delete(cluster.id);
  if (app.secrets.get(DATABASE_URL)?.value === a.url) {
    applySecrets(ctx, app, [[DATABASE_URL, null]]);
  }
  return { status: 204 };
}
var CLUSTER = "/v1/postgres/{postgres_cluster_id}";
var postgresRoutes = [
  route("GET", CLUSTER, "Postgres_show", showCluster),
  route(
    "GET",
    `${CLUSTER}/databases`,
    "Postgres_databases_list",
    listDatabases
  ),
  route(
    "POST",
    `${CLUSTER}/attachments`,
    "Postgres_attachments_create",
    attach
  ),
  route(
    "DELETE",
    `${CLUSTER}/attachments/{app_name}`,
    "Postgres_attachments_delete",
    detach
  )
];

// src/sim/wire.ts
var TRANSITIONAL = /* @__PURE__ */ new Set([
  "starting",
  "stopping",
  "replacing",
  "suspending",
  "destroying"
]);

// src/sim/api/routes/machines.ts
var LISTABLE_STATES = /* @__PURE__ */ new Set(["created", "started", "stopped", "suspended"]);
var SIGNALS = /* @__PURE__ */ new Set([
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGKILL",
  "SIGUSR1",
  "SIGUSR2",
  "SIGTERM"
]);
var RESTART_POLICIES = /* @__PURE__ */ new Set([
  "no",
  "always",
  "on-failure",
  "spot-price",
  ""
]);
var ADJECTIVES = [
  "quiet",
  "bold",
  "misty",
  "ancient",
  "small",
  "lively",
  "silent",
  "broken",
  "proud",
  "wild"
];
var NOUNS = [
  "river",
  "meadow",
  "sun",
  "leaf",
  "moon",
  "forest",
  "bird",
  "cloud",
  "field",
  "wave"
];
var CONFIG_FIELD_KINDS = {
  auto_destroy: "boolean",
  cache_drive: "object",
  containers: "array",
  disable_machine_autostart: "boolean",
  dns: "object",
  files: "array",
  guest: "object",
  init: "object",
  metrics: "object",
  processes: "array",
  restart: "object",
  rootfs: "object",
  schedule: "string",
  size: "string",
  spot: "object",
  standbys: "array",
  statics: "array",
  stop_config: "object"
};
function jsonKind(v) {
  return Array.isArray(v) ? "array" : typeof v;
}
function validateConfig(ctx, raw) {
  return storedForm(checkConfig(ctx, raw));
}
function storedForm(config) {
  for (const s of config.services ?? []) {
    if (s?.autostop === "off") s.autostop = false;
    else if (s?.autostop === "stop") s.autostop = true;
  }
  return config;
}
function checkConfig(ctx, raw) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw badRequest("config is required and must be an object");
  }
  const config = clone(raw);
  if (typeof config.image !== "string" || config.image.trim() === "") {
    throw badRequest("invalid config.image, must not be empty");
  }
  if (!ctx.sim.world.images.resolve(config.image)) {
    throw badRequest(
      `invalid config.image "${config.image}": not a valid image reference`
    );
  }
  for (const [key, want] of Object.entries(CONFIG_FIELD_KINDS)) {
    const v = config[key];
    if (v === void 0 || v === null) continue;
    if (jsonKind(v) !== want) {
      throw badRequest(
        `invalid config.${key}: json: cannot unmarshal ${jsonKind(v)} into a field of type ${want}`
      );
    }
  }
  for (const key of ["env", "metadata"]) {
    const map = config[key];
    if (map === void 0 || map === null) continue;
    if (typeof map !== "object" || Array.isArray(map)) {
      throw badRequest(`invalid config.${key}: must be a map of strings`);
    }
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== "string")
        throw badRequest(`invalid config.${key}.${k}: must be a string`);
    }
  }
  if (config.services !== void 0 && !Array.isArray(config.services)) {
    throw badRequest("invalid config.services: must be an array");
  }
  for (const [i, s] of (config.services ?? []).entries()) {
    if (!s || typeof s !== "object")
      throw badRequest(`invalid config.services[${i}]`);
    if (s.internal_port !== void 0 && (!Number.isInteger(s.internal_port) || s.internal_port < 1 || s.internal_port > 65535)) {
      throw badRequest(
        `invalid config.services[${i}].internal_port: ${JSON.stringify(s.internal_port)}`
      );
    }
    if (s.autostop !== void 0 && ![true, false, "off", "stop", "suspend"].includes(s.autostop)) {
      throw badRequest(
        `invalid config.services[${i}].autostop: ${JSON.stringify(s.autostop)}`
      );
    }
    for (const key of ["ports", "checks"]) {
      if (s[key] !== void 0 && s[key] !== null && !Array.isArray(s[key])) {
        throw badRequest(
          `invalid config.services[${i}].${key}: must be an array`
        );
      }
    }
    for (const [j, c] of (s.checks ?? []).entries())
      validateCheck(c, `config.services[${i}].checks[${j}]`);
  }
  if (config.checks !== void 0) {
    if (!config.checks || typeof config.checks !== "object" || Array.isArray(config.checks)) {
      throw badRequest("invalid config.checks: must be a map of checks");
    }
    for (const [name, c] of Object.entries(config.checks))
      validateCheck(c, `config.checks.${name}`);
  }
  const policy = config.restart?.policy;
  if (policy !== void 0 && !RESTART_POLICIES.has(policy)) {
    throw badRequest(
      `invalid config.restart.policy "${policy}": must be one of no, always, on-failure, spot-price`
    );
  }
  if (config.mounts !== void 0 && !Array.isArray(config.mounts)) {
    throw badRequest("invalid config.mounts: must be an array");
  }
  return config;
}
function validateCheck(c, where) {
  if (!c || typeof c !== "object")
    throw badRequest(`invalid ${where}: must be an object`);
  const check = c;
  if (check.type !== void 0 && check.type !== "http" && check.type !== "tcp") {
    throw badRequest(
      `invalid ${where}.type "${String(check.type)}": must be http or tcp`
    );
  }
  for (const d of ["interval", "timeout", "grace_period"]) {
    const v = check[d];
    if (v !== void 0 && (typeof v !== "string" || parseGoDuration(v) === void 0)) {
      throw badRequest(
        `invalid ${where}.${d}: time: invalid duration ${JSON.stringify(v)}`
      );
    }
  }
}
function attachVolumes(app, m, config) {
  for (const [i, mount] of (config.mounts ?? []).entries()) {
    const id = mount?.volume;
    if (!id) throw badRequest(`invalid config.mounts[${i}]: volume is required`);
    const v = app.volumes.get(id);
    if (!v || v.state === "destroyed")
      throw badRequest(`volume ${id} not found`);
    if (v.region !== m.region) {
      throw badRequest(
        `volume ${id} is in region ${v.region}, the machine is in ${m.region}`
      );
    }
    const holder = v.attachedMachineId && app.machines.get(v.attachedMachineId);
    if (holder && holder.id !== m.id && holder.state !== "destroyed") {
      throw new ApiError(
        412,
        `volume ${id} is already attached to machine ${holder.id}`,
        "volume_placement_capacity"
      );
    }
  }
  for (const mount of config.mounts ?? []) {
    const v = app.volumes.get(mount.volume);
    if (v) v.attachedMachineId = m.id;
  }
}
function checkMinSecrets(app, body) {
  const min = field(body, "min_secrets_version", "number");
  if (min !== void 0 && min > app.secretsVersion) {
    throw badRequest(
      `min_secrets_version ${min} is newer than the app's secrets version ${app.secretsVersion}`
    );
  }
}
function takeLease(ctx, m, ttl) {
  if (ttl === void 0) return void 0;
  const nonce = ctx.sim.world.rng.hex(12);
  m.lease = {
    nonce,
    owner: ctx.sim.settings.tokenOwner,
    description: "",
    expiresAt: Math.floor(ctx.sim.world.now() / 1e3) + ttl,
    version: ctx.sim.world.newVersion()
  };
  return nonce;
}
function listMachines(ctx) {
  const app = requireApp(ctx);
  const includeDeleted = queryBool(ctx, "include_deleted");
  const summary = queryBool(ctx, "summary");
  const includeLeases = queryBool(ctx, "include_leases");
  const region = ctx.query.get("region");
  const states = (ctx.query.get("state") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const s of states) {
    if (!LISTABLE_STATES.has(s)) {
      throw badRequest(
        `invalid state filter "${s}": must be one of created, started, stopped, suspended`
      );
    }
  }
  const meta = [];
  for (const [k, v] of ctx.query) {
    if (k.startsWith("metadata.")) meta.push([k.slice(9), v]);
  }
  const out = [...app.machines.values()].filter((m) => {
    if (!includeDeleted && m.state === "destroyed") return false;
    if (region && m.region !== region) return false;
    if (states.length && !states.includes(m.state)) return false;
    return meta.every(([k, v]) => m.config.metadata?.[k] === v);
  });
  return {
    status: 200,
    body: out.map(
      (m) => renderMachine(ctx.sim.world, m, { summary, includeLease: includeLeases })
    )
  };
}
function createMachine(ctx) {
  const app = requireApp(ctx);
  const body = objectBody(ctx);
  const config = validateConfig(ctx, body.config);
  const region = field(body, "region", "string") || ctx.sim.settings.defaultRegion;
  if (!findRegion(region))
    throw badRequest(`region "${region}" is not a valid Fly region`);
  const name = field(body, "name", "string");
  for (const other of app.machines.values()) {
    if (name && other.name === name && other.state !== "destroyed") {
      throw new ApiError(
        422,
        `a machine named "${name}" already exists in app ${app.name}`,
        "name_taken"
      );
    }
  }
  checkMinSecrets(app, body);
  guardCapacity(ctx, region, "create");
  const ttl = leaseTtl(field(body, "lease_ttl", "number"), "lease_ttl");
  const skipLaunch = field(body, "skip_launch", "boolean") ?? false;
  const m = placeMachine(ctx.sim, app, {
    config,
    region,
    name,
    skipLaunch: true,
    skipServiceRegistration: field(body, "skip_service_registration", "boolean") ?? false
  });
  const nonce = takeLease(ctx, m, ttl);
  const placed = renderMachine(ctx.sim.world, m, { nonce });
  if (!skipLaunch) ctx.sim.runtime.launch(m, "start");
  return { status: 200, body: placed };
}
function placeMachine(sim, app, spec) {
  const world = sim.world;
  const id = world.newMachineId();
  storedForm(spec.config);
  attachVolumes(app, { id, region: spec.region }, spec.config);
  const version = world.newVersion();
  const now = world.now();
  const m = {
    id,
    name: spec.name || `${ADJECTIVES[world.rng.int(10)]}-${NOUNS[world.rng.int(10)]}-${world.rng.int(9e3) + 1e3}`,
    app: app.name,
    region: spec.region,
    privateIp: `fdaa:0:${world.rng.hex(4)}:a7b:${world.rng.hex(4)}:${world.rng.hex(4)}:${world.rng.hex(4)}:2`,
    state: "created",
    cordoned: false,
    hostStatus: "ok",
    instanceId: version,
    config: spec.config,
    image: world.images.resolve(spec.config.image),
    versions: [{ version, config: clone(spec.config), createdAt: now }],
    events: [],
    checks: /* @__PURE__ */ new Map(),
    createdAt: now,
    updatedAt: now,
    restartCount: 0,
    secretsVersion: app.secretsVersion,
    skipServiceRegistration: spec.skipServiceRegistration ?? false
  };
  world.addMachine(app, m);
  world.addEvent(m, "launch", "created", "user");
  if (!spec.skipLaunch) sim.runtime.launch(m, "start");
  else world.changed(m);
  return m;
}
function updateMachine(ctx) {
  const { app, m } = requireLive(ctx);
  guardLease(ctx, m);
  const body = objectBody(ctx);
  const config = validateConfig(ctx, body.config);
  const current = field(body, "current_version", "string");
  if (current && current !== m.instanceId) {
    throw new ApiError(
      412,
      `current_version ${current} does not match the machine's version ${m.instanceId}`
    );
  }
  const region = field(body, "region", "string");
  if (region && region !== m.region) {
    throw badRequest(
      `cannot move machine ${m.id} from ${m.region} to ${region}: destroy it and create one in ${region}`
    );
  }
  const name = field(body, "name", "string");
  checkMinSecrets(app, body);
  guardHost(m);
  const skipLaunch = field(body, "skip_launch", "boolean") ?? false;
  const skipRegistration = body.skip_service_registration === void 0 ? void 0 : field(body, "skip_service_registration", "boolean") ?? false;
  const ttl = leaseTtl(field(body, "lease_ttl", "number"), "lease_ttl");
  const wasRunning = m.state === "started" || m.state === "starting" || m.state === "replacing";
  if (wasRunning || !skipLaunch) guardCapacity(ctx, m.region, "update");
  attachVolumes(app, m, config);
  const kept = new Set((config.mounts ?? []).map((mount) => mount?.volume));
  for (const v of app.volumes.values()) {
    if (v.attachedMachineId === m.id && !kept.has(v.id))
      v.attachedMachineId = void 0;
  }
  const world = ctx.sim.world;
  const version = world.newVersion();
  m.instanceId = version;
  m.config = config;
  m.image = world.images.resolve(config.image);
  if (name) m.name = name;
  if (skipRegistration !== void 0)
    m.skipServiceRegistration = skipRegistration;
  m.versions.push({ version, config: clone(config), createdAt: world.now() });
  const nonce = takeLease(ctx, m, ttl);
  world.addEvent(m, "update", "replacing", "user");
  if (wasRunning || !skipLaunch) {
    ctx.sim.runtime.launch(m, wasRunning ? "replace" : "start");
  } else {
    if (m.state === "suspended") m.state = "stopped";
    world.changed(m);
  }
  return { status: 200, body: renderMachine(world, m, { nonce }) };
}
function deleteMachine(ctx) {
  const { app, m } = requireMachine(ctx);
  if (m.state === "destroyed") throw notFound("machine");
  if (m.state === "destroying") return { status: 200, body: { ok: true } };
  guardLease(ctx, m);
  const force = queryBool(ctx, "force") || queryBool(ctx, "kill");
  const active = m.state === "started" || m.state === "starting" || m.state === "replacing" || m.state === "stopping";
  if (active && !force) {
    throw new ApiError(
      412,
      `failed_precondition: unable to destroy machine, not currently stopped or suspended (state: ${m.state}); use force=true`
    );
  }
  ctx.sim.runtime.destroy(app, m);
  return { status: 200, body: { ok: true } };
}
function startMachine(ctx) {
  const { m } = requireLive(ctx);
  guardLease(ctx, m);
  guardHost(m);
  if (m.state === "started" || m.state === "starting" || m.state === "replacing") {
    throw new ApiError(
      412,
      `failed_precondition: unable to start machine from current state: '${m.state}'`
    );
  }
  guardCapacity(ctx, m.region, "update");
  const previous = m.state;
  ctx.sim.world.addEvent(m, "start", "starting", "user");
  ctx.sim.runtime.launch(m, "start");
  return {
    status: 200,
    body: { previous_state: previous, migrated: false, new_host: "" }
  };
}
function stopMachine(ctx) {
  const { m } = requireLive(ctx);
  guardLease(ctx, m);
  guardHost(m);
  const body = objectBody(ctx, false);
  const signal = field(body, "signal", "string");
  if (signal && !SIGNALS.has(signal))
    throw badRequest(`invalid signal "${signal}"`);
  const timeoutText = field(body, "timeout", "string");
  const timeoutMs = timeoutText === void 0 ? void 0 : parseGoDuration(timeoutText);
  if (timeoutText !== void 0 && timeoutMs === void 0) {
    throw badRequest(`invalid timeout: time: invalid duration "${timeoutText}"`);
  }
  if (m.state === "stopped" || m.state === "created" || m.state === "suspended") {
    return { status: 200, body: { ok: true } };
  }
  ctx.sim.world.addEvent(m, "stop", "stopping", "user");
  ctx.sim.runtime.stop(m, { signal, timeoutMs });
  return { status: 200, body: { ok: true } };
}
function restartMachine(ctx) {
  const { m } = requireLive(ctx);
  guardLease(ctx, m);
  guardHost(m);
  const signal = ctx.query.get("signal") ?? void 0;
  if (signal && !SIGNALS.has(signal))
    throw badRequest(`invalid signal "${signal}"`);
  const timeout = ctx.query.get("timeout");
  if (timeout && !/^\d+$/.test(timeout) && parseGoDuration(timeout) === void 0) {
    throw badRequest(`invalid timeout "${timeout}"`);
  }
  if (m.state !== "started") {
    throw new ApiError(
      412,
      `failed_precondition: unable to restart machine, not currently started (state: ${m.state})`
    );
  }
  ctx.sim.runtime.restart(m, signal);
  return { status: 200, body: { ok: true } };
}
function suspendMachine(ctx) {
  const { m } = requireLive(ctx);
  guardLease(ctx, m);
  guardHost(m);
  if (m.state !== "started") {
    throw new ApiError(
      412,
      `failed_precondition: unable to suspend machine, not currently started (state: ${m.state})`
    );
  }
  ctx.sim.world.addEvent(m, "suspend", "suspending", "user");
  ctx.sim.runtime.suspend(m);
  return { status: 200, body: { ok: true } };
}
function cordon(on) {
  return (ctx) => {
    const { m } = requireLive(ctx);
    guardLease(ctx, m);
    m.cordoned = on;
    ctx.sim.world.changed(m);
    return { status: 200, body: { ok: true } };
  };
}
function listEvents(ctx) {
  const { m } = requireMachine(ctx);
  const limit = queryInt(ctx, "limit") ?? 20;
  if (limit < 1) throw badRequest("limit must be at least 1");
  return { status: 200, body: clone(m.events.slice(0, Math.min(limit, 50))) };
}
function listVersions(ctx) {
  const { m } = requireMachine(ctx);
  return {
    status: 200,
    body: [...m.versions].reverse().map((v) => ({ version: v.version, user_config: renderConfig(v.config) }))
  };
}
async function waitMachine(ctx) {
  const { m } = requireMachine(ctx);
  const raw = ctx.query.getAll("state").flatMap((s) => s.split(","));
  const states = raw.map((s) => s.trim()).filter(Boolean);
  if (states.length === 0) states.push("started");
  for (const s of states) {
    if (![
      "started",
      "stopped",
      "suspended",
      "destroyed",
      "failed",
      "settled"
    ].includes(s)) {
      throw badRequest(
        `invalid state "${s}": must be one of started, stopped, suspended, destroyed, failed, settled`
      );
    }
  }
  const version = ctx.query.get("version") ?? ctx.query.get("instance_id") ?? void 0;
  if (states.includes("stopped") && !version) {
    throw badRequest("version is required when waiting for the stopped state");
  }
  const fromEvent = ctx.query.get("from_event_id") ?? void 0;
  const timeoutText = ctx.query.get("timeout") ?? "60";
  let timeoutS = /^\d+$/.test(timeoutText) ? Number(timeoutText) : (parseGoDuration(timeoutText) ?? NaN) / 1e3;
  if (!Number.isFinite(timeoutS) || timeoutS < 0) {
    throw badRequest(`invalid timeout "${timeoutText}"`);
  }
  timeoutS = Math.min(timeoutS, 60);
  const satisfied = () => {
    if (version && m.instanceId !== version) return false;
    if (fromEvent && !m.events.some((e) => e.id > fromEvent)) return false;
    return states.some(
      (s) => s === "settled" ? !TRANSITIONAL.has(m.state) : m.state === s
    );
  };
  const ok = () => ({
    status: 200,
    body: {
      ok: true,
      state: m.state,
      version: m.instanceId,
      event_id: m.events[0]?.id ?? ""
    }
  });
  if (satisfied()) return ok();
  const world = ctx.sim.world;
  return await new Promise((resolve) => {
    const done = (r) => {
      cancel();
      world.off("machine", onChange);
      ctx.signal.removeEventListener("abort", onAbort);
      resolve(r);
    };
    const onChange = (changed) => {
      if (changed === m && satisfied()) done(ok());
    };
    const onAbort = () => done({ status: 499, body: { error: "client closed request" } });
    const cancel = world.clock.setTimer(
      timeoutS * 1e3,
      () => done({
        status: 408,
        body: {
          error: `deadline_exceeded: machine ${m.id} did not reach state ${states.join(",")} within ${timeoutS}s`
        }
      })
    );
    world.on("machine", onChange);
    ctx.signal.addEventListener("abort", onAbort, { once: true });
  });
}
function getMachine(ctx) {
  const { m } = requireMachine(ctx);
  if (m.state === "destroyed" && m.destroyedAt !== void 0 && ctx.sim.world.now() - m.destroyedAt > 6e4) {
    throw notFound("machine");
  }
  return {
    status: 200,
    body: renderMachine(ctx.sim.world, m, {
      includeLease: queryBool(ctx, "include_leases")
    })
  };
}
var machineRoutes = [
  route(
    "GET",
    "/v1/apps/{app_name}/machines",
    "Machines_list",
    listMachines,
    perApp
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/machines",
    "Machines_create",
    createMachine,
    perApp
  ),
  route(
    "GET",
    "/v1/apps/{app_name}/machines/{machine_id}",
    "Machines_show",
    getMachine,
    getMachineRate
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/machines/{machine_id}",
    "Machines_update",
    updateMachine,
    perMachine
  ),
  route(
    "DELETE",
    "/v1/apps/{app_name}/machines/{machine_id}",
    "Machines_delete",
    deleteMachine,
    perMachine
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/machines/{machine_id}/start",
    "Machines_start",
    startMachine,
    perMachine
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/machines/{machine_id}/stop",
    "Machines_stop",
    stopMachine,
    perMachine
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/machines/{machine_id}/restart",
    "Machines_restart",
    restartMachine,
    perMachine
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/machines/{machine_id}/suspend",
    "Machines_suspend",
    suspendMachine,
    perMachine
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/machines/{machine_id}/cordon",
    "Machines_cordon",
    cordon(true),
    perMachine
  ),
  route(
    "POST",
    "/v1/apps/{app_name}/machines/{machine_id}/uncordon",
    "Machines_uncordon",
    cordon(false),
    perMachine
  ),
  route(
    "GET",
    "/v1/apps/{app_name}/machines/{machine_id}/events",
    "Machines_list_events",
    listEvents,
    perMachine
  ),
  route(
    "GET",
    "/v1/apps/{app_name}/machines/{machine_id}/versions",
    "Machines_list_versions",
    listVersions,
    perMachine
  ),
  route(
    "GET",
    "/v1/apps/{app_name}/machines/{machine_id}/wait",
    "Machines_wait",
    waitMachine,
    perMachine
  )
];

// src/sim/scenarios.ts
var SCENARIO_FLYCTL_VERSION = "0.3.214";
function defaultMachineConfig(image, primaryRegion, env = {}) {
  return {
    image,
    env: { PRIMARY_REGION: primaryRegion, ...env },
    init: {},
    guest: { cpu_kind: "shared", cpus: 1, memory_mb: 256 },
    services: [
      {
        protocol: "tcp",
        internal_port: 8080,
        autostop: "off",
        autostart: true,
        min_machines_running: 0,
        ports: [
          { port: 80, handlers: ["http"], force_https: true },
          { port: 443, handlers: ["tls", "http"] }
        ],
        concurrency: { type: "connections", soft_limit: 20, hard_limit: 25 },
        checks: [
          {
            type: "http",
            interval: "5s",
            timeout: "2s",
            grace_period: "1s",
            method: "GET",
            path: "/health"
          }
        ]
      }
    ],
    restart: { policy: "on-failure", max_retries: 10 },
    metadata: {
      fly_platform_version: "v2",
      fly_process_group: "app",
      fly_release_id: "r" + primaryRegion,
      fly_release_version: "1",
      fly_flyctl_version: SCENARIO_FLYCTL_VERSION
    }
  };
}
async function buildApp(sim, spec, defaultRegions) {
  const world = sim.world;
  const regions2 = spec.regions ?? defaultRegions;
  for (const r of regions2) {
    if (!findRegion(r))
      throw new TypeError(`unknown region "${r}" for app ${spec.name}`);
  }
  if (world.apps.has(spec.name))
    throw new TypeError(`app ${spec.name} already exists`);
  const org = spec.org ?? "personal";
  if (!world.orgs.has(org)) world.orgs.set(org, { slug: org, name: org });
  const app = createAppRecord({ sim }, spec.name, org);
  for (const [name, value] of Object.entries(spec.secrets ?? {})) {
    app.secretsVersion = 1;
    app.secrets.set(name, {
      value,
      digest: digestOf(value),
      createdAt: world.now(),
      updatedAt: world.now(),
      version: 1
    });
  }
  const image = spec.image ?? `registry.fly.io/${spec.name}:deployment-${world.rng.ulid(world.now())}`;
  if (!world.images.lookup(image)) world.images.push(image);
  const releaseId = world.rng.ulid(world.now()).slice(0, 24);
  const starts = [];
  for (const region of regions2) {
    for (let i = 0; i < (spec.machinesPerRegion ?? 1); i++) {
      const config = structuredClone(
        spec.config ?? defaultMachineConfig(image, regions2[0], spec.env)
      );
      config.image ??= image;
      if (!spec.config && config.metadata)
        config.metadata.fly_release_id = releaseId;
      const m = placeMachine(sim, app, { config, region, skipLaunch: true });
      if (spec.stopped) {
        m.state = "stopped";
        world.changed(m);
      } else starts.push(sim.runtime.adopt(m));
    }
  }
  await Promise.all(starts);
  return app;
}

// src/sim/control.ts
function snapshotCluster(world, c) {
  return {
    id: c.id,
    name: c.name,
    org: c.org,
    region: c.region,
    managed: c.managed,
    attachments: [...c.attachments.values()].sort((a, b) => a.app.localeCompare(b.app)).map((a) => ({
      app: a.app,
      database: a.database,
      user: a.user,
      orphan: isOrphan(world, a),
      attachedAt: a.attachedAt
    })),
    databases: [...c.databases].sort()
  };
}
var ControlError = class extends Error {
};
function createControl(sim, defaultRegions) {
  const world = sim.world;
  const machine = (id) => {
    const m = world.machine(id);
    if (!m) throw new ControlError(`no machine ${id}`);
    return m;
  };
  const region = (code) => {
    if (!findRegion(code)) throw new ControlError(`unknown region "${code}"`);
    return code;
  };
  return {
    /** The virtual clock every part of this flysim runs on. */
    clock: world.clock,
    /** advance moves the virtual clock (e.g. "15m"), running everything due on the way. */
    async advance(by) {
      await world.clock.advance(parseDurationInput(by, "by"));
    },
    /** setImage gives an image ref a behaviour (`POST {adminUrl}/images`). */
    setImage(ref, input = {}) {
      if (typeof ref !== "string" || !ref)
        throw new ControlError("ref is required");
      const existing = world.images.lookup(ref);
      const behavior = parseBehavior(input, existing?.behavior);
      return existing ? world.images.setBehavior(ref, behavior) : world.images.push(ref, { behavior });
    },
    images() {
      return world.images.list();
    },
    /** createApp adds an app with running machines, as a scenario does. */
    createApp(spec) {
      return buildApp(sim, spec, defaultRegions);
    },
    /**
     * createPostgresCluster adds a ready Postgres cluster (`POST
     * {adminUrl}/postgres`): apps attach to it through
     * `POST /v1/postgres/{id}/attachments` (API-NOTES §2.1).
     */
    createPostgresCluster(spec) {
      if (!spec || typeof spec.name !== "string" || !spec.name) {
        throw new ControlError("name is required");
      }
      region(String(spec.region ?? ""));
      const managed = spec.managed !== false;
      const org = spec.org ?? "personal";
      const id = spec.id ?? (managed ? world.rng.hex(16) : spec.name);
      if (typeof id !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
        throw new ControlError(
          "id must be lowercase letters, digits and dashes"
        );
      }
      if (!managed && id !== spec.name) {
        throw new ControlError(
          "an unmanaged cluster is a Fly Postgres app: its id is its name"
        );
      }
      if (world.postgres.has(id))
        throw new ControlError(`postgres cluster ${id} already exists`);
      if (!world.orgs.has(org)) world.orgs.set(org, { slug: org, name: org });
      if (!managed && !world.apps.has(id)) createAppRecord({ sim }, id, org);
      const c = {
        id,
        name: spec.name,
        org,
        region: spec.region,
        managed,
        createdAt: world.now(),
        attachments: /* @__PURE__ */ new Map(),
        databases: /* @__PURE__ */ new Set()
      };
      world.postgres.set(id, c);
      return snapshotCluster(world, c);
    },
    /** postgresCluster returns a cluster's attachments (orphans marked) and databases. */
    postgresCluster(id) {
      const c = world.postgres.get(id);
      if (!c) throw new ControlError(`no postgres cluster ${id}`);
      return snapshotCluster(world, c);
    },
    postgresClusters() {
      return [...world.postgres.values()].map((c) => snapshotCluster(world, c));
    },
    /** failRequests makes the next `times` requests matching method+path fail, stall or reset. */
    failRequests(input) {
      const delayMs = input.delay === void 0 ? void 0 : parseDurationInput(input.delay, "delay");
      return sim.faults.add({ ...input, delay: void 0 }, delayMs);
    },
    /** refuseUpdates makes a region's hosts refuse placements and updates for lack of capacity. */
    refuseUpdates(code, on = true) {
      if (on) world.capacityFaults.add(region(code));
      else world.capacityFaults.delete(code);
    },
    /** cutRegion takes a region out of the edge's reach (its machines keep running). */
    cutRegion(code, on = true) {
      if (on) world.cutRegions.add(region(code));
      else world.cutRegions.delete(code);
      for (const app of world.apps.values()) {
        for (const m of app.machines.values())
          if (m.region === code) world.changed(m);
      }
    },
    /** killMachine kills a machine's process: an exit event, then its restart policy. */
    killMachine(id, opts = {}) {
      return sim.runtime.crash(
        machine(id),
        opts.exitCode ?? 137,
        opts.oom ?? false
      );
    },
    /** setHostStatus makes a machine's host unreachable (or fine again). */
    setHostStatus(id, status) {
      if (!["ok", "unknown", "unreachable"].includes(status)) {
        throw new ControlError(`host status must be ok, unknown or unreachable`);
      }
      const m = machine(id);
      m.hostStatus = status;
      world.changed(m);
    },
    /** pruneVersions drops all but the newest `keep` versions of a machine. */
    pruneVersions(id, keep = 1) {
      const m = machine(id);
      if (!Number.isInteger(keep) || keep < 1)
        throw new ControlError("keep must be a positive integer");
      m.versions.splice(0, Math.max(0, m.versions.length - keep));
    },
    /**
     * setMachineBehavior overrides one machine's behaviour (crash loop, slow
     * boot, flapping checks, failing health) whatever its image; `{}` clears it.
     */
    setMachineBehavior(id, input) {
      const m = machine(id);
      const full = parseBehavior(input, m.image.behavior);
      const override = {};
      for (const k of Object.keys(input)) {
        const key = { boot: "bootMs" }[k] ?? k;
        override[key] = full[key];
      }
      m.override = Object.keys(override).length ? { ...m.override, ...override } : void 0;
      return full;
    },
    /** clearFaults removes every fault: request faults, capacity, cut regions, host status, overrides. */
    clearFaults() {
      sim.faults.clear();
      world.capacityFaults.clear();
      world.cutRegions.clear();
      for (const app of world.apps.values()) {
        for (const m of app.machines.values()) {
          m.override = void 0;
          if (m.hostStatus !== "ok") {
            m.hostStatus = "ok";
            world.changed(m);
          }
        }
      }
    },
    faults() {
      return sim.faults.list();
    },
    /** setRateLimits turns the documented rate limits on or off (on by default). */
    setRateLimits(on) {
      sim.limiter.setEnabled(on);
    },
    /** requests returns the request log (newest last), optionally after a sequence number. */
    requests(since = 0) {
      return sim.log.filter((r) => r.seq > since);
    },
    clearRequests() {
      sim.log.length = 0;
    },
    /** outstandingLeases lists unexpired leases: a finished rollout must leave none. */
    outstandingLeases() {
      const out = [];
      const nowS = world.now() / 1e3;
      for (const app of world.apps.values()) {
        for (const m of app.machines.values()) {
          if (m.lease && m.lease.expiresAt > nowS) {
            out.push({
              app: app.name,
              machine: m.id,
              owner: m.lease.owner,
              expiresAt: m.lease.expiresAt
            });
          }
        }
      }
      return out;
    },
    /** snapshotWorld returns a deep copy of every app and machine, for before/after comparisons. */
    snapshotWorld() {
      return {
        at: world.now(),
        postgres: [...world.postgres.values()].map(
          (c) => snapshotCluster(world, c)
        ),
        apps: [...world.apps.values()].map((app) => ({
          name: app.name,
          org: app.orgSlug,
          status: app.status,
          secretsVersion: app.secretsVersion,
          secretNames: [...app.secrets.keys()].sort(),
          machines: [...app.machines.values()].map((m) => ({
            id: m.id,
            app: m.app,
            name: m.name,
            region: m.region,
            state: m.state,
            instanceId: m.instanceId,
            cordoned: m.cordoned,
            imageDigest: m.image.digest,
            config: structuredClone(m.config),
            versions: m.versions.length,
            ...m.lease ? {
              lease: { owner: m.lease.owner, expiresAt: m.lease.expiresAt }
            } : {}
          })),
          volumes: [...app.volumes.values()].filter((v) => v.state !== "destroyed").map((v) => ({
            id: v.id,
            region: v.region,
            sizeGb: v.sizeGb,
            ...v.attachedMachineId ? { attachedMachineId: v.attachedMachineId } : {}
          }))
        }))
      };
    },
    /** machineCount counts live machines in every app. */
    machineCount() {
      let n = 0;
      for (const app of world.apps.values()) {
        for (const m of app.machines.values()) if (m.state !== "destroyed") n++;
      }
      return n;
    }
  };
}

// src/sim/admin.ts
function createAdminServer(control, releases) {
  return http.createServer((req, res) => {
    void serve(req, res);
  });
  async function serve(req, res) {
    const url = new URL(req.url ?? "/", "http://admin");
    const send2 = (status, body) => {
      if (res.headersSent) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      const text = await new Promise((resolve, reject) => {
        let data = "";
        req.setEncoding("utf8");
        req.on("data", (c) => data += c);
        req.on("end", () => resolve(data));
        req.on("error", reject);
      });
      let body = {};
      if (text) {
        try {
          const parsed = JSON.parse(text);
          if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
            throw new ControlError("body must be a JSON object");
          }
          body = parsed;
        } catch (e) {
          throw new ControlError(
            e instanceof ControlError ? e.message : `invalid JSON: ${e.message}`
          );
        }
      }
      const key = `${req.method} ${url.pathname}`;
      switch (key) {
        case "GET /health":
          return send2(200, { ok: true, machines: control.machineCount() });
        case "POST /images": {
          const { ref, ...rest } = body;
          const image = control.setImage(String(ref ?? ""), rest);
          return send2(200, image);
        }
        case "GET /images":
          return send2(200, control.images());
        case "POST /apps": {
          const app = await control.createApp(body);
          return send2(201, {
            name: app.name,
            machines: [...app.machines.keys()]
          });
        }
        case "POST /postgres":
          return send2(201, control.createPostgresCluster(body));
        case "GET /postgres":
          return send2(200, control.postgresClusters());
        case "POST /faults":
          return send2(200, applyFault(control, releases, body) ?? { ok: true });
        case "GET /faults":
          return send2(200, control.faults());
        case "DELETE /faults":
          control.clearFaults();
          releases?.reset();
          return send2(200, { ok: true });
        case "POST /clock/advance":
          await control.advance(body.by);
          return send2(200, { now: control.clock.now() });
        case "GET /requests":
          return send2(
            200,
            control.requests(Number(url.searchParams.get("since") ?? 0))
          );
        case "DELETE /requests":
          control.clearRequests();
          return send2(200, { ok: true });
        case "GET /snapshot":
          return send2(200, control.snapshotWorld());
        case "GET /leases":
          return send2(200, control.outstandingLeases());
        case "POST /rate-limits":
          control.setRateLimits(body.enabled !== false);
          return send2(200, { ok: true });
        case "GET /releases/downloads":
          return send2(200, releases?.downloads() ?? {});
        default:
          return send2(404, { error: `no admin route ${key}` });
      }
    } catch (e) {
      const bad = e instanceof ControlError || e instanceof InvalidBehaviorError || e instanceof TypeError;
      send2(bad ? 400 : 500, { error: e.message });
    }
  }
}
function applyFault(control, releases, body) {
  const s = (k) => {
    const v = body[k];
    if (typeof v !== "string" || !v) throw new ControlError(`${k} is required`);
    return v;
  };
  const on = body.on !== false;
  switch (body.kind) {
    case "request":
      return control.failRequests(body);
    case "capacity":
      return control.refuseUpdates(s("region"), on);
    case "cut-region":
      return control.cutRegion(s("region"), on);
    case "kill":
      return { killed: control.killMachine(s("machine"), body) };
    case "host":
      return control.setHostStatus(s("machine"), s("status"));
    case "prune-versions":
      return control.pruneVersions(
        s("machine"),
        body.keep ?? 1
      );
    case "machine": {
      const { kind: _k, machine: _m, ...behavior } = body;
      return control.setMachineBehavior(s("machine"), behavior);
    }
    case "flyctl-tamper":
      if (!releases) throw new ControlError("no release server");
      return releases.tamper({ version: s("version"), asset: s("asset") });
    case "flyctl-drop-checksum":
      if (!releases) throw new ControlError("no release server");
      return releases.dropChecksum({ version: s("version"), asset: s("asset") });
    default:
      throw new ControlError(
        `unknown fault kind ${JSON.stringify(body.kind)}: use request, capacity, cut-region, kill, host, prune-versions, machine, flyctl-tamper or flyctl-drop-checksum`
      );
  }
}

// src/sim/api/server.ts
import http2 from "node:http";

// src/sim/api/routes/leases.ts
function liveLease(ctx, m) {
  if (m.lease && m.lease.expiresAt * 1e3 <= ctx.sim.world.now())
    m.lease = void 0;
  return m.lease;
}
function conflict(ctx, m) {
  const message = leaseHeldMessage(m);
  const body = ctx.sim.settings.leaseShape === "bare" ? { error: message } : { status: "error", error: message, message, code: "invalid" };
  return new ApiError(409, message, void 0, body);
}
function acquireLease(ctx) {
  const { m } = requireLive(ctx);
  const body = objectBody(ctx, false);
  const ttl = leaseTtl(
    field(body, "ttl", "number") ?? queryInt(ctx, "ttl") ?? 30,
    "ttl"
  );
  const description = field(body, "description", "string") ?? "";
  const world = ctx.sim.world;
  const nowS = Math.floor(world.now() / 1e3);
  const current = liveLease(ctx, m);
  if (current) {
    if (ctx.nonce !== current.nonce) throw conflict(ctx, m);
    current.expiresAt = nowS + ttl;
    if (description) current.description = description;
    return {
      status: 201,
      body: renderLease(current, ctx.sim.settings.leaseShape)
    };
  }
  if (ctx.nonce) {
    throw notFound("lease");
  }
  m.lease = {
    nonce: world.rng.hex(12),
    owner: ctx.sim.settings.tokenOwner,
    description,
    expiresAt: nowS + ttl,
    version: world.newVersion()
  };
  return {
    status: 201,
    body: renderLease(m.lease, ctx.sim.settings.leaseShape)
  };
}
function showLease(ctx) {
  const { m } = requireMachine(ctx);
  const lease = liveLease(ctx, m);
  if (!lease) throw notFound("lease");
  return { status: 200, body: renderLease(lease, ctx.sim.settings.leaseShape) };
}
function releaseLease(ctx) {
  const { m } = requireMachine(ctx);
  if (!ctx.nonce) throw badRequest("fly-machine-lease-nonce header is required");
  const lease = liveLease(ctx, m);
  if (lease && lease.nonce !== ctx.nonce) throw conflict(ctx, m);
  m.lease = void 0;
  return { status: 200, body: renderLeaseReleased(ctx.sim.settings.leaseShape) };
}
var KEY = /^[A-Za-z0-9_.-]{1,128}$/;
function metadataOf(m) {
  m.config.metadata ??= {};
  return m.config.metadata;
}
function syncVersion(m) {
  const v = m.versions[m.versions.length - 1];
  if (v && v.version === m.instanceId)
    v.config.metadata = { ...m.config.metadata };
}
function showMetadata(ctx) {
  const { m } = requireMachine(ctx);
  return { status: 200, body: { ...m.config.metadata ?? {} } };
}
function showMetadataKey(ctx) {
  const { m } = requireMachine(ctx);
  const v = m.config.metadata?.[ctx.params.key];
  if (v === void 0) throw notFound("metadata key");
  return { status: 200, body: { value: v } };
}
function upsertMetadataKey(ctx) {
  const { m } = requireLive(ctx);
  guardLease(ctx, m);
  const key = ctx.params.key;
  if (!KEY.test(key)) throw badRequest(`invalid metadata key "${key}"`);
  const body = objectBody(ctx);
  const value = field(body, "value", "string");
  if (value === void 0) throw badRequest("value is required");
  metadataOf(m)[key] = value;
  syncVersion(m);
  ctx.sim.world.changed(m);
  return { status: 204 };
}
function deleteMetadataKey(ctx) {
  const { m } = requireLive(ctx);
  guardLease(ctx, m);
  delete metadataOf(m)[ctx.params.key];
  syncVersion(m);
  ctx.sim.world.changed(m);
  return { status: 204 };
}
function updateMetadata(ctx) {
  const { m } = requireLive(ctx);
  guardLease(ctx, m);
  const body = objectBody(ctx);
  const version = field(body, "machine_version", "string");
  if (version && version !== m.instanceId) {
    throw new ApiError(
      412,
      `machine_version ${version} is stale: the machine is at ${m.instanceId}`
    );
  }
  const changes = body.metadata;
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) {
    throw badRequest("metadata must be an object of strings");
  }
  const entries = Object.entries(changes);
  for (const [k, v] of entries) {
    if (!KEY.test(k)) throw badRequest(`invalid metadata key "${k}"`);
    if (v !== null && typeof v !== "string")
      throw badRequest(
        `invalid value for metadata key "${k}": must be a string or null`
      );
  }
  const meta = metadataOf(m);
  for (const [k, v] of entries) {
    if (v === null || v === "") delete meta[k];
    else meta[k] = v;
  }
  syncVersion(m);
  ctx.sim.world.changed(m);
  return { status: 204 };
}
var base = "/v1/apps/{app_name}/machines/{machine_id}";
var leaseRoutes = [
  route("GET", `${base}/lease`, "Machines_show_lease", showLease, perMachine),
  route(
    "POST",
    `${base}/lease`,
    "Machines_create_lease",
    acquireLease,
    perMachine
  ),
  route(
    "DELETE",
    `${base}/lease`,
    "Machines_release_lease",
    releaseLease,
    perMachine
  ),
  route(
    "GET",
    `${base}/metadata`,
    "Machines_show_metadata",
    showMetadata,
    perMachine
  ),
  route(
    "PUT",
    `${base}/metadata`,
    "Machines_update_metadata",
    updateMetadata,
    perMachine
  ),
  route(
    "PATCH",
    `${base}/metadata`,
    "Machines_update_metadata",
    updateMetadata,
    perMachine
  ),
  route(
    "GET",
    `${base}/metadata/{key}`,
    "Machines_get_metadata_key",
    showMetadataKey,
    perMachine
  ),
  route(
    "POST",
    `${base}/metadata/{key}`,
    "Machines_upsert_metadata",
    upsertMetadataKey,
    perMachine
  ),
  route(
    "DELETE",
    `${base}/metadata/{key}`,
    "Machines_delete_metadata",
    deleteMetadataKey,
    perMachine
  )
];

// src/sim/api/routes/registry.ts
var REGISTRY = "registry.fly.io";
function registryError(status, code, message) {
  return new ApiError(status, message, void 0, {
    errors: [{ code, message }]
  });
}
function ping() {
  return {
    status: 200,
    body: {},
    headers: { "docker-distribution-api-version": "registry/2.0" }
  };
}
function manifestOf(ctx) {
  const ref = ctx.params.reference;
  const name = ctx.params.name;
  const image = ctx.sim.world.images.lookup(
    ref.startsWith("sha256:") ? `${REGISTRY}/${name}@${ref}` : `${REGISTRY}/${name}:${ref}`
  );
  if (!image)
    throw registryError(
      404,
      "MANIFEST_UNKNOWN",
      `manifest unknown: ${name}:${ref}`
    );
  return {
    status: 200,
    headers: {
      "docker-content-digest": image.digest,
      "docker-distribution-api-version": "registry/2.0"
    },
    body: {
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      annotations: { ...image.labels }
    }
  };
}
function putManifest(ctx) {
  const name = ctx.params.name;
  const tag = ctx.params.reference;
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) {
    throw registryError(400, "TAG_INVALID", `invalid tag "${tag}"`);
  }
  const body = ctx.body ?? {};
  const labels = body.labels ?? body.annotations ?? {};
  if (typeof labels !== "object" || Array.isArray(labels)) {
    throw registryError(
      400,
      "MANIFEST_INVALID",
      "labels must be an object of strings"
    );
  }
  const clean = {};
  for (const [k, v] of Object.entries(labels)) clean[k] = String(v);
  try {
    const image = ctx.sim.world.images.push(`${REGISTRY}/${name}:${tag}`, {
      labels: clean
    });
    return {
      status: 201,
      headers: {
        "docker-content-digest": image.digest,
        location: `/v2/${name}/manifests/${image.digest}`
      }
    };
  } catch (e) {
    if (e instanceof InvalidBehaviorError) {
      throw registryError(
        400,
        "MANIFEST_INVALID",
        `invalid sim label ${e.message}`
      );
    }
    throw e;
  }
}
var registryRoutes = [
  route("GET", "/v2/", "Registry_ping", ping),
  route(
    "GET",
    "/v2/{name}/manifests/{reference}",
    "Registry_get_manifest",
    manifestOf
  ),
  route(
    "HEAD",
    "/v2/{name}/manifests/{reference}",
    "Registry_head_manifest",
    manifestOf
  ),
  route(
    "PUT",
    "/v2/{name}/manifests/{reference}",
    "Registry_put_manifest",
    putManifest
  )
];

// src/sim/api/server.ts
var ROUTES = [
  ...machineRoutes,
  ...leaseRoutes,
  ...appRoutes,
  ...postgresRoutes,
  ...registryRoutes
];
var MAX_BODY = 1 << 20;
var MAX_LOG = 2e5;
function routeTemplates() {
  return ROUTES.map((r) => ({
    method: r.method,
    template: r.template,
    op: r.op
  }));
}
function createApiServer(sim) {
  let seq = 0;
  const server = http2.createServer((req, res) => {
    void serve(req, res);
  });
  async function serve(req, res) {
    const url = new URL(req.url ?? "/", "http://flysim");
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    const abort = new AbortController();
    res.once("close", () => abort.abort());
    const record = {
      seq: ++seq,
      at: sim.world.now(),
      method,
      path,
      query: url.search.slice(1),
      status: 0,
      route: void 0,
      op: void 0,
      body: void 0
    };
    sim.log.push(record);
    if (sim.log.length > MAX_LOG) sim.log.splice(0, sim.log.length - MAX_LOG);
    const send2 = (status, body, headers = {}, text = false) => {
      record.status = status;
      if (res.headersSent || res.destroyed) return;
      const payload = body === void 0 ? "" : text ? String(body) : JSON.stringify(body);
      const h = { ...headers };
      if (body !== void 0)
        h["content-type"] = text ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
      h["content-length"] = String(Buffer.byteLength(payload));
      h["fly-request-id"] = sim.world.rng.ulid(sim.world.now()) + "-" + sim.settings.clientRegion;
      res.writeHead(status, h);
      res.end(method === "HEAD" ? void 0 : payload);
      sim.onResponse?.({
        method,
        path,
        route: record.route,
        op: record.op,
        status,
        body: text ? body : body === void 0 ? void 0 : JSON.parse(payload)
      });
    };
    try {
      const text = await readBody(req);
      const found = match(ROUTES, method, path);
      if (found && "route" in found) {
        record.route = found.route.template;
        record.op = found.route.op;
      }
      if (text && !path.includes("/secrets")) record.body = text;
      const fault = sim.faults.take(method, path);
      if (fault?.kind === "reset") {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "status") {
        send2(
          fault.status,
          fault.body ?? { error: `injected fault: ${fault.status}` }
        );
        return;
      }
      if (fault?.kind === "delay")
        await sim.world.clock.sleep(fault.ms, abort.signal).catch(() => void 0);
      if (abort.signal.aborted) return;
      if (!authorized(req, sim.settings.token)) {
        if (path.startsWith("/v2")) {
          send2(
            401,
            {
              errors: [
                { code: "UNAUTHORIZED", message: "authentication required" }
              ]
            },
            {
              "www-authenticate": 'Bearer realm="flysim"'
            }
          );
        } else send2(401, { error: "You must be authenticated to view this." });
        return;
      }
      if (!found) {
        send2(404, { error: `no route for ${method} ${path}` });
        return;
      }
      if (!("route" in found)) {
        send2(
          405,
          {
            error: `method ${method} not allowed on ${path}; use ${found.allowed.join(", ")}`
          },
          {
            allow: found.allowed.join(", ")
          }
        );
        return;
      }
      const { route: route2, params } = found;
      let body;
      if (text.length > 0) {
        try {
          body = JSON.parse(text);
        } catch (e) {
          send2(400, { error: `invalid JSON body: ${e.message}` });
          return;
        }
      }
      const nonceHeader = req.headers["fly-machine-lease-nonce"];
      const ctx = {
        sim,
        req,
        method,
        path,
        query: url.searchParams,
        params,
        body,
        nonce: typeof nonceHeader === "string" && nonceHeader ? nonceHeader : void 0,
        signal: abort.signal
      };
      const bucket = route2.rate?.(ctx);
      if (bucket && !sim.limiter.take(`${route2.op}:${bucket.key}`, bucket.rate)) {
        send2(429, { error: "rate limit exceeded, slow down" });
        return;
      }
      const result = await route2.handler(ctx);
      if (abort.signal.aborted) return;
      send2(result.status, result.body, result.headers, result.text);
    } catch (e) {
      if (e instanceof ApiError) send2(e.httpStatus, e.toBody());
      else if (e instanceof BodyTooLarge) send2(413, { error: e.message });
      else
        send2(500, {
          error: `flysim internal error: ${e?.message ?? String(e)}`
        });
    }
  }
  return server;
}
var BodyTooLarge = class extends Error {
};
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge(`request body over ${MAX_BODY} bytes`));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
function authorized(req, token) {
  const h = req.headers.authorization ?? "";
  const m = /^(Bearer|FlyV1|Basic)\s+(.+)$/i.exec(h);
  if (!m) return false;
  if (m[1].toLowerCase() !== "basic") return m[2].trim() === token;
  const decoded = Buffer.from(m[2].trim(), "base64").toString("utf8");
  return decoded.slice(decoded.indexOf(":") + 1) === token;
}

// src/sim/clock.ts
function createSimClock(options = {}) {
  const scale = options.scale ?? 1;
  if (!(scale >= 0) || !Number.isFinite(scale)) {
    throw new Error(`clock scale must be a finite number >= 0, got ${scale}`);
  }
  const realStart = performance.now();
  const virtualStart = options.start ?? Date.now();
  let offset = 0;
  let seq = 0;
  const heap = [];
  let armed;
  let armedFor = Infinity;
  let advancing = false;
  const now = () => Math.floor(virtualStart + offset + (performance.now() - realStart) * scale);
  const push = (t) => {
    heap.push(t);
    let i = heap.length - 1;
    while (i > 0) {
      const p = i - 1 >> 1;
      if (less(heap[p], heap[i])) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  const peek = () => {
    while (heap.length > 0 && heap[0].cancelled) pop();
    return heap[0];
  };
  const runDue = () => {
    armed = void 0;
    armedFor = Infinity;
    if (advancing) return;
    const t = now();
    for (let next = peek(); next && next.due <= t; next = peek()) {
      pop();
      run(next);
    }
    arm();
  };
  const arm = () => {
    const next = peek();
    if (!next || scale === 0 || advancing) return;
    if (armed && armedFor <= next.due) return;
    if (armed) clearTimeout(armed);
    const delay = Math.max(0, (next.due - now()) / scale);
    armedFor = next.due;
    armed = setTimeout(runDue, Math.min(delay, 2 ** 31 - 1));
    armed.unref?.();
  };
  const run = (t) => {
    try {
      const r = t.fn();
      if (r && typeof r.then === "function") {
        return r.catch(() => void 0);
      }
    } catch {
    }
    return void 0;
  };
  const clock = {
    now,
    scale,
    setTimer(ms, fn) {
      const t = {
        due: now() + Math.max(0, ms),
        seq: seq++,
        fn,
        cancelled: false
      };
      push(t);
      arm();
      return () => {
        t.cancelled = true;
      };
    },
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = () => {
          cancel();
          reject(signal.reason);
        };
        const cancel = clock.setTimer(ms, () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        });
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    async advance(ms) {
      if (advancing) throw new Error("clock.advance() is already running");
      advancing = true;
      if (armed) clearTimeout(armed);
      armed = void 0;
      armedFor = Infinity;
      const target = now() + ms;
      try {
        for (let next = peek(); next && next.due <= target; next = peek()) {
          pop();
          offset += Math.max(0, next.due - now());
          await run(next);
          await new Promise((r) => setImmediate(r));
        }
        offset += Math.max(0, target - now());
      } finally {
        advancing = false;
        arm();
      }
    },
    pendingTimers() {
      return heap.filter((t) => !t.cancelled).length;
    },
    dispose() {
      if (armed) clearTimeout(armed);
      armed = void 0;
      armedFor = Infinity;
      heap.length = 0;
    }
  };
  return clock;
}
function less(a, b) {
  return a.due < b.due || a.due === b.due && a.seq < b.seq;
}

// src/sim/faults.ts
function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        re += ".*";
        i++;
      } else re += "[^/]*";
    } else re += ch.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function createFaultBook() {
  const faults = [];
  let seq = 0;
  return {
    add(input, delayMs) {
      let action;
      if (input.reset) action = { kind: "reset" };
      else if (input.status !== void 0) {
        if (!Number.isInteger(input.status) || input.status < 100 || input.status > 599) {
          throw new TypeError(
            `status must be an HTTP status code, got ${input.status}`
          );
        }
        action = { kind: "status", status: input.status, body: input.body };
      } else if (delayMs !== void 0) action = { kind: "delay", ms: delayMs };
      else
        throw new TypeError(
          "a request fault needs one of status, delay or reset"
        );
      if (typeof input.path !== "string" || !input.path.startsWith("/")) {
        throw new TypeError('path must be a path glob starting with "/"');
      }
      const times = input.times ?? 1;
      if (!Number.isInteger(times) || times < 1) {
        throw new TypeError(
          `times must be a positive integer, got ${input.times}`
        );
      }
      const f = {
        id: ++seq,
        method: input.method?.toUpperCase(),
        path: input.path,
        remaining: times,
        action,
        re: globToRegExp(input.path)
      };
      faults.push(f);
      return {
        id: f.id,
        method: f.method,
        path: f.path,
        remaining: f.remaining,
        action
      };
    },
    /** take consumes and returns the first fault matching the request, if any. */
    take(method, path) {
      const i = faults.findIndex(
        (f2) => (!f2.method || f2.method === method) && f2.re.test(path)
      );
      if (i < 0) return void 0;
      const f = faults[i];
      if (--f.remaining <= 0) faults.splice(i, 1);
      return f.action;
    },
    list() {
      return faults.map(({ re: _re, ...f }) => f);
    },
    clear() {
      faults.length = 0;
    }
  };
}

// src/sim/proxy/edge.ts
import http3 from "node:http";
function createEdgeServer(sim) {
  const inflight = /* @__PURE__ */ new Map();
  const server = http3.createServer((req, res) => {
    void serve(req, res);
  });
  async function serve(req, res) {
    const world = sim.world;
    const clientRegion = header(req, "x-flysim-client-region") ?? sim.settings.clientRegion;
    const edgeRegion = findRegion(clientRegion) ? clientRegion : sim.settings.clientRegion;
    const requestId = `${world.rng.ulid(world.now())}-${edgeRegion}`;
    const fail = (status, message) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(status, {
        "content-type": "text/plain; charset=utf-8",
        "fly-request-id": requestId,
        server: "Fly/flysim"
      });
      res.end(message + "\n");
    };
    const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    const appName = host.endsWith(".fly.dev") ? host.slice(0, -".fly.dev".length) : "";
    const app = world.apps.get(appName);
    if (!app || app.status === "destroying") {
      req.resume();
      fail(404, `no app found for host "${host}"`);
      return;
    }
    const forceId = header(req, "fly-force-instance-id");
    const forceRegions = list(header(req, "fly-force-region"));
    const preferId = header(req, "fly-prefer-instance-id");
    const preferRegions = list(header(req, "fly-prefer-region"));
    const extra = {};
    const pick2 = () => {
      const pool = routable(sim, app);
      if (forceId) return pool.find((c) => c.m.id === forceId);
      if (forceRegions.length) {
        return choose(
          pool.filter((c) => forceRegions.includes(c.m.region)),
          forceRegions,
          edgeRegion
        );
      }
      if (preferId) {
        const hit = pool.find((c) => c.m.id === preferId);
        if (hit) return hit;
        extra["fly-preferred-instance-unavailable"] = preferId;
      }
      return choose(pool, preferRegions, edgeRegion);
    };
    let target = pick2();
    if (!target && (forceId || forceRegions.length)) {
      target = await waitFor(sim, pick2, sim.settings.edgeRetryMs);
    }
    if (!target) {
      req.resume();
      const what = forceId ? `instance ${forceId}` : forceRegions.length ? `region ${forceRegions.join(",")}` : `app ${app.name}`;
      fail(503, `could not find a healthy instance for ${what} to route to`);
      return;
    }
    const { m, port } = target;
    inflight.set(m.id, (inflight.get(m.id) ?? 0) + 1);
    const headers = { ...req.headers };
    for (const h of [
      "fly-force-instance-id",
      "fly-force-region",
      "fly-prefer-instance-id",
      "fly-prefer-region",
      "x-flysim-client-region"
    ]) {
      delete headers[h];
    }
    Object.assign(headers, extra, {
      "fly-region": edgeRegion,
      "fly-client-ip": req.socket.remoteAddress ?? "127.0.0.1",
      "fly-forwarded-port": "443",
      "fly-forwarded-proto": "https",
      "fly-request-id": requestId,
      via: "1.1 fly.io"
    });
    const upstream = http3.request(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: req.url,
        headers,
        agent: false
      },
      (up) => {
        const out = { ...up.headers };
        if (!pristine(m)) {
          Object.assign(out, {
            "fly-request-id": requestId,
            via: "1.1 fly.io",
            server: "Fly/flysim"
          });
        }
        res.writeHead(up.statusCode ?? 502, out);
        up.pipe(res);
        up.once("end", release);
      }
    );
    let released = false;
    function release() {
      if (released) return;
      released = true;
      inflight.set(m.id, Math.max(0, (inflight.get(m.id) ?? 1) - 1));
    }
    upstream.once("error", () => {
      release();
      fail(502, `error connecting to instance ${m.id}: connection closed`);
    });
    res.once("close", () => {
      release();
      upstream.destroy();
    });
    req.pipe(upstream);
  }
  function choose(pool, preferred, edge) {
    if (pool.length === 0) return void 0;
    const regions2 = [...new Set(pool.map((c) => c.m.region))];
    const order = [
      ...preferred.filter((r) => regions2.includes(r)),
      ...byDistanceFrom(
        edge,
        regions2.filter((r) => !preferred.includes(r))
      )
    ];
    const inRegion = pool.filter((c) => c.m.region === order[0]);
    let best = Infinity;
    let picks = [];
    for (const c of inRegion) {
      const n = inflight.get(c.m.id) ?? 0;
      if (n < best) {
        best = n;
        picks = [c];
      } else if (n === best) picks.push(c);
    }
    return picks[sim.world.rng.int(picks.length)];
  }
  return server;
}
function routable(sim, app) {
  const out = [];
  for (const m of app.machines.values()) {
    if (m.state !== "started" || m.cordoned || m.skipServiceRegistration)
      continue;
    if (m.config.dns?.skip_registration) continue;
    if (sim.world.cutRegions.has(m.region)) continue;
    const service = (m.config.services ?? []).find(
      (s) => (s?.ports ?? []).some((p) => (p?.handlers ?? []).includes("http"))
    ) ?? m.config.services?.[0];
    if (!service || typeof service.internal_port !== "number") continue;
    const port = sim.runtime.listenPort(m, service.internal_port);
    if (port === void 0) continue;
    const plans = sim.runtime.checkPlans(m).filter((c) => c.routing);
    if (!plans.every((c) => m.checks.get(c.name)?.status === "passing"))
      continue;
    out.push({ m, port });
  }
  return out;
}
function pristine(m) {
  return (m.config.services ?? []).some(
    (s) => (s?.ports ?? []).some(
      (p) => p.http_options?.response?.pristine === true
    )
  );
}
function waitFor(sim, pick2, ms) {
  if (ms <= 0) return Promise.resolve(void 0);
  return new Promise((resolve) => {
    const onChange = () => {
      const hit = pick2();
      if (hit) finish(hit);
    };
    const finish = (v) => {
      cancel();
      sim.world.off("machine", onChange);
      resolve(v);
    };
    const cancel = sim.world.clock.setTimer(ms, () => finish(pick2()));
    sim.world.on("machine", onChange);
  });
}
function header(req, name) {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : void 0;
}
function list(v) {
  return v ? v.split(",").map((s) => s.trim()).filter(Boolean) : [];
}

// src/sim/random.ts
var CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function createRng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = s + 2654435769 >>> 0;
    let z = s;
    z = Math.imul(z ^ z >>> 16, 2246822507);
    z = Math.imul(z ^ z >>> 13, 3266489909);
    return (z ^ z >>> 16) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (a + b >>> 0) + d >>> 0;
    d = d + 1 >>> 0;
    a = b ^ b >>> 9;
    b = c + (c << 3) >>> 0;
    c = c << 21 | c >>> 11;
    c = c + t >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng = {
    next,
    int: (n) => Math.floor(next() * n),
    hex(n) {
      let out = "";
      for (let i = 0; i < n; i++) out += rng.int(16).toString(16);
      return out;
    },
    ulid(timeMs) {
      let time = Math.max(0, Math.floor(timeMs));
      let head = "";
      for (let i = 0; i < 10; i++) {
        head = CROCKFORD[time % 32] + head;
        time = Math.floor(time / 32);
      }
      let tail = "";
      for (let i = 0; i < 16; i++) tail += CROCKFORD[rng.int(32)];
      return head + tail;
    },
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  };
  return rng;
}

// src/sim/releases/server.ts
import { createHash as createHash3 } from "node:crypto";
import http4 from "node:http";

// src/sim/releases/archive.ts
import zlib from "node:zlib";
var FIXED_MTIME = 1735689600;
var BLOCK = 512;
function tarball(entries) {
  const parts = [];
  for (const e of entries) {
    parts.push(tarHeader(e));
    parts.push(e.data);
    const pad = (BLOCK - e.data.length % BLOCK) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
function tarHeader(e) {
  const h = Buffer.alloc(BLOCK);
  const name = Buffer.from(e.name, "utf8");
  if (name.length > 100) throw new Error(`tar entry name too long: ${e.name}`);
  name.copy(h, 0);
  octal(h, 100, 8, e.mode & 4095);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, e.data.length);
  octal(h, 136, 12, FIXED_MTIME);
  h.fill(32, 148, 156);
  h.write("0", 156, "latin1");
  h.write("ustar\0", 257, "latin1");
  h.write("00", 263, "latin1");
  h.write("root", 265, "latin1");
  h.write("root", 297, "latin1");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "latin1");
  return h;
}
function octal(h, offset, width, n) {
  h.write(n.toString(8).padStart(width - 1, "0") + "\0", offset, "latin1");
}
function gzip(data) {
  const out = zlib.gzipSync(data, { level: 9 });
  out[9] = 3;
  return out;
}
function zip(entries) {
  const locals = [];
  const centrals = [];
  const { time, date } = dosTime(FIXED_MTIME);
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(67324752, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt16LE(2048, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, e.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(33639248, 0);
    central.writeUInt16LE(3 << 8 | 20, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(2048, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((32768 | e.mode & 4095) << 16 >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(101010256, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
function dosTime(unixS) {
  const d = new Date(unixS * 1e3);
  return {
    time: d.getUTCHours() << 11 | d.getUTCMinutes() << 5 | Math.floor(d.getUTCSeconds() / 2),
    date: d.getUTCFullYear() - 1980 << 9 | d.getUTCMonth() + 1 << 5 | d.getUTCDate()
  };
}
function crc32(data) {
  const native = zlib.crc32;
  if (typeof native === "function") return native(data) >>> 0;
  return crc32Portable(data);
}
var table;
function crc32Portable(data) {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 4294967295;
  for (const b of data) crc = table[(crc ^ b) & 255] ^ crc >>> 8;
  return (crc ^ 4294967295) >>> 0;
}

// src/sim/releases/catalog.ts
var PLATFORMS = [
  { os: "Linux", arch: "x86_64" },
  { os: "Linux", arch: "arm64" },
  { os: "macOS", arch: "x86_64" },
  { os: "macOS", arch: "arm64" },
  { os: "Windows", arch: "x86_64" },
  { os: "Windows", arch: "arm64" }
];
function normalizeOs(s) {
  switch (s.toLowerCase()) {
    case "linux":
      return "Linux";
    case "macos":
    case "darwin":
      return "macOS";
    case "windows":
      return "Windows";
    default:
      return void 0;
  }
}
function normalizeArch(s) {
  switch (s.toLowerCase()) {
    case "x86_64":
    case "amd64":
      return "x86_64";
    case "arm64":
    case "aarch64":
      return "arm64";
    default:
      return void 0;
  }
}
function parseVersion(s) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(s.trim());
  if (!m) return void 0;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    pre: m[4] ?? ""
  };
}
function formatVersion(v) {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ""}`;
}
function compareVersions(a, b) {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (d !== 0) return Math.sign(d);
  if (a.pre === b.pre) return 0;
  if (!a.pre) return 1;
  if (!b.pre) return -1;
  const pa = a.pre.split(/[.-]/);
  const pb = b.pre.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === void 0) return -1;
    if (y === void 0) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return Math.sign(nx - ny);
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
function assetName(version, os, arch) {
  const ext = os === "Windows" ? "zip" : "tar.gz";
  return `flyctl_${version}_${os}_${arch}.${ext}`;
}
function parseAssetName(name) {
  const m = /^flyctl_(.+)_(Linux|macOS|Windows)_(x86_64|arm64)\.(tar\.gz|zip)$/.exec(
    name
  );
  if (!m) return void 0;
  const [, version, os, arch, ext] = m;
  if (os === "Windows" !== (ext === "zip")) return void 0;
  return { version, os, arch };
}
function assetNames(version) {
  return PLATFORMS.map((p) => assetName(version, p.os, p.arch)).sort();
}

// src/sim/releases/server.ts
var DEFAULT_VERSIONS = ["0.3.195", "0.3.209", "0.3.214"];
var WEEK_MS = 7 * 24 * 3600 * 1e3;
var DAY_MS = 24 * 3600 * 1e3;
var OBJECT_PREFIX = "/release-assets/superfly/flyctl/";
var DOWNLOAD_PREFIX = "/superfly/flyctl/releases/download/";
var RESOLVE_PREFIX = "/app/flyctl_releases/";
function createReleasesServer(opts) {
  const releases = catalogue(opts);
  const byVersion = new Map(releases.map((r) => [r.version, r]));
  const built = /* @__PURE__ */ new Map();
  const tampered = /* @__PURE__ */ new Set();
  const dropped = /* @__PURE__ */ new Set();
  let counts = emptyCounts();
  const key = (version, asset) => `v${version}/${asset}`;
  const release = (version) => {
    const v = parseVersion(version);
    return v ? byVersion.get(formatVersion(v)) : void 0;
  };
  const genuine = (version, asset) => {
    const k = key(version, asset);
    let bytes = built.get(k);
    if (!bytes) {
      bytes = buildAsset(opts.flyctlScript(), version, asset, false);
      built.set(k, bytes);
    }
    return bytes;
  };
  const served = (version, asset) => {
    const k = key(version, asset);
    if (!tampered.has(k)) return genuine(version, asset);
    const tk = `tampered:${k}`;
    let bytes = built.get(tk);
    if (!bytes) {
      bytes = buildAsset(opts.flyctlScript(), version, asset, true);
      built.set(tk, bytes);
    }
    return bytes;
  };
  const checksums = (version) => {
    const lines = assetNames(version).filter((a) => !dropped.has(key(version, a))).map((a) => `${sha256(genuine(version, a))}  ${a}
`);
    return Buffer.from(lines.join(""), "utf8");
  };
  const requireRef = (ref) => {
    const r = ref && typeof ref.version === "string" ? release(ref.version) : void 0;
    if (!r) {
      throw new TypeError(`no flyctl release ${JSON.stringify(ref?.version)}`);
    }
    if (!assetNames(r.version).includes(ref.asset)) {
      throw new TypeError(
        `release v${r.version} has no asset ${JSON.stringify(ref.asset)}; assets: ${assetNames(r.version).join(", ")}`
      );
    }
    return key(r.version, ref.asset);
  };
  function resolve(req, parts) {
    counts.resolves++;
    const notFound2 = { status: 404, body: "", type: "text/plain" };
    if (parts.length !== 3) return notFound2;
    const [osPart, archPart, versionPart] = parts;
    const os = normalizeOs(osPart);
    const arch = normalizeArch(archPart);
    if (!os || !arch) return notFound2;
    const r = pick(releases, versionPart);
    if (!r) return notFound2;
    const url = `${opts.baseUrl().replace(/\/+$/, "")}${DOWNLOAD_PREFIX}v${r.version}/${assetName(r.version, os, arch)}`;
    if (wantsJson(req)) {
      return {
        status: 200,
        type: "application/json; charset=utf-8",
        body: JSON.stringify({
          version: r.version,
          prerelease: r.prerelease,
          download_url: url,
          timestamp: new Date(r.timestampMs).toISOString()
        })
      };
    }
    return { status: 200, type: "text/plain; charset=utf-8", body: url };
  }
  function locate(tagged, file) {
    const r = tagged.startsWith("v") ? release(tagged.slice(1)) : void 0;
    if (!r || `v${r.version}` !== tagged) return void 0;
    if (file === "checksums.txt") {
      return { version: r.version, kind: "checksums" };
    }
    const parsed = parseAssetName(file);
    if (!parsed || parsed.version !== r.version) return void 0;
    return { version: r.version, kind: "asset" };
  }
  function object(found, file, count) {
    const bytes = found.kind === "checksums" ? checksums(found.version) : served(found.version, file);
    if (count) {
      if (found.kind === "checksums") counts.checksums++;
      else counts.assets++;
      const k = key(found.version, file);
      counts.files[k] = (counts.files[k] ?? 0) + 1;
    }
    return bytes;
  }
  const server = http4.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      send(res, req, 500, "text/plain; charset=utf-8", errorText(e));
    }
  });
  function handle(req, res) {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://releases.flysim");
    const path = url.pathname;
    if (method !== "GET" && method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      send(res, req, 405, "text/plain; charset=utf-8", "Method Not Allowed");
      return;
    }
    if (path.startsWith(RESOLVE_PREFIX)) {
      const parts = path.slice(RESOLVE_PREFIX.length).split("/").map(decode);
      const out = resolve(req, parts);
      send(res, req, out.status, out.type, out.body);
      return;
    }
    if (path.startsWith(DOWNLOAD_PREFIX)) {
      const parts = path.slice(DOWNLOAD_PREFIX.length).split("/").map(decode);
      if (parts.length === 2 && locate(parts[0], parts[1])) {
        res.setHeader(
          "location",
          `${opts.baseUrl()}${OBJECT_PREFIX}${parts.map(encodeURIComponent).join("/")}`
        );
        send(res, req, 302, "text/plain; charset=utf-8", "");
        return;
      }
      send(res, req, 404, "text/plain; charset=utf-8", "Not Found");
      return;
    }
    if (path.startsWith(OBJECT_PREFIX)) {
      const parts = path.slice(OBJECT_PREFIX.length).split("/").map(decode);
      const found = parts.length === 2 ? locate(parts[0], parts[1]) : void 0;
      if (!found) {
        send(res, req, 404, "text/plain; charset=utf-8", "Not Found");
        return;
      }
      const bytes = object(found, parts[1], method === "GET");
      res.setHeader("content-disposition", `attachment; filename=${parts[1]}`);
      send(res, req, 200, "application/octet-stream", bytes);
      return;
    }
    send(res, req, 404, "text/plain; charset=utf-8", "Not Found");
  }
  const control = {
    tamper(ref) {
      tampered.add(requireRef(ref));
    },
    dropChecksum(ref) {
      dropped.add(requireRef(ref));
    },
    reset() {
      tampered.clear();
      dropped.clear();
      built.clear();
      counts = emptyCounts();
    },
    downloads() {
      return { ...counts, files: { ...counts.files } };
    },
    releases() {
      return releases.map((r) => ({
        version: r.version,
        prerelease: r.prerelease,
        timestamp: new Date(r.timestampMs).toISOString(),
        assets: [...assetNames(r.version), "checksums.txt"]
      }));
    }
  };
  return { server, control };
}
function catalogue(opts) {
  const wanted = [
    ...(opts.versions ?? DEFAULT_VERSIONS).map((v) => ({ v, pre: false })),
    ...opts.prerelease ? [{ v: opts.prerelease, pre: true }] : []
  ];
  const list2 = [];
  const seen = /* @__PURE__ */ new Set();
  for (const { v, pre } of wanted) {
    const semver = parseVersion(v);
    if (!semver) {
      throw new TypeError(`invalid flyctl version ${JSON.stringify(v)}`);
    }
    if (pre !== (semver.pre !== "")) {
      throw new TypeError(
        pre ? `prerelease ${JSON.stringify(v)} needs a suffix, e.g. 0.3.215-pre-1` : `version ${JSON.stringify(v)} has a prerelease suffix; pass it as prerelease`
      );
    }
    const version = formatVersion(semver);
    if (seen.has(version)) continue;
    seen.add(version);
    list2.push({ version, semver, prerelease: pre });
  }
  if (!list2.some((r) => !r.prerelease)) {
    throw new TypeError("at least one stable flyctl version is required");
  }
  list2.sort((a, b) => compareVersions(a.semver, b.semver));
  const newest = (opts.now ?? Date.now)() - DAY_MS;
  return list2.map((r, i) => ({
    ...r,
    timestampMs: newest - (list2.length - 1 - i) * WEEK_MS
  }));
}
function pick(releases, requested) {
  if (requested === "latest")
    return releases.filter((r) => !r.prerelease).at(-1);
  if (requested === "prerel" || requested === "pre") return releases.at(-1);
  const v = parseVersion(requested);
  if (!v) return void 0;
  const want = formatVersion(v);
  return releases.find((r) => r.version === want);
}
function buildAsset(script, version, asset, tamper) {
  const parsed = parseAssetName(asset);
  if (!parsed) throw new Error(`not a flyctl asset: ${asset}`);
  let body = script.toString("utf8");
  if (body.startsWith("#!")) body = body.slice(body.indexOf("\n") + 1);
  const prologue = /^(?:\s*(['"])use strict\1;?[ \t]*\r?\n)?/.exec(body)[0];
  body = body.slice(prologue.length);
  const pin = `globalThis.__FLYCTL_VERSION__ = ${JSON.stringify(version)};
globalThis.__FLYCTL_PLATFORM__ = ${JSON.stringify(goPlatform(parsed.os, parsed.arch))};
`;
  const mark = tamper ? "// tampered by flysim: not the published build\n" : "";
  const flyctl = Buffer.from(
    `#!/usr/bin/env node
${prologue}${pin}${mark}${body}`,
    "utf8"
  );
  const docs = [
    { name: "LICENSE", data: Buffer.from(LICENSE, "utf8"), mode: 420 },
    {
      name: "README.md",
      data: Buffer.from(readme(version, asset), "utf8"),
      mode: 420
    }
  ];
  if (parsed.os === "Windows") {
    return zip([
      { name: "flyctl.exe", data: flyctl, mode: 493 },
      { name: "wintun.dll", data: Buffer.from(WINTUN, "utf8"), mode: 420 }
    ]);
  }
  return gzip(tarball([{ name: "flyctl", data: flyctl, mode: 493 }, ...docs]));
}
var LICENSE = `Apache License
Version 2.0, January 2004
http://www.apache.org/licenses/

flysim placeholder: the real flyctl archive ships the full Apache-2.0 text.
`;
var WINTUN = "flysim placeholder for wintun.dll (not a real DLL)\n";
function readme(version, asset) {
  return `# flyctl ${version} (flysim stand-in)

From ${asset}.

This archive mirrors the layout of a real flyctl release. The \`flyctl\`
inside is flysim's stand-in: a Node.js script that talks to a local
simulator through FLY_FLAPS_BASE_URL and FLY_API_TOKEN.
`;
}
function goPlatform(os, arch) {
  const goos = os === "macOS" ? "darwin" : os.toLowerCase();
  return `${goos}/${arch === "x86_64" ? "amd64" : "arm64"}`;
}
function wantsJson(req) {
  return /\bapplication\/json\b/i.test(req.headers.accept ?? "");
}
function emptyCounts() {
  return { resolves: 0, assets: 0, checksums: 0, files: {} };
}
function sha256(b) {
  return createHash3("sha256").update(b).digest("hex");
}
function decode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
function errorText(e) {
  return `flysim releases: internal error: ${e instanceof Error ? e.message : String(e)}`;
}
function send(res, req, status, type, body) {
  if (res.headersSent || res.destroyed) return;
  const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, {
    "content-type": type,
    "content-length": String(payload.length)
  });
  res.end(req.method === "HEAD" ? void 0 : payload);
}

// src/sim/world.ts
import { EventEmitter } from "node:events";
function behaviorOf(m) {
  return m.override ? { ...m.image.behavior, ...m.override } : m.image.behavior;
}
var World = class extends EventEmitter {
  constructor(clock, rng, images) {
    super();
    this.clock = clock;
    this.rng = rng;
    this.images = images;
    this.setMaxListeners(0);
    this.orgs.set("personal", { slug: "personal", name: "Personal" });
  }
  clock;
  rng;
  images;
  apps = /* @__PURE__ */ new Map();
  orgs = /* @__PURE__ */ new Map();
  /** Postgres clusters by id. */
  postgres = /* @__PURE__ */ new Map();
  /** Regions whose hosts refuse new placements and updates (fault). */
  capacityFaults = /* @__PURE__ */ new Set();
  /** Regions the edge cannot reach (fault). */
  cutRegions = /* @__PURE__ */ new Set();
  /** Machine ids whose versions were pruned to the newest (fault). */
  machineIndex = /* @__PURE__ */ new Map();
  now() {
    return this.clock.now();
  }
  iso(ms = this.now()) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  newMachineId() {
    for (; ; ) {
      const id = this.rng.hex(14);
      if (!this.machineIndex.has(id)) return id;
    }
  }
  newVersion() {
    return this.rng.ulid(this.now());
  }
  addMachine(app, m) {
    app.machines.set(m.id, m);
    this.machineIndex.set(m.id, m);
  }
  removeMachine(app, id) {
    app.machines.delete(id);
    this.machineIndex.delete(id);
  }
  /** machine finds a machine by id in any app. */
  machine(id) {
    return this.machineIndex.get(id);
  }
  /** changed tells waiters (`/wait`, the edge) that a machine moved. */
  changed(m) {
    m.updatedAt = this.now();
    this.emit("machine", m);
  }
  addEvent(m, type, status, source, request) {
    const ev = {
      id: this.rng.ulid(this.now()),
      type,
      status,
      source,
      timestamp: this.now(),
      ...request ? { request } : {}
    };
    m.events.unshift(ev);
    if (m.events.length > 100) m.events.length = 100;
    return ev;
  }
};

// src/sim/runtime/app-server.ts
import { createHash as createHash4 } from "node:crypto";
import http5 from "node:http";
var HEALTH_PATHS = /* @__PURE__ */ new Set(["/health", "/healthz", "/_health"]);
var ECHOED = [
  "fly-region",
  "fly-client-ip",
  "fly-forwarded-port",
  "fly-forwarded-proto",
  "fly-preferred-instance-unavailable",
  "fly-request-id",
  "via"
];
async function startAppProcess(ctx) {
  const { machine, env, rng } = ctx;
  const identity = {
    app: machine.app,
    machine_id: machine.id,
    region: machine.region,
    version: machine.instanceId,
    image: machine.config.image ?? "",
    image_digest: machine.image.digest,
    process_group: machine.config.metadata?.["fly_process_group"] ?? ""
  };
  const checkPaths = /* @__PURE__ */ new Set();
  for (const c of Object.values(machine.config.checks ?? {})) {
    if (c?.path) checkPaths.add(c.path);
  }
  for (const s of machine.config.services ?? []) {
    for (const c of s?.checks ?? []) if (c?.path) checkPaths.add(c.path);
  }
  const server = http5.createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5e3;
  async function handle(req, res) {
    req.resume();
    const url = new URL(req.url ?? "/", "http://app.internal");
    const behavior = behaviorOf(machine);
    const headers = {
      "content-type": "application/json",
      "x-fly-machine-id": identity.machine_id,
      "x-fly-machine-version": identity.version,
      "x-fly-region": identity.region,
      "x-fly-image-ref": identity.image
    };
    if (url.pathname === "/.flysim/env") {
      const digests = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [
          k,
          createHash4("sha256").update(v).digest("hex")
        ])
      );
      res.writeHead(200, headers).end(JSON.stringify({ ...identity, env: digests }));
      return;
    }
    const latency = sampleLatency(behavior.latency, rng);
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    let status = 200;
    const isHealth = checkPaths.has(url.pathname) || HEALTH_PATHS.has(url.pathname);
    if (isHealth) {
      const h = behavior.health;
      if (h.kind === "failing" || h.kind === "flaky" && rng.next() < h.p)
        status = 503;
    }
    if (status === 200 && behavior.errorRate > 0 && rng.next() < behavior.errorRate) {
      status = 500;
    }
    const echoed = {};
    for (const h of ECHOED) {
      const v = req.headers[h];
      if (typeof v === "string") echoed[h] = v;
    }
    if (res.destroyed) return;
    res.writeHead(status, headers).end(
      JSON.stringify({
        ...identity,
        status,
        method: req.method,
        path: url.pathname,
        latency_ms: latency,
        headers: echoed
      })
    );
  }
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = server.address().port;
  return {
    port,
    env,
    close() {
      server.close();
      server.closeAllConnections();
    }
  };
}
function sampleLatency(l, rng) {
  if (l.p50Ms <= 0) return 0;
  if (l.p99Ms <= l.p50Ms) return l.p50Ms;
  const sigma = Math.log(l.p99Ms / l.p50Ms) / 2.3263;
  return Math.round(l.p50Ms * Math.exp(sigma * rng.normal()) * 10) / 10;
}

// src/sim/runtime/checks.ts
import http6 from "node:http";
import net from "node:net";
var DEFAULT_INTERVAL = 15e3;
var DEFAULT_TIMEOUT = 2e3;
function plan(name, scope, c, defaultPort) {
  const type = c.type === "http" ? "http" : "tcp";
  const headers = {};
  for (const h of c.headers ?? []) {
    if (h?.name) headers[h.name] = (h.values ?? []).join(", ");
  }
  return {
    name,
    scope,
    routing: scope === "service" || c.kind === "readiness",
    type,
    port: c.port ?? defaultPort ?? 0,
    path: c.path ?? "/",
    method: (c.method ?? "GET").toUpperCase(),
    headers,
    intervalMs: c.interval && parseGoDuration(c.interval) || DEFAULT_INTERVAL,
    timeoutMs: c.timeout && parseGoDuration(c.timeout) || DEFAULT_TIMEOUT,
    graceMs: c.grace_period && parseGoDuration(c.grace_period) || 0
  };
}
function configuredChecks(config) {
  const out = [];
  for (const [name, c] of Object.entries(config.checks ?? {})) {
    if (c && typeof c === "object") out.push(plan(name, "top", c, void 0));
  }
  let n = 0;
  for (const s of config.services ?? []) {
    for (const c of s?.checks ?? []) {
      if (!c || typeof c !== "object") continue;
      const p = plan("", "service", c, s.internal_port);
      p.name = `servicecheck-${String(n++).padStart(2, "0")}-${p.type}-${p.port}`;
      out.push(p);
    }
  }
  return out;
}
function runCheck(p, port) {
  if (port === void 0) {
    return Promise.resolve({
      passing: false,
      output: `dial tcp [fdaa::]:${p.port}: connect: connection refused`
    });
  }
  return p.type === "tcp" ? tcpCheck(p, port) : httpCheck(p, port);
}
function tcpCheck(p, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (r) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(
      p.timeoutMs,
      () => done({
        passing: false,
        output: `dial tcp: i/o timeout after ${p.timeoutMs}ms`
      })
    );
    socket.once("connect", () => done({ passing: true, output: "Success" }));
    socket.once(
      "error",
      (e) => done({
        passing: false,
        output: `dial tcp [fdaa::]:${p.port}: ${e.message}`
      })
    );
  });
}
function httpCheck(p, port) {
  return new Promise((resolve) => {
    const req = http6.request(
      {
        host: "127.0.0.1",
        port,
        path: p.path,
        method: p.method,
        headers: { "user-agent": "Consul Health Check", ...p.headers },
        timeout: p.timeoutMs,
        agent: false
      },
      (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        const passing = code >= 200 && code < 400;
        resolve({
          passing,
          output: passing ? `[\u2713] ${code} ${res.statusMessage ?? ""}`.trim() : `HTTP GET http://[fdaa::]:${p.port}${p.path}: ${code} ${res.statusMessage ?? ""}`.trim()
        });
      }
    );
    req.once("timeout", () => {
      req.destroy();
      resolve({
        passing: false,
        output: `context deadline exceeded after ${p.timeoutMs}ms`
      });
    });
    req.once(
      "error",
      (e) => resolve({ passing: false, output: `HTTP GET ${p.path}: ${e.message}` })
    );
    req.end();
  });
}

// src/sim/runtime/lifecycle.ts
var STOP_MS = 200;
var SUSPEND_MS = 300;
var DESTROY_MS = 100;
var RESTART_BACKOFF_MS = 500;
var DEFAULT_MAX_RETRIES = 10;
var MachineRuntime = class {
  constructor(world) {
    this.world = world;
  }
  world;
  gens = /* @__PURE__ */ new Map();
  seq = 0;
  /** listenPort returns the real loopback port behind a machine's internal port, if it listens. */
  listenPort(m, internalPort) {
    const g = this.gens.get(m.id);
    if (!g?.app || m.state !== "started") return void 0;
    if (internalPort !== void 0 && !g.ports.has(internalPort))
      return void 0;
    return g.app.port;
  }
  /** isRunning says whether the machine has a live application process. */
  isRunning(m) {
    return Boolean(this.gens.get(m.id)?.app);
  }
  /** checkPlans returns the checks configured for the machine's current process. */
  checkPlans(m) {
    return this.gens.get(m.id)?.checks ?? configuredChecks(m.config);
  }
  /** launch boots a created, stopped or suspended machine (user start, create, update). */
  launch(m, mode) {
    this.kill(m);
    m.state = mode === "replace" ? "replacing" : "starting";
    m.restartCount = 0;
    m.checks.clear();
    this.world.changed(m);
    this.boot(m);
  }
  /** stop stops the process on request; resolves nothing, the state shows it. */
  stop(m, opts = {}) {
    if (m.state === "stopped" || m.state === "created") return;
    const wasRunning = this.isRunning(m);
    this.kill(m);
    m.state = "stopping";
    this.world.changed(m);
    const g = this.newGeneration(m);
    const delay = Math.min(STOP_MS, opts.timeoutMs ?? STOP_MS);
    g.cancels.push(
      this.world.clock.setTimer(delay, () => {
        if (this.gens.get(m.id) !== g) return;
        this.gens.delete(m.id);
        m.state = "stopped";
        m.checks.clear();
        if (wasRunning) {
          this.world.addEvent(
            m,
            "exit",
            "stopped",
            "flyd",
            exitRequest(
              this.world.now(),
              {
                exit_code: opts.signal === "SIGKILL" ? 137 : 0,
                requested_stop: true,
                restarting: false,
                signal: opts.signal === "SIGKILL" ? 9 : -1
              },
              m.restartCount
            )
          );
        }
        this.world.changed(m);
      })
    );
  }
  /** suspend snapshots a started machine [sim choice: modelled as a stop that keeps its state name]. */
  suspend(m) {
    this.kill(m);
    m.state = "suspending";
    this.world.changed(m);
    const g = this.newGeneration(m);
    g.cancels.push(
      this.world.clock.setTimer(SUSPEND_MS, () => {
        if (this.gens.get(m.id) !== g) return;
        this.gens.delete(m.id);
        m.state = "suspended";
        m.checks.clear();
        this.world.addEvent(m, "suspend", "suspended", "flyd");
        this.world.changed(m);
      })
    );
  }
  /**
   * restart stops and starts the same version [sim choice: an exit event with
   * requested_stop and restarting, then a user `restart` event].
   */
  restart(m, signal) {
    if (this.isRunning(m)) {
      this.world.addEvent(
        m,
        "exit",
        "stopped",
        "flyd",
        exitRequest(
          this.world.now(),
          {
            exit_code: 0,
            requested_stop: true,
            restarting: true,
            signal: signal === "SIGKILL" ? 9 : -1
          },
          m.restartCount
        )
      );
    }
    this.world.addEvent(m, "restart", "restarting", "user");
    this.launch(m, "start");
  }
  /** destroy tears a machine down; the record stays with state destroyed. */
  destroy(app, m) {
    this.kill(m);
    m.state = "destroying";
    this.world.changed(m);
    const g = this.newGeneration(m);
    g.cancels.push(
      this.world.clock.setTimer(DESTROY_MS, () => {
        if (this.gens.get(m.id) !== g) return;
        this.gens.delete(m.id);
        m.state = "destroyed";
        m.checks.clear();
        m.lease = void 0;
        m.destroyedAt = this.world.now();
        for (const v of app.volumes.values()) {
          if (v.attachedMachineId === m.id) v.attachedMachineId = void 0;
        }
        this.world.addEvent(m, "destroy", "destroyed", "user");
        this.world.changed(m);
      })
    );
  }
  /** crash kills the machine's process as if it exited on its own (fault injection). */
  crash(m, exitCode, oomKilled = false) {
    if (!this.isRunning(m)) return false;
    this.exited(m, exitCode, oomKilled);
    return true;
  }
  /** shutdown stops every process and timer: flysim is closing. */
  shutdown() {
    for (const id of [...this.gens.keys()]) {
      const g = this.gens.get(id);
      g.cancels.forEach((c) => c());
      g.app?.close();
    }
    this.gens.clear();
  }
  // --- internals -------------------------------------------------------------
  newGeneration(m) {
    const g = {
      id: ++this.seq,
      cancels: [],
      ports: /* @__PURE__ */ new Set(),
      checks: []
    };
    this.gens.set(m.id, g);
    return g;
  }
  /** kill ends the current generation without any event. */
  kill(m) {
    const g = this.gens.get(m.id);
    if (!g) return;
    this.gens.delete(m.id);
    g.cancels.forEach((c) => c());
    g.app?.close();
  }
  boot(m) {
    const g = this.newGeneration(m);
    const behavior = behaviorOf(m);
    g.cancels.push(
      this.world.clock.setTimer(behavior.bootMs, () => this.up(m, g, false))
    );
  }
  /**
   * adopt starts a machine that was already running when flysim started (a
   * scenario's existing deployment): no boot wait, and every check runs once
   * at once so the machine begins in the proxy pool.
   */
  async adopt(m) {
    this.kill(m);
    await this.up(m, this.newGeneration(m), true);
  }
  /** up starts the application process of a generation and its checks. */
  async up(m, g, checkNow) {
    if (this.gens.get(m.id) !== g) return;
    const app = await startAppProcess({
      machine: m,
      env: this.environment(m),
      rng: this.world.rng
    });
    if (this.gens.get(m.id) !== g) {
      app.close();
      return;
    }
    g.app = app;
    for (const s of m.config.services ?? []) {
      if (typeof s?.internal_port === "number") g.ports.add(s.internal_port);
    }
    g.checks = configuredChecks(m.config);
    m.state = "started";
    this.world.addEvent(m, "start", "started", "flyd");
    this.world.changed(m);
    const crash = behaviorOf(m).crash;
    if (crash.kind === "boot") {
      this.exited(m, behaviorOf(m).exitCode);
      return;
    }
    if (crash.kind === "after") {
      g.cancels.push(
        this.world.clock.setTimer(crash.ms, () => {
          if (this.gens.get(m.id) === g) this.exited(m, behaviorOf(m).exitCode);
        })
      );
    }
    if (checkNow) {
      await Promise.all(g.checks.map((c) => this.checkOnce(m, g, c)));
      for (const c of g.checks) this.scheduleCheck(m, g, c, c.intervalMs);
    } else {
      for (const c of g.checks)
        this.scheduleCheck(m, g, c, c.graceMs || c.intervalMs);
    }
  }
  scheduleCheck(m, g, c, delay) {
    g.cancels.push(
      this.world.clock.setTimer(delay, async () => {
        if (this.gens.get(m.id) !== g) return;
        await this.checkOnce(m, g, c);
        if (this.gens.get(m.id) === g) this.scheduleCheck(m, g, c, c.intervalMs);
      })
    );
  }
  /** checkOnce runs one check for real and records its status. */
  async checkOnce(m, g, c) {
    const h = behaviorOf(m).health;
    const unready = c.type === "tcp" && (h.kind === "failing" || h.kind === "flaky" && this.world.rng.next() < h.p);
    const listens = g.ports.size === 0 || g.ports.has(c.port);
    const port = g.app && listens && !unready ? g.app.port : void 0;
    const result = await runCheck(c, port);
    if (this.gens.get(m.id) !== g) return;
    const status = {
      name: c.name,
      status: result.passing ? "passing" : "critical",
      output: result.output,
      updated_at: this.world.iso()
    };
    const before = m.checks.get(c.name)?.status;
    m.checks.set(c.name, status);
    if (before !== status.status) this.world.changed(m);
  }
  /** exited applies the restart policy to a process that exited on its own. */
  exited(m, exitCode, oomKilled = false) {
    this.kill(m);
    const policy = m.config.restart?.policy || "on-failure";
    const maxRetries = m.config.restart?.max_retries ?? DEFAULT_MAX_RETRIES;
    const restarting = policy === "always" || policy === "on-failure" && exitCode !== 0 && m.restartCount < maxRetries;
    m.checks.clear();
    this.world.addEvent(
      m,
      "exit",
      restarting ? "starting" : "stopped",
      "flyd",
      exitRequest(
        this.world.now(),
        {
          exit_code: exitCode,
          oom_killed: oomKilled,
          requested_stop: false,
          restarting,
          signal: -1
        },
        m.restartCount
      )
    );
    if (!restarting) {
      m.state = "stopped";
      this.world.changed(m);
      if (m.config.auto_destroy) {
        const app = this.world.apps.get(m.app);
        if (app) this.destroy(app, m);
      }
      return;
    }
    m.restartCount++;
    m.state = "starting";
    this.world.changed(m);
    const g = this.newGeneration(m);
    g.cancels.push(
      this.world.clock.setTimer(RESTART_BACKOFF_MS, () => {
        if (this.gens.get(m.id) !== g) return;
        this.gens.delete(m.id);
        this.boot(m);
      })
    );
  }
  /** environment is what the machine's process sees (API-NOTES "Machine runtime environment"). */
  environment(m) {
    const app = this.world.apps.get(m.app);
    const env = {};
    if (app) {
      for (const [name, s] of app.secrets) env[name] = s.value;
      m.secretsVersion = app.secretsVersion;
    }
    Object.assign(env, m.config.env ?? {});
    Object.assign(env, {
      FLY_APP_NAME: m.app,
      FLY_MACHINE_ID: m.id,
      FLY_ALLOC_ID: m.id,
      FLY_REGION: m.region,
      FLY_PUBLIC_IP: "",
      FLY_IMAGE_REF: m.config.image ?? "",
      FLY_MACHINE_VERSION: m.instanceId,
      FLY_PRIVATE_IP: m.privateIp,
      FLY_PROCESS_GROUP: m.config.metadata?.["fly_process_group"] ?? "",
      FLY_VM_MEMORY_MB: String(
        m.config.guest?.memory_mb ?? 256
      ),
      PRIMARY_REGION: m.config.env?.["PRIMARY_REGION"] ?? m.region
    });
    return env;
  }
};
function exitRequest(now, e, restartCount) {
  return {
    exit_event: {
      exit_code: e.exit_code,
      exited_at: now,
      guest_exit_code: e.exit_code,
      guest_signal: e.signal,
      oom_killed: e.oom_killed ?? false,
      requested_stop: e.requested_stop,
      restarting: e.restarting,
      signal: e.signal
    },
    restart_count: restartCount
  };
}

// src/sim/index.ts
var DEFAULT_REGIONS = ["sjc", "lhr", "syd"];
async function startSim(options = {}) {
  const regions2 = options.regions ?? DEFAULT_REGIONS;
  for (const r of regions2) assertRegion(r);
  const clientRegion = options.clientRegion ?? regions2[0] ?? "iad";
  assertRegion(clientRegion);
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const ownClock = !options.clock;
  const clock = options.clock ?? createSimClock({ scale: options.clockScale ?? 1 });
  const world = new World(clock, rng, createImageRegistry());
  const runtime = new MachineRuntime(world);
  const limiter = createRateLimiter(clock);
  limiter.setEnabled(options.rateLimits ?? true);
  const token = options.token ?? `fo1_flysim_${rng.hex(32)}`;
  const sim = {
    world,
    runtime,
    limiter,
    faults: createFaultBook(),
    settings: {
      token,
      tokenOwner: options.tokenOwner ?? "ci@example.com",
      leaseShape: options.leaseShape ?? "wrapped",
      defaultRegion: regions2[0] ?? "iad",
      clientRegion,
      edgeRetryMs: options.edgeRetryMs ?? 2e3
    },
    log: [],
    onResponse: options.onResponse
  };
  const control = createControl(sim, regions2);
  const flyctlScript = locateFlyctlScript();
  let releasesUrl = "";
  const releases = createReleasesServer({
    flyctlScript: () => {
      if (!flyctlScript)
        throw new Error(
          "the stand-in flyctl bundle (flyctl.cjs) was not found; run `npm run bundle`"
        );
      return readFileSync(flyctlScript);
    },
    baseUrl: () => releasesUrl,
    versions: options.flyctlVersions,
    now: () => clock.now()
  });
  const servers = [];
  const listen = async (server, port) => {
    servers.push(server);
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    return `http://127.0.0.1:${server.address().port}`;
  };
  const base2 = options.port ?? 0;
  const at = (i) => base2 === 0 ? 0 : base2 + i;
  let binDir;
  let flyctlPath;
  try {
    const apiUrl = await listen(createApiServer(sim), at(0));
    const edgeUrl = await listen(createEdgeServer(sim), at(1));
    releasesUrl = await listen(releases.server, at(2));
    const adminUrl = await listen(
      createAdminServer(control, releases.control),
      at(3)
    );
    if (flyctlScript) {
      binDir = await mkdtemp(join(tmpdir(), "flysim-bin-"));
      flyctlPath = join(binDir, "flyctl");
      await writeFile(
        flyctlPath,
        `#!/usr/bin/env node
${readFileSync(flyctlScript, "utf8").replace(/^#!.*\n/, "")}`
      );
      await chmod(flyctlPath, 493);
      await symlink(flyctlPath, join(binDir, "fly"));
    }
    for (const spec of options.apps ?? []) await buildApp(sim, spec, regions2);
    return {
      apiUrl,
      edgeUrl,
      releasesUrl,
      adminUrl,
      token,
      flyctlPath,
      binDir,
      control,
      async close() {
        runtime.shutdown();
        await Promise.all(servers.map((s) => closeServer(s)));
        if (ownClock) clock.dispose();
        if (binDir) await rm(binDir, { recursive: true, force: true });
      }
    };
  } catch (e) {
    runtime.shutdown();
    await Promise.all(servers.map((s) => closeServer(s)));
    if (binDir) await rm(binDir, { recursive: true, force: true });
    throw e;
  }
}
function assertRegion(code) {
  if (findRegion(code)) return;
  const hint = code === "sfo" ? " (Fly has no sfo; the Bay Area region is sjc, San Jose)" : "";
  throw new TypeError(
    `unknown region "${code}"${hint}; Fly's regions are ${REGIONS.map((r) => r.code).join(", ")}`
  );
}
function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
function locateFlyctlScript() {
  const candidates = [
    process.env.FLYSIM_FLYCTL_SCRIPT,
    fileURLToPath(new URL("./flyctl.cjs", import.meta.url)),
    fileURLToPath(new URL("../../dist/flyctl.cjs", import.meta.url))
  ];
  return candidates.find((p) => Boolean(p && existsSync(p)));
}
export {
  DEFAULT_REGIONS,
  REGIONS,
  createSimClock,
  locateFlyctlScript,
  routeTemplates,
  startSim
};
