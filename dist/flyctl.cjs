#!/usr/bin/env node

"use strict";

// src/sim/flyctl/run.ts
var import_node_path4 = require("node:path");
var import_node_fs3 = require("node:fs");

// src/sim/flyctl/apps.ts
var import_node_crypto2 = require("node:crypto");

// src/sim/flyctl/io.ts
var import_node_crypto = require("node:crypto");
var FlyctlError = class extends Error {
  constructor(message, usageHint) {
    super(message);
    this.usageHint = usageHint;
  }
  usageHint;
};
function goJson(value, indent = 0) {
  const text = JSON.stringify(value, null, indent || void 0);
  return text.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  ) + "\n";
}
function humanizeBytes(n) {
  if (n < 10) return `${n} B`;
  const sizes = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
  const e = Math.floor(Math.log(n) / Math.log(1e3));
  const val = Math.floor(n / Math.pow(1e3, e) * 10 + 0.5) / 10;
  return val < 10 ? `${val.toFixed(1)} ${sizes[e]}` : `${val.toFixed(0)} ${sizes[e]}`;
}
var CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function newUlid(nowMs = Date.now()) {
  let time = Math.max(0, Math.floor(nowMs));
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = "";
  for (const b of (0, import_node_crypto.randomBytes)(16)) tail += CROCKFORD[b % 32];
  return head + tail;
}
async function readStdin(stdin) {
  return typeof stdin === "string" ? stdin : stdin.text();
}

// src/sim/flyctl/flaps.ts
var DEFAULT_FLAPS_URL = "https://api.machines.dev";
var ApiError = class extends Error {
  constructor(status, message, requestId, body) {
    super(message);
    this.status = status;
    this.requestId = requestId;
    this.body = body;
  }
  status;
  requestId;
  body;
};
var TransportError = class extends Error {
};
function resolveToken(io, flag) {
  const token = flag || io.env.FLY_ACCESS_TOKEN || io.env.FLY_API_TOKEN || "";
  if (!token.trim()) {
    throw new FlyctlError(
      "No access token available. Please login with 'flyctl auth login'"
    );
  }
  return token.trim();
}
function createFlaps(io, token, version) {
  const baseUrl = (io.env.FLY_FLAPS_BASE_URL || DEFAULT_FLAPS_URL).replace(
    /\/+$/,
    ""
  );
  const authorization = /^FlyV1\s/.test(token) ? token : `Bearer ${token}`;
  return {
    baseUrl,
    async request(method, path, options = {}) {
      const url = new URL(baseUrl + path);
      for (const [k, v] of Object.entries(options.query ?? {})) {
        url.searchParams.set(k, v);
      }
      const headers = {
        authorization,
        "user-agent": `flyctl/${version}`,
        accept: "application/json"
      };
      if (options.nonce) headers["fly-machine-lease-nonce"] = options.nonce;
      let payload;
      if (options.body !== void 0) {
        payload = JSON.stringify(options.body);
        headers["content-type"] = "application/json";
      }
      let res;
      try {
        res = await io.fetch(url, { method, headers, body: payload });
      } catch (e) {
        throw new TransportError(networkMessage(method, url, e));
      }
      const text = await res.text().catch(() => "");
      let body;
      try {
        body = text ? JSON.parse(text) : void 0;
      } catch {
        body = void 0;
      }
      if (res.status >= 200 && res.status < 300) {
        return { status: res.status, headers: res.headers, body, text };
      }
      throw new ApiError(
        res.status,
        errorText(res.status, body, text),
        res.headers.get("fly-request-id") ?? void 0,
        body
      );
    }
  };
}
function describeApiError(context, e) {
  if (e instanceof ApiError) {
    const id = e.requestId ? ` (Request ID: ${e.requestId})` : "";
    return new FlyctlError(`${context}: ${e.message}${id}`);
  }
  if (e instanceof FlyctlError) return e;
  return new FlyctlError(
    `${context}: ${e instanceof Error ? e.message : String(e)}`
  );
}
function errorText(status, body, text) {
  if (body && typeof body === "object") {
    const b = body;
    if (typeof b.error === "string" && b.error) return b.error;
    if (Array.isArray(b.errors) && b.errors.length) {
      const first = b.errors[0];
      const code = typeof first.code === "string" ? `${first.code}: ` : "";
      if (typeof first.message === "string") return code + first.message;
    }
    if (typeof b.message === "string" && b.message) return b.message;
  }
  const trimmed = text.trim();
  return trimmed ? `request returned non-2xx status, ${status}: ${trimmed.slice(0, 200)}` : `request returned non-2xx status, ${status}`;
}
function networkMessage(method, url, e) {
  const goMethod = method[0] + method.slice(1).toLowerCase();
  const cause = e?.cause;
  const host = url.port ? url.host : `${url.hostname}:${url.protocol === "https:" ? 443 : 80}`;
  let why;
  switch (cause?.code) {
    case "ECONNREFUSED":
      why = `dial tcp ${host}: connect: connection refused`;
      break;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      why = `dial tcp: lookup ${url.hostname}: no such host`;
      break;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      why = "connection reset by peer";
      break;
    default:
      why = cause?.message ?? (e instanceof Error ? e.message : String(e));
  }
  return `${goMethod} "${url.origin}${url.pathname}": ${why}`;
}

// src/sim/flyctl/apps.ts
async function runAppsCreate(ctx) {
  const flaps = ctx.flaps();
  const argName = ctx.parsed.positionals[0] ?? "";
  const flagName = ctx.flag("name");
  let name;
  if (argName && flagName && argName !== flagName) {
    throw new FlyctlError(
      `two app names specified ${argName} and ${flagName}, only one may be specified`
    );
  } else if (argName || flagName) {
    name = argName || flagName;
  } else if (ctx.flag("generate-name")) {
    name = generatedName();
  } else {
    throw new FlyctlError(
      "name argument or flag must be specified when not running interactively"
    );
  }
  const org = ctx.flag("org") || "personal";
  const network = ctx.flag("network");
  try {
    await flaps.request("POST", "/v1/apps", {
      body: { name, org_slug: org, ...network ? { network } : {} }
    });
  } catch (e) {
    throw describeApiError("failed to create app", e);
  }
  if (!ctx.flag("json")) {
    ctx.io.stdout.write(`New app created: ${name}
`);
    return;
  }
  let app2 = { name, organization: { slug: org } };
  try {
    app2 = (await flaps.request("GET", `/v1/apps/${encodeURIComponent(name)}`)).body ?? app2;
  } catch {
  }
  ctx.io.stdout.write(goJson(appJson(app2), 4));
}
async function runAppsDestroy(ctx) {
  const flaps = ctx.flaps();
  const name = ctx.parsed.positionals[0];
  if (!ctx.flag("yes")) {
    ctx.io.stderr.write("Destroying an app is not reversible.\n");
    throw new FlyctlError(
      "yes flag must be specified when not running interactively"
    );
  }
  try {
    await flaps.request("DELETE", `/v1/apps/${encodeURIComponent(name)}`);
  } catch (e) {
    throw describeApiError("failed to destroy app", e);
  }
  ctx.io.stdout.write(`Destroyed app ${name}
`);
}
function appJson(app2) {
  const name = app2.name ?? "";
  return {
    ID: app2.id ?? name,
    Name: name,
    Status: app2.status ?? "pending",
    Deployed: app2.status === "deployed",
    Hostname: `${name}.fly.dev`,
    AppURL: `https://${name}.fly.dev`,
    Network: app2.network ?? "default",
    Organization: orgJson(app2.organization),
    PlatformVersion: "machines"
  };
}
function orgJson(org) {
  const slug = org?.slug ?? "personal";
  return {
    // [sim choice] the Machines API has no org id; the slug stands in.
    ID: slug,
    InternalNumericID: "",
    Name: org?.name ?? slug,
    Slug: slug,
    RawSlug: slug,
    PaidPlan: false
  };
}
var ADJECTIVES = [
  "bold",
  "calm",
  "dry",
  "late",
  "odd",
  "quiet",
  "shy",
  "wild"
];
var NOUNS = ["brook", "dust", "fire", "moon", "pine", "river", "snow", "wave"];
function generatedName() {
  const pick = (xs) => xs[(0, import_node_crypto2.randomInt)(xs.length)];
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${(0, import_node_crypto2.randomInt)(1e3, 1e4)}`;
}

// src/sim/flyctl/args.ts
var ArgsError = class extends Error {
  constructor(message, usageHint = false, commandPath2 = "flyctl") {
    super(message);
    this.usageHint = usageHint;
    this.commandPath = commandPath2;
  }
  usageHint;
  commandPath;
};
var HELP = { name: "help", short: "h", kind: "bool" };
function parseArgv(root, globals, argv) {
  let command = root;
  const path = [];
  const used = /* @__PURE__ */ new Set();
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (tok === "--") break;
    if (tok.startsWith("-") && tok !== "-") {
      if (takesValue(tok, [...treeFlags(command), ...globals])) i++;
      continue;
    }
    const sub = command.subcommands?.find(
      (c) => c.name === tok || c.aliases?.includes(tok)
    );
    if (sub) {
      command = sub;
      path.push(sub.name);
      used.add(i);
      continue;
    }
    if (command === root && root.subcommands?.length) {
      throw new ArgsError(
        `unknown command "${tok}" for "${root.name}"`,
        true,
        root.name
      );
    }
    break;
  }
  const specs = [...command.flags ?? [], ...globals, HELP];
  const flags = {};
  for (const s of specs) flags[s.name] = initial(s);
  const changed = /* @__PURE__ */ new Set();
  const positionals = [];
  const set = (spec, raw, display) => {
    changed.add(spec.name);
    switch (spec.kind) {
      case "bool": {
        const b = parseBool(raw);
        if (b === void 0) {
          throw new ArgsError(
            `invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`
          );
        }
        flags[spec.name] = b;
        return;
      }
      case "int": {
        if (!/^[+-]?\d+$/.test(raw)) {
          throw new ArgsError(
            `invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`
          );
        }
        flags[spec.name] = Number(raw);
        return;
      }
      case "stringArray": {
        const prev = flags[spec.name];
        flags[spec.name] = [...Array.isArray(prev) ? prev : [], raw];
        return;
      }
      default:
        flags[spec.name] = raw;
    }
  };
  for (let i = 0; i < argv.length; i++) {
    if (used.has(i)) continue;
    const tok = argv[i];
    if (tok === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (tok.startsWith("--")) {
      const eq = tok.indexOf("=");
      const name = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
      const spec = specs.find((s) => s.name === name);
      if (!spec) throw new ArgsError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, tok.slice(eq + 1), `--${name}`);
      else if (spec.kind === "bool") set(spec, "true", `--${name}`);
      else {
        if (i + 1 >= argv.length) {
          throw new ArgsError(`flag needs an argument: --${name}`);
        }
        set(spec, argv[++i], `--${name}`);
      }
      continue;
    }
    if (tok.startsWith("-") && tok.length > 1) {
      let j = 1;
      while (j < tok.length) {
        const c = tok[j];
        const spec = specs.find((s) => s.short === c);
        if (!spec) {
          throw new ArgsError(`unknown shorthand flag: '${c}' in ${tok}`);
        }
        const rest = tok.slice(j + 1);
        const display = `-${c}, --${spec.name}`;
        if (rest.startsWith("=")) {
          set(spec, rest.slice(1), display);
          break;
        }
        if (spec.kind === "bool") {
          set(spec, "true", display);
          j++;
          continue;
        }
        if (rest) set(spec, rest, display);
        else {
          if (i + 1 >= argv.length) {
            throw new ArgsError(`flag needs an argument: '${c}' in ${tok}`);
          }
          set(spec, argv[++i], display);
        }
        break;
      }
      continue;
    }
    positionals.push(tok);
  }
  const help = flags.help === true;
  if (!help) checkArgs(command, path, root.name, positionals);
  return { path, command, flags, changed, positionals, help };
}
function commandPath(rootName, path) {
  return [rootName, ...path].join(" ");
}
function checkArgs(command, path, rootName, positionals) {
  const rule = command.args ?? { kind: "any" };
  const n = positionals.length;
  const where = commandPath(rootName, path);
  switch (rule.kind) {
    case "none":
      if (n > 0) {
        throw new ArgsError(
          `unknown command "${positionals[0]}" for "${where}"`,
          true,
          where
        );
      }
      return;
    case "exact":
      if (n !== rule.n) {
        throw new ArgsError(
          `accepts ${rule.n} arg(s), received ${n}`,
          false,
          where
        );
      }
      return;
    case "max":
      if (n > rule.n) {
        throw new ArgsError(
          `accepts at most ${rule.n} arg(s), received ${n}`,
          false,
          where
        );
      }
      return;
    case "range":
      if (n < rule.min || n > rule.max) {
        throw new ArgsError(
          `accepts between ${rule.min} and ${rule.max} arg(s), received ${n}`,
          false,
          where
        );
      }
      return;
    default:
      return;
  }
}
function initial(s) {
  if (s.default !== void 0) return s.default;
  switch (s.kind) {
    case "bool":
      return false;
    case "int":
      return 0;
    case "stringArray":
      return [];
    default:
      return "";
  }
}
function parseBool(raw) {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(raw)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(raw)) return false;
  return void 0;
}
function treeFlags(c) {
  return [...c.flags ?? [], ...(c.subcommands ?? []).flatMap(treeFlags)];
}
function takesValue(tok, specs) {
  if (tok.includes("=")) return false;
  const spec = tok.startsWith("--") ? specs.find((s) => s.name === tok.slice(2)) : tok.length === 2 ? specs.find((s) => s.short === tok[1]) : void 0;
  return spec !== void 0 && spec.kind !== "bool";
}

// src/sim/flyctl/context.ts
var import_node_fs = require("node:fs");
var import_node_path = require("node:path");

// src/sim/flyctl/fly-toml.ts
function readFlyToml(text) {
  const out = { build: { args: {} } };
  let table = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const header = /^\[\s*([^[\]]+?)\s*\]\s*(?:#.*)?$/.exec(line);
    if (header) {
      table = header[1].replace(/\s*\.\s*/g, ".").replace(/["']/g, "");
      continue;
    }
    if (line.startsWith("[[")) {
      table = "[[array]]";
      continue;
    }
    const kv = /^([A-Za-z0-9_.\-"' ]+?)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1].replace(/\s*\.\s*/g, ".").replace(/["']/g, "");
    const value = readString(kv[2]);
    if (value === void 0) continue;
    const full = table ? `${table}.${key}` : key;
    switch (full) {
      case "app":
        out.app = value;
        break;
      case "primary_region":
        out.primaryRegion = value;
        break;
      case "build.dockerfile":
        out.build.dockerfile = value;
        break;
      case "build.image":
        out.build.image = value;
        break;
      case "build.build-target":
      case "build.build_target":
        out.build.target = value;
        break;
      default:
        if (full.startsWith("build.args.")) {
          out.build.args[full.slice("build.args.".length)] = value;
        }
    }
  }
  return out;
}
function readString(s) {
  if (s.startsWith("'")) {
    const end = s.indexOf("'", 1);
    return end < 0 ? void 0 : s.slice(1, end);
  }
  if (!s.startsWith('"')) return void 0;
  let out = "";
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '"') return out;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = s[++i];
    const simple = {
      b: "\b",
      t: "	",
      n: "\n",
      f: "\f",
      r: "\r",
      '"': '"',
      "\\": "\\"
    };
    if (e !== void 0 && e in simple) out += simple[e];
    else if (e === "u" || e === "U") {
      const len = e === "u" ? 4 : 8;
      const hex = s.slice(i + 1, i + 1 + len);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) return void 0;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else return void 0;
  }
  return void 0;
}

// src/sim/flyctl/context.ts
var DEFAULT_VERSION = "0.3.214";
function createContext(io, parsed) {
  const version = flyctlVersion(io.env);
  let client;
  const ctx = {
    io,
    parsed,
    cwd: io.cwd,
    version,
    flaps() {
      client ??= createFlaps(
        io,
        resolveToken(io, String(parsed.flags["access-token"] ?? "")),
        version
      );
      return client;
    },
    flag(name) {
      return parsed.flags[name];
    }
  };
  return ctx;
}
function flyctlVersion(env) {
  const pinned = globalThis.__FLYCTL_VERSION__;
  const v = typeof pinned === "string" && pinned || env.FLYSIM_FLYCTL_VERSION || DEFAULT_VERSION;
  return v.replace(/^v/, "");
}
function flyctlPlatform() {
  const pinned = globalThis.__FLYCTL_PLATFORM__;
  if (typeof pinned === "string" && pinned.includes("/")) {
    const [os2, arch] = pinned.split("/");
    return { os: os2, arch };
  }
  const os = process.platform === "win32" ? "windows" : process.platform;
  const archs = {
    x64: "amd64",
    ia32: "386",
    arm64: "arm64",
    arm: "arm"
  };
  return { os, arch: archs[process.arch] ?? process.arch };
}
function loadAppConfig(ctx) {
  const flag = String(ctx.parsed.flags.config ?? "");
  if (flag) {
    let path2 = (0, import_node_path.isAbsolute)(flag) ? flag : (0, import_node_path.resolve)(ctx.cwd, flag);
    if ((0, import_node_fs.existsSync)(path2) && (0, import_node_fs.statSync)(path2).isDirectory()) {
      path2 = (0, import_node_path.join)(path2, "fly.toml");
    }
    return { path: path2, dir: (0, import_node_path.dirname)(path2), toml: readToml(path2) };
  }
  const path = (0, import_node_path.join)(ctx.cwd, "fly.toml");
  if (!(0, import_node_fs.existsSync)(path)) return { dir: ctx.cwd };
  return { path, dir: ctx.cwd, toml: readToml(path) };
}
function readToml(path) {
  let text;
  try {
    text = (0, import_node_fs.readFileSync)(path, "utf8");
  } catch (e) {
    const why = e.code === "ENOENT" ? "no such file or directory" : e.message;
    throw new FlyctlError(
      `failed loading app config from ${path}: open ${path}: ${why}`
    );
  }
  return readFlyToml(text);
}
function requireAppName(ctx, config2) {
  const name = String(ctx.parsed.flags.app ?? "") || ctx.io.env.FLY_APP || (config2 ?? loadAppConfig(ctx)).toml?.app || "";
  if (!name) {
    throw new FlyctlError(
      "the config for your app is missing an app name, add an app field to the fly.toml file or specify with the -a flag"
    );
  }
  return name;
}

// src/sim/flyctl/deploy.ts
var import_node_crypto3 = require("node:crypto");
var import_node_fs2 = require("node:fs");
var import_node_path2 = require("node:path");

// src/sim/flyctl/dockerfile.ts
var DockerfileError = class extends Error {
};
function readLabels(text, buildArgs = {}, target) {
  const instructions = instructionsOf(text);
  const stages = [];
  const globalArgs = {};
  let stage;
  for (const ins of instructions) {
    switch (ins.keyword) {
      case "ARG": {
        const scope = stage ? stage.vars : globalArgs;
        for (const word of words(ins)) {
          const eq = word.indexOf("=");
          const name = eq < 0 ? word : word.slice(0, eq);
          const dflt = eq < 0 ? stage ? globalArgs[name] : void 0 : substitute(unquote(word.slice(eq + 1), ins), scope, ins);
          const value = Object.hasOwn(buildArgs, name) ? buildArgs[name] : dflt;
          if (value !== void 0) scope[name] = value;
        }
        break;
      }
      case "FROM": {
        const parts = ins.args.split(/\s+/).filter((p) => !p.startsWith("--"));
        const base = substitute(parts[0] ?? "", globalArgs, ins);
        const as = parts[1]?.toUpperCase() === "AS" ? parts[2] : void 0;
        const parent = stages.find(
          (s) => s.name !== void 0 && s.name === base.toLowerCase()
        );
        stage = {
          name: as?.toLowerCase(),
          labels: { ...parent?.labels ?? {} },
          vars: { ...parent?.vars ?? {} }
        };
        stages.push(stage);
        break;
      }
      case "ENV": {
        if (!stage)
          throw new DockerfileError(`line ${ins.line}: ENV before FROM`);
        for (const [k, v] of pairs(ins, stage.vars)) stage.vars[k] = v;
        break;
      }
      case "LABEL": {
        if (!stage) {
          throw new DockerfileError(`line ${ins.line}: LABEL before FROM`);
        }
        for (const [k, v] of pairs(ins, stage.vars)) stage.labels[k] = v;
        break;
      }
      default:
        if (!stage && ins.keyword !== "ARG") {
          throw new DockerfileError(
            `line ${ins.line}: no build stage in current context (${ins.keyword} before FROM)`
          );
        }
    }
  }
  if (stages.length === 0) {
    throw new DockerfileError("the Dockerfile has no FROM instruction");
  }
  if (target) {
    const t = stages.find((s) => s.name === target.toLowerCase());
    if (!t)
      throw new DockerfileError(`target stage "${target}" could not be found`);
    return { ...t.labels };
  }
  return { ...stages[stages.length - 1].labels };
}
function instructionsOf(text) {
  const out = [];
  let buf = "";
  let start = 0;
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const trimmed = raw.trim();
    if (trimmed.startsWith("#")) continue;
    if (!buf && !trimmed) continue;
    if (!buf) start = i + 1;
    if (/\\\s*$/.test(raw)) {
      buf += raw.replace(/\\\s*$/, "") + " ";
      continue;
    }
    buf += raw;
    push(buf, start);
    buf = "";
  }
  if (buf.trim()) push(buf, start);
  return out;
  function push(textLine, line) {
    const m = /^\s*(\S+)\s*(.*)$/s.exec(textLine);
    if (!m) return;
    out.push({ keyword: m[1].toUpperCase(), args: m[2].trim(), line });
  }
}
function pairs(ins, vars) {
  const ws = words(ins);
  if (ws.length === 0) {
    throw new DockerfileError(
      `line ${ins.line}: ${ins.keyword} requires at least one argument`
    );
  }
  if (!ws[0].includes("=")) {
    const key = substitute(unquote(ws[0], ins), vars, ins);
    const rest = ins.args.slice(ins.args.indexOf(ws[0]) + ws[0].length).trim();
    return [[key, substitute(unquote(rest, ins), vars, ins)]];
  }
  return ws.map((w) => {
    const eq = w.indexOf("=");
    if (eq <= 0) {
      throw new DockerfileError(
        `line ${ins.line}: ${ins.keyword} names can not be blank; expected key=value, got "${w}"`
      );
    }
    return [
      substitute(unquote(w.slice(0, eq), ins), vars, ins),
      substitute(unquote(w.slice(eq + 1), ins), vars, ins)
    ];
  });
}
function words(ins) {
  const out = [];
  let cur = "";
  let quote;
  let inWord = false;
  const s = ins.args;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      cur += c;
      if (c === "\\" && quote === '"' && i + 1 < s.length) cur += s[++i];
      else if (c === quote) quote = void 0;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      inWord = true;
    } else if (c === "\\" && i + 1 < s.length) {
      cur += c + s[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) {
    throw new DockerfileError(
      `line ${ins.line}: unterminated quote in ${ins.keyword}`
    );
  }
  if (inWord) out.push(cur);
  return out;
}
var LITERAL_START = "\0";
var LITERAL_END = "";
function unquote(w, ins) {
  let out = "";
  for (let i = 0; i < w.length; i++) {
    const c = w[i];
    if (c === "'") {
      const end = w.indexOf("'", i + 1);
      if (end < 0)
        throw new DockerfileError(`line ${ins.line}: unterminated quote`);
      out += LITERAL_START + w.slice(i + 1, end) + LITERAL_END;
      i = end;
    } else if (c === '"') {
      i++;
      while (i < w.length && w[i] !== '"') {
        if (w[i] === "\\" && i + 1 < w.length && '"\\$'.includes(w[i + 1])) {
          const e = w[++i];
          out += e === "$" ? LITERAL_START + "$" + LITERAL_END : e;
        } else out += w[i];
        i++;
      }
    } else if (c === "\\" && i + 1 < w.length) {
      const e = w[++i];
      out += e === "$" ? LITERAL_START + "$" + LITERAL_END : e;
    } else out += c;
  }
  return out;
}
function substitute(s, vars, ins) {
  let out = "";
  let literal = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === LITERAL_START) {
      literal = true;
      continue;
    }
    if (c === LITERAL_END) {
      literal = false;
      continue;
    }
    if (literal || c !== "$") {
      out += c;
      continue;
    }
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}/.exec(
      s.slice(i)
    );
    if (braced) {
      const [whole, name, op, word] = braced;
      const v = Object.hasOwn(vars, name) ? vars[name] : "";
      if (op === ":-") out += v !== "" ? v : word;
      else if (op === ":+") out += v !== "" ? word : "";
      else out += v;
      i += whole.length - 1;
      continue;
    }
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(s.slice(i));
    if (plain) {
      out += Object.hasOwn(vars, plain[1]) ? vars[plain[1]] : "";
      i += plain[0].length - 1;
      continue;
    }
    if (s[i + 1] === "{") {
      throw new DockerfileError(
        `line ${ins.line}: bad substitution in ${ins.keyword}`
      );
    }
    out += c;
  }
  return out;
}

// src/sim/flyctl/deploy.ts
var REGISTRY = "registry.fly.io";
var SIM_LABELS = {
  boot: "sim.boot",
  health: "sim.health",
  latency: "sim.latency",
  errorRate: "sim.error-rate",
  crash: "sim.crash",
  exitCode: "sim.exit-code"
};
async function runDeploy(ctx) {
  const err = ctx.io.stderr;
  const flaps = ctx.flaps();
  const dirArg = ctx.parsed.positionals[0];
  if (dirArg) ctx.cwd = changeDirectory(ctx.cwd, dirArg);
  const config2 = loadAppConfig(ctx);
  const app2 = requireAppName(ctx, config2);
  if (!ctx.flag("build-only")) {
    throw new FlyctlError(
      "flysim's stand-in flyctl only builds and pushes images: run `flyctl deploy --build-only --push`, then roll the image out through the Machines API"
    );
  }
  const imageRef = ctx.flag("image") || config2.toml?.build.image;
  if (imageRef) {
    throw new FlyctlError(
      `flysim's stand-in flyctl builds from a Dockerfile only; it cannot deploy the prebuilt image ${imageRef}`
    );
  }
  err.write("==> Verifying app config\n");
  if (config2.path) {
    err.write(`Validating ${config2.path}
\u2713 Configuration is valid
`);
  }
  err.write("--> Verified app config\n");
  try {
    await flaps.request("GET", `/v1/apps/${encodeURIComponent(app2)}`);
  } catch (e) {
    throw describeApiError("failed to get app", e);
  }
  err.write("==> Building image\n");
  const dockerfile = resolveDockerfile(ctx, config2);
  const buildArgs = {
    ...config2.toml?.build.args,
    ...kvMap(ctx.flag("build-arg"), "invalid build args")
  };
  kvMap(ctx.flag("build-secret"), "invalid build secrets");
  let labels;
  const text = (0, import_node_fs2.readFileSync)(dockerfile, "utf8");
  try {
    labels = readLabels(
      text,
      buildArgs,
      ctx.flag("build-target") || config2.toml?.build.target
    );
  } catch (e) {
    if (e instanceof DockerfileError) {
      throw new FlyctlError(
        `failed to fetch an image or build from source: dockerfile parse error: ${e.message}`
      );
    }
    throw e;
  }
  Object.assign(
    labels,
    kvMap(ctx.flag("label"), "failed to parse labels")
  );
  const tag = ctx.flag("image-label") || `deployment-${newUlid()}`;
  const image = `${REGISTRY}/${app2}:${tag}`;
  err.write(`==> Building image with flysim (${dockerfile})
`);
  err.write("--> Building image done\n");
  if (ctx.flag("push")) {
    err.write("==> Pushing image to fly\n");
    const manifest = { labels };
    let digest;
    try {
      const res = await flaps.request(
        "PUT",
        `/v2/${encodeURIComponent(app2)}/manifests/${encodeURIComponent(tag)}`,
        { body: manifest }
      );
      digest = res.headers.get("docker-content-digest") ?? "";
    } catch (e) {
      throw pushError(image, labels, e);
    }
    err.write(`The push refers to repository [${REGISTRY}/${app2}]
`);
    err.write(
      `${tag}: digest: ${digest} size: ${Buffer.byteLength(JSON.stringify(manifest))}
`
    );
    err.write("--> Pushing image done\n");
  }
  err.write(`image: ${image}
`);
  err.write(`image size: ${humanizeBytes(imageSize(text, labels))}
`);
}
function changeDirectory(cwd, dir) {
  const target = (0, import_node_path2.isAbsolute)(dir) ? dir : (0, import_node_path2.resolve)(cwd, dir);
  if (!(0, import_node_fs2.existsSync)(target)) {
    throw new FlyctlError(`chdir ${dir}: no such file or directory`);
  }
  if (!(0, import_node_fs2.statSync)(target).isDirectory()) {
    throw new FlyctlError(`chdir ${dir}: not a directory`);
  }
  return target;
}
function resolveDockerfile(ctx, config2) {
  const fromFlag = ctx.flag("dockerfile");
  const fromToml = config2.toml?.build.dockerfile;
  const named = fromFlag ? (0, import_node_path2.resolve)(ctx.cwd, fromFlag) : fromToml ? (0, import_node_path2.resolve)(config2.dir, fromToml) : void 0;
  if (named) {
    if (!(0, import_node_fs2.existsSync)(named) || !(0, import_node_fs2.statSync)(named).isFile()) {
      throw new FlyctlError(
        `failed to fetch an image or build from source: dockerfile '${named}' not found`
      );
    }
    return named;
  }
  for (const name of ["Dockerfile", "dockerfile"]) {
    const p = (0, import_node_path2.join)(config2.dir, name);
    if ((0, import_node_fs2.existsSync)(p) && (0, import_node_fs2.statSync)(p).isFile()) return p;
  }
  throw new FlyctlError(
    "failed to fetch an image or build from source: app does not have a Dockerfile or buildpacks configured. See https://fly.io/docs/reference/configuration/#the-build-section"
  );
}
function kvMap(words2, context) {
  const out = {};
  for (const w of words2 ?? []) {
    const eq = w.indexOf("=");
    if (eq < 0) {
      throw new FlyctlError(
        `${context}: '${w}': must be in the format NAME=VALUE`
      );
    }
    out[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return out;
}
function pushError(image, labels, e) {
  if (!(e instanceof ApiError)) {
    return describeApiError("failed to fetch an image or build from source", e);
  }
  const field = /invalid sim label (\w+)/.exec(e.message)?.[1];
  const label = field ? SIM_LABELS[field] : void 0;
  const hint = label !== void 0 ? ` (Dockerfile label ${label}=${JSON.stringify(labels[label] ?? "")})` : "";
  return describeApiError(
    `failed to fetch an image or build from source: error pushing image ${image}`,
    new ApiError(e.status, e.message + hint, e.requestId, e.body)
  );
}
function imageSize(dockerfile, labels) {
  const h = (0, import_node_crypto3.createHash)("sha256").update(dockerfile).update(JSON.stringify(labels)).digest();
  return (30 + h.readUInt32BE(0) % 120) * 1e6 + h.readUInt32BE(4) % 1e6;
}

// src/sim/flyctl/postgres.ts
var ATTACH_VARIABLE = "DATABASE_URL";
var NON_INTERACTIVE = "prompt: non interactive";
function dbName(app2) {
  return app2.toLowerCase().replace(/-/g, "_");
}
function interactive(ctx) {
  return typeof ctx.io.stdin !== "string" && ctx.io.stdin.isTTY === true;
}
var enc = encodeURIComponent;
async function readCluster(flaps, pg) {
  try {
    return (await flaps.request("GET", `/v1/postgres/${enc(pg)}`)).body ?? {};
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      throw new FlyctlError(`app ${pg} is not a postgres app`);
    }
    throw describeApiError(`failed retrieving postgres app ${pg}`, e);
  }
}
function attachedNames(c) {
  return (c.data?.attached_apps ?? []).map((a) => a.name ?? "");
}
async function runPostgresAttach(ctx) {
  const flaps = ctx.flaps();
  const pg = ctx.parsed.positionals[0];
  const app2 = requireAppName(ctx);
  const out = ctx.io.stdout;
  const variable = ctx.flag("variable-name") || ATTACH_VARIABLE;
  if (variable !== ATTACH_VARIABLE) {
    throw new FlyctlError(
      `flysim's stand-in flyctl attaches as ${ATTACH_VARIABLE} only, not --variable-name ${variable}`
    );
  }
  const database = ctx.flag("database-name") || app2;
  const user = ctx.flag("database-user") || app2;
  if (dbName(database) !== dbName(app2) || dbName(user) !== dbName(app2)) {
    throw new FlyctlError(
      "flysim's stand-in flyctl names the database and user after the app; --database-name and --database-user are not supported"
    );
  }
  const yes2 = ctx.flag("yes") || ctx.flag("auto-confirm");
  try {
    await flaps.request("GET", `/v1/apps/${enc(pg)}`);
  } catch (e) {
    throw describeApiError(`failed retrieving postgres app ${pg}`, e);
  }
  const cluster = await readCluster(flaps, pg);
  const appPath = `/v1/apps/${enc(app2)}`;
  try {
    await flaps.request("GET", appPath);
  } catch (e) {
    throw describeApiError(`failed retrieving app ${app2}`, e);
  }
  out.write("Checking for existing attachments\n");
  let secrets;
  try {
    secrets = (await flaps.request("GET", `${appPath}/secrets`)).body?.secrets ?? [];
  } catch (e) {
    throw describeApiError("failed to list secrets", e);
  }
  if (secrets.some((s) => s.name === variable)) {
    throw new FlyctlError(
      `consumer app "${app2}" already contains a secret named ${variable}`
    );
  }
  let databases;
  try {
    const res = await flaps.request("GET", `/v1/postgres/${enc(pg)}/databases`);
    databases = (res.body?.data ?? []).map(
      (d) => d.name ?? ""
    );
  } catch (e) {
    throw describeApiError(`failed retrieving postgres app ${pg}`, e);
  }
  const dbExists = databases.includes(dbName(app2));
  if (dbExists && !yes2) {
    throw new FlyctlError(NON_INTERACTIVE);
  }
  if (attachedNames(cluster).includes(app2)) {
    throw new FlyctlError(
      `database user "${dbName(app2)}" already exists. Please specify a new database user via --database-user`
    );
  }
  out.write("Registering attachment\n");
  try {
    await flaps.request("POST", `/v1/postgres/${enc(pg)}/attachments`, {
      body: { app_name: app2 }
    });
  } catch (e) {
    throw describeApiError(`failed to attach ${pg} to ${app2}`, e);
  }
  if (!dbExists) out.write("Creating database\n");
  out.write("Creating user\n");
  let url;
  try {
    const res = await flaps.request("GET", `${appPath}/secrets/${variable}`, {
      query: { show_secrets: "true" }
    });
    url = String(res.body?.value ?? "");
  } catch (e) {
    throw describeApiError("failed to read the new secret", e);
  }
  out.write(
    `
Postgres cluster ${pg} is now attached to ${app2}
The following secret was added to ${app2}:
  ${variable}=${url}
`
  );
}
async function runPostgresDetach(ctx) {
  const flaps = ctx.flaps();
  const pg = ctx.parsed.positionals[0];
  const app2 = requireAppName(ctx);
  const out = ctx.io.stdout;
  try {
    await flaps.request("GET", `/v1/apps/${enc(app2)}`);
    await flaps.request("GET", `/v1/apps/${enc(pg)}`);
  } catch (e) {
    throw describeApiError("get app", e);
  }
  const cluster = await readCluster(flaps, pg);
  if (!attachedNames(cluster).includes(app2)) {
    throw new FlyctlError("no attachments found");
  }
  if (!interactive(ctx)) throw new FlyctlError(NON_INTERACTIVE);
  try {
    await flaps.request(
      "DELETE",
      `/v1/postgres/${enc(pg)}/attachments/${enc(app2)}`
    );
  } catch (e) {
    throw describeApiError(`failed to detach ${pg} from ${app2}`, e);
  }
  out.write(
    `Secret "${ATTACH_VARIABLE}" was scheduled to be removed from app ${app2}
Detach completed successfully!
`
  );
}

// src/sim/flyctl/secrets-parser.ts
var SecretsParseError = class extends Error {
};
var MAX_LINE = 64 * 1024;
function parseSecrets(text) {
  const out = /* @__PURE__ */ new Map();
  let open;
  const lines = scanLines(text);
  for (const [i, line] of lines.entries()) {
    if (Buffer.byteLength(line, "utf8") >= MAX_LINE) {
      throw new SecretsParseError("bufio.Scanner: token too long");
    }
    if (open) {
      if (line.endsWith('"""')) {
        out.set(open.key, open.value + line.slice(0, -3));
        open = void 0;
      } else {
        open.value += line + "\n";
      }
      continue;
    }
    if (line.startsWith("#") || line.trim() === "") continue;
    const eq = line.indexOf("=");
    if (eq < 0) {
      throw new SecretsParseError(
        `Secrets must be provided as NAME=VALUE pairs (line ${i + 1} is invalid)`
      );
    }
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).replace(/^ +/, "");
    const hash = value.indexOf("#");
    if (hash >= 0) {
      const before = value.slice(0, hash);
      if (count(before, '"') % 2 === 0) value = before.replace(/ +$/, "");
    }
    if (value.startsWith('"""') && value.endsWith('"""') && value.length >= 6) {
      out.set(key, value.slice(3, -3));
    } else if (value.startsWith('"""')) {
      open = { key, value: value.slice(3) + "\n" };
    } else {
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
        value = value.slice(1, -1);
      } else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
        value = value.slice(1, -1);
      }
      out.set(key, value);
    }
  }
  return Object.fromEntries(out);
}
function scanLines(text) {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
}
function count(s, ch) {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

// src/sim/flyctl/secrets.ts
var LEASE_TTL_S = 13;
var WAIT_ROUNDS = 5;
async function runSecretsImport(ctx) {
  const flaps = ctx.flaps();
  const app2 = requireAppName(ctx);
  const out = ctx.io.stdout;
  const appPath = `/v1/apps/${encodeURIComponent(app2)}`;
  let appInfo;
  try {
    appInfo = (await flaps.request("GET", appPath)).body ?? {};
  } catch (e) {
    throw describeApiError("failed to get app", e);
  }
  let secrets;
  try {
    secrets = parseSecrets(await readStdin(ctx.io.stdin));
  } catch (e) {
    if (e instanceof SecretsParseError) {
      throw new FlyctlError(`Failed to parse secrets from stdin: ${e.message}`);
    }
    throw e;
  }
  if (Object.keys(secrets).length < 1) {
    throw new FlyctlError("requires at least one SECRET=VALUE pair");
  }
  let version;
  try {
    const res = await flaps.request("POST", `${appPath}/secrets`, {
      body: { values: secrets }
    });
    const body = res.body ?? {};
    version = Number(body.version ?? body.Version);
    if (!Number.isFinite(version)) {
      throw new FlyctlError(
        "update secrets: the API answered without a secrets version"
      );
    }
  } catch (e) {
    throw describeApiError("update secrets", e);
  }
  if (ctx.flag("stage")) {
    out.write(
      "Secrets have been staged, but not set on VMs. Deploy or update machines in this app for the secrets to take effect.\n"
    );
    return;
  }
  let machines;
  try {
    const res = await flaps.request("GET", `${appPath}/machines`);
    machines = (res.body ?? []).filter(isFlyLaunchMachine);
  } catch (e) {
    throw describeApiError("failed to list machines", e);
  }
  if (machines.length === 0) {
    if (appInfo.status !== "deployed") {
      out.write("Secrets are staged for the first deployment\n");
    }
    return;
  }
  machines.sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  await restartOnto(ctx, flaps, appPath, app2, machines, version);
}
function isFlyLaunchMachine(m) {
  const meta = (m.config ?? m.incomplete_config)?.metadata ?? {};
  if (meta.fly_platform_version !== "v2") return false;
  if (m.state === "destroyed" || m.state === "destroying") return false;
  const group = meta.fly_process_group;
  return group !== "fly_app_release_command" && group !== "fly_app_console";
}
async function restartOnto(ctx, flaps, appPath, app2, machines, minSecretsVersion) {
  const out = ctx.io.stdout;
  out.write(
    `Updating existing machines in '${app2}' with rolling strategy

-------
`
  );
  const nonces = /* @__PURE__ */ new Map();
  try {
    for (const m of machines) {
      nonces.set(m.id, await acquireLease(flaps, appPath, m.id));
    }
    for (const [i, m] of machines.entries()) {
      const config2 = structuredClone(m.config ?? m.incomplete_config ?? {});
      config2.metadata = { ...config2.metadata, fly_flyctl_version: ctx.version };
      const running = ["started", "starting", "failed"].includes(m.state ?? "");
      let updated;
      try {
        const res = await flaps.request("POST", `${appPath}/machines/${m.id}`, {
          nonce: nonces.get(m.id),
          body: {
            config: config2,
            min_secrets_version: minSecretsVersion,
            ...running ? {} : { skip_launch: true }
          }
        });
        updated = res.body ?? {};
      } catch (e) {
        throw describeApiError(`failed to update machine ${m.id}`, e);
      }
      if (running && !ctx.flag("detach")) {
        await waitStarted(flaps, appPath, m.id, updated.instance_id);
      }
      const group = config2.metadata.fly_process_group ?? "app";
      out.write(
        ` \u2714 [${i + 1}/${machines.length}] Machine ${m.id} [${group}] update finished: success
`
      );
    }
  } finally {
    for (const [id, nonce] of nonces) {
      await flaps.request("DELETE", `${appPath}/machines/${id}/lease`, { nonce }).catch(() => void 0);
    }
  }
  out.write("-------\n");
}
async function acquireLease(flaps, appPath, id) {
  try {
    const res = await flaps.request("POST", `${appPath}/machines/${id}/lease`, {
      query: { ttl: String(LEASE_TTL_S) }
    });
    const body = res.body ?? {};
    const nonce = body.data?.nonce ?? body.nonce;
    if (!nonce)
      throw new FlyctlError(
        `failed to obtain lease for machine ${id}: no nonce in the answer`
      );
    return nonce;
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      throw new FlyctlError(`failed to obtain lease: ${e.message}`);
    }
    throw describeApiError(`failed to obtain lease for machine ${id}`, e);
  }
}
async function waitStarted(flaps, appPath, id, version) {
  const query = { state: "started", timeout: "60" };
  if (version) query.version = version;
  for (let round = 0; round < WAIT_ROUNDS; round++) {
    try {
      await flaps.request("GET", `${appPath}/machines/${id}/wait`, { query });
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 408) continue;
      throw describeApiError(`failed to wait for machine ${id} to start`, e);
    }
  }
  throw new FlyctlError(
    `failed to wait for machine ${id} to start: timeout reached waiting for machine's state to change`
  );
}

// src/sim/flyctl/status.ts
var MACHINE_KEYS = [
  "id",
  "name",
  "state",
  "region",
  "image_ref",
  "instance_id",
  "version",
  "private_ip",
  "created_at",
  "updated_at",
  "config",
  "events",
  "checks",
  "nonce",
  "host_status",
  "incomplete_config"
];
var EVENT_KEYS = ["type", "status", "request", "source", "timestamp"];
async function runStatus(ctx) {
  const flaps = ctx.flaps();
  const app2 = requireAppName(ctx);
  if (ctx.flag("watch") && ctx.flag("json")) {
    throw new FlyctlError("--watch and --json are not supported together");
  }
  if (ctx.flag("watch")) {
    throw new FlyctlError(
      "--watch is not supported for non-interactive sessions"
    );
  }
  const appPath = `/v1/apps/${encodeURIComponent(app2)}`;
  let info;
  try {
    info = (await flaps.request("GET", appPath)).body ?? {};
  } catch (e) {
    throw describeApiError("failed to get app", e);
  }
  let machines;
  try {
    machines = (await flaps.request("GET", `${appPath}/machines`)).body ?? [];
  } catch (e) {
    throw describeApiError("failed to list machines", e);
  }
  const shown = machines.filter((m) => {
    const meta = (m.config ?? m.incomplete_config)?.metadata ?? {};
    const group = meta.fly_process_group;
    return m.state !== "destroyed" && m.state !== "destroying" && group !== "fly_app_release_command" && group !== "fly_app_console" && meta.fly_platform_version === "v2";
  }).sort(
    (a, b) => String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0
  );
  if (!ctx.flag("json")) {
    renderTable(ctx, app2, info, shown);
    return;
  }
  const status = {
    AppURL: `https://${app2}.fly.dev`,
    Deployed: info.status === "deployed",
    Hostname: `${app2}.fly.dev`,
    ID: info.id ?? app2,
    Machines: shown.map(machineJson),
    Name: info.name ?? app2,
    Organization: orgJson(info.organization),
    PlatformVersion: "machines",
    Status: info.status ?? "",
    Version: releaseVersion(shown)
  };
  ctx.io.stdout.write(goJson(status, 4));
}
function machineJson(m) {
  const out = {};
  for (const k of MACHINE_KEYS) {
    const v = m[k];
    if (v === void 0 || v === null || v === "") continue;
    if (k === "events" && Array.isArray(v)) {
      out.events = v.map((e) => {
        const ev = {};
        for (const ek of EVENT_KEYS) if (e[ek] !== void 0) ev[ek] = e[ek];
        return ev;
      });
      continue;
    }
    out[k] = v;
  }
  return out;
}
function releaseVersion(machines) {
  let max = 0;
  for (const m of machines) {
    const v = Number(m.config?.metadata?.fly_release_version);
    if (Number.isInteger(v) && v > max) max = v;
  }
  return max;
}
function renderTable(ctx, app2, info, machines) {
  const out = ctx.io.stdout;
  out.write(
    `App
  Name     = ${app2}
  Owner    = ${info.organization?.slug ?? ""}
  Hostname = ${app2}.fly.dev
  Platform = machines

`
  );
  if (machines.length === 0) return;
  out.write("Machines\n");
  out.write("PROCESS	ID	REGION	STATE	LAST UPDATED\n");
  for (const m of machines) {
    const group = m.config?.metadata?.fly_process_group ?? "";
    out.write(
      `${group}	${m.id}	${String(m.region ?? "")}	${m.state ?? ""}	${String(m.updated_at ?? "")}
`
    );
  }
  out.write("\n");
}

// src/sim/flyctl/version.ts
var import_node_crypto4 = require("node:crypto");
var import_node_path3 = require("node:path");
var BUILD_DATE = "2025-01-01T00:00:00Z";
function buildInfo(ctx) {
  const { os, arch } = flyctlPlatform();
  return {
    Name: programName(ctx.io.argv0),
    Version: ctx.version,
    // [sim choice] a stable fake commit per version.
    Commit: (0, import_node_crypto4.createHash)("sha1").update(`flysim-flyctl-${ctx.version}`).digest("hex"),
    BranchName: "",
    BuildDate: BUILD_DATE,
    OS: os,
    Architecture: arch,
    Environment: "production"
  };
}
function runVersion(ctx) {
  const info = buildInfo(ctx);
  if (ctx.flag("json")) {
    ctx.io.stdout.write(goJson(info));
    return;
  }
  ctx.io.stdout.write(
    `${info.Name} v${info.Version} ${info.OS}/${info.Architecture} Commit: ${info.Commit} BuildDate: ${info.BuildDate}
`
  );
}
function runUpgrade() {
  throw new FlyctlError(
    "flysim's stand-in flyctl cannot upgrade itself; install another version from flysim's release server"
  );
}
function programName(argv0) {
  if (!argv0) return "flyctl";
  const name = (0, import_node_path3.basename)(argv0).replace(/\.(c?js|mjs|exe)$/i, "");
  return name || "flyctl";
}

// src/sim/flyctl/run.ts
var ROOT = "flyctl";
var GLOBALS = [
  { name: "access-token", short: "t", kind: "string" },
  { name: "verbose", kind: "bool" },
  { name: "debug", kind: "bool" }
];
var app = { name: "app", short: "a", kind: "string" };
var config = { name: "config", short: "c", kind: "string" };
var json = { name: "json", short: "j", kind: "bool" };
var yes = { name: "yes", short: "y", kind: "bool" };
var detach = { name: "detach", kind: "bool" };
var str = (name, short) => ({
  name,
  short,
  kind: "string"
});
var bool = (name, short) => ({
  name,
  short,
  kind: "bool"
});
var arr = (name, short) => ({
  name,
  short,
  kind: "stringArray"
});
var TREE = {
  name: ROOT,
  short: "The Fly.io command line interface (flysim stand-in)",
  runnable: false,
  subcommands: [
    {
      name: "version",
      short: "Show version information for the flyctl command",
      runnable: true,
      args: { kind: "none" },
      flags: [json, str("saveinstall", "s")],
      subcommands: [
        {
          name: "upgrade",
          aliases: ["update"],
          short: "Checks for available updates and automatically upgrades flyctl",
          runnable: true,
          args: { kind: "none" }
        }
      ]
    },
    {
      name: "deploy",
      short: "Deploy Fly applications (stand-in: --build-only only)",
      runnable: true,
      args: { kind: "max", n: 1 },
      flags: [
        app,
        config,
        yes,
        detach,
        str("region", "r"),
        str("image", "i"),
        str("image-label"),
        str("dockerfile"),
        str("ignorefile"),
        str("build-target"),
        str("strategy"),
        str("wait-timeout"),
        str("release-command-timeout"),
        str("max-unavailable"),
        str("depot"),
        str("builder-pool"),
        str("buildkit-addr"),
        str("buildkit-image"),
        arr("build-arg"),
        arr("build-secret"),
        arr("label"),
        arr("env", "e"),
        arr("regions"),
        arr("only-regions"),
        arr("exclude-regions"),
        bool("build-only"),
        bool("push"),
        bool("remote-only"),
        bool("local-only"),
        bool("no-cache"),
        bool("nixpacks"),
        bool("buildkit"),
        bool("now"),
        bool("ha"),
        bool("smoke-checks"),
        bool("recreate-builder"),
        bool("auto-confirm"),
        bool("no-public-ips"),
        bool("immediate-max-concurrent")
      ]
    },
    {
      name: "secrets",
      short: "Manage application secrets with the set and unset commands.",
      runnable: false,
      subcommands: [
        {
          name: "import",
          short: "Set secrets as NAME=VALUE pairs from stdin",
          runnable: true,
          args: { kind: "none" },
          flags: [
            app,
            config,
            detach,
            bool("stage"),
            { name: "dns-checks", kind: "bool", default: true }
          ]
        }
      ]
    },
    {
      name: "apps",
      aliases: ["app"],
      short: "Manage apps.",
      runnable: false,
      subcommands: [
        {
          name: "create",
          short: "Create a new application",
          runnable: true,
          args: { kind: "range", min: 0, max: 1 },
          flags: [
            json,
            str("name"),
            bool("generate-name"),
            str("network"),
            str("org", "o"),
            bool("machines")
          ]
        },
        {
          name: "destroy",
          aliases: ["delete", "remove", "rm"],
          short: "Permanently destroys an app",
          runnable: true,
          args: { kind: "exact", n: 1 },
          flags: [yes]
        }
      ]
    },
    {
      name: "postgres",
      aliases: ["pg"],
      short: "Unmanaged Postgres cluster commands",
      runnable: false,
      subcommands: [
        {
          name: "attach",
          short: "Attach a postgres cluster to an app",
          runnable: true,
          args: { kind: "exact", n: 1 },
          flags: [
            app,
            config,
            yes,
            bool("auto-confirm"),
            str("database-name"),
            str("database-user"),
            { name: "variable-name", kind: "string", default: "DATABASE_URL" },
            { name: "superuser", kind: "bool", default: true }
          ]
        },
        {
          name: "detach",
          short: "Detach a postgres cluster from an app",
          runnable: true,
          args: { kind: "exact", n: 1 },
          // flyctl's detach has no --yes: it always prompts (detach.go).
          flags: [app, config]
        }
      ]
    },
    {
      name: "status",
      short: "Show app status",
      runnable: true,
      args: { kind: "none" },
      flags: [
        app,
        config,
        json,
        bool("all"),
        bool("deployment"),
        bool("watch"),
        { name: "rate", kind: "int", default: 5 }
      ]
    }
  ],
  handlers: {
    version: runVersion,
    "version upgrade": runUpgrade,
    deploy: runDeploy,
    "secrets import": runSecretsImport,
    "apps create": runAppsCreate,
    "apps destroy": runAppsDestroy,
    "postgres attach": runPostgresAttach,
    "postgres detach": runPostgresDetach,
    status: runStatus
  }
};
async function run(argv, io) {
  logInvocation(argv, io);
  let parsed;
  try {
    parsed = parseArgv(TREE, GLOBALS, argv);
  } catch (e) {
    if (e instanceof ArgsError) {
      io.stderr.write(`Error: ${e.message}

`);
      if (e.usageHint)
        io.stdout.write(`Run '${e.commandPath} --help' for usage.

`);
      return 1;
    }
    return crash(io, e);
  }
  const key = parsed.path.join(" ");
  const handler = TREE.handlers[key];
  if (parsed.help || !parsed.command.runnable || !handler) {
    io.stdout.write(usage(parsed));
    return 0;
  }
  try {
    await handler(createContext(io, parsed));
    return 0;
  } catch (e) {
    if (e instanceof FlyctlError) {
      io.stderr.write(`Error: ${e.message}

`);
      if (e.usageHint) io.stdout.write(`${e.usageHint}

`);
      return 1;
    }
    if (e instanceof ApiError || e instanceof TransportError) {
      io.stderr.write(`Error: ${e.message}

`);
      return 1;
    }
    return crash(io, e);
  }
}
function crash(io, e) {
  io.stderr.write(
    `Error: flysim stand-in flyctl failed unexpectedly: ${e instanceof Error ? e.message : String(e)}

`
  );
  return 1;
}
function logInvocation(argv, io) {
  const home = io.env.HOME;
  const file = io.env.FLYSIM_FLYCTL_LOG ?? (home ? (0, import_node_path4.join)(home, ".fly", "flysim-argv.jsonl") : void 0);
  if (!file) return;
  try {
    (0, import_node_fs3.mkdirSync)((0, import_node_path4.dirname)(file), { recursive: true });
    (0, import_node_fs3.appendFileSync)(
      file,
      JSON.stringify({
        argv: [...argv],
        cwd: io.cwd,
        at: (/* @__PURE__ */ new Date()).toISOString()
      }) + "\n"
    );
  } catch {
  }
}
function usage(parsed) {
  const c = parsed.command;
  const path = commandPath(ROOT, parsed.path);
  const lines = [
    c.short,
    "",
    "Usage:",
    `  ${path}${c.subcommands?.length ? " [command]" : ""} [flags]`,
    ""
  ];
  if (c.subcommands?.length) {
    lines.push("Available Commands:");
    for (const s of c.subcommands)
      lines.push(`  ${s.name.padEnd(12)} ${s.short}`);
    lines.push("");
  }
  const flags = [
    ...c.flags ?? [],
    { name: "help", short: "h", kind: "bool" }
  ];
  lines.push("Flags:");
  for (const f of flags) {
    const short = f.short ? `-${f.short}, ` : "    ";
    lines.push(
      `  ${short}--${f.name}${f.kind === "bool" ? "" : ` ${f.kind === "stringArray" ? "stringArray" : f.kind}`}`
    );
  }
  lines.push("", "Global Flags:");
  for (const f of GLOBALS) {
    lines.push(
      `  ${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.kind === "bool" ? "" : ` ${f.kind}`}`
    );
  }
  if (c.subcommands?.length) {
    lines.push(
      "",
      `Use "${path} [command] --help" for more information about a command.`
    );
  }
  return lines.join("\n") + "\n";
}

// src/sim/flyctl/main.ts
async function main() {
  process.exitCode = await run(process.argv.slice(2), {
    env: process.env,
    stdin: {
      isTTY: process.stdin.isTTY === true,
      async text() {
        const chunks = [];
        for await (const chunk of process.stdin) {
          chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        }
        return Buffer.concat(chunks).toString("utf8");
      }
    },
    stdout: process.stdout,
    stderr: process.stderr,
    fetch: globalThis.fetch,
    cwd: process.cwd(),
    argv0: process.argv[1]
  });
}
void main();
