/**
 * A checked cache of what start-up builds from knowledge/: the parsed files and the trained classifier
 * and safety rules, saved by the build (`node dist/src/cli/buildKnowledgeCache.js`) so start-up reads
 * one file instead of parsing YAML and training (~0.5 s).
 *
 * The cache is used only when its key matches: a hash of every file under the knowledge folder, of
 * every compiled source file of the bot (so a change to the classifier or the red-flag detector
 * invalidates it even though this module knows nothing of them), of the versions of Node and of the
 * libraries that shape the data, and of the options. Otherwise the caller builds afresh.
 *
 * The value is stored with v8.serialize, which keeps Maps, Sets, RegExps and shared references but not
 * classes or functions: instances are saved as plain objects with the module that exports their class,
 * and a module's own export found inside the value (a library's stemmer object, a function) is saved as
 * a reference to it; both are restored on load. Saving refuses anything else it cannot restore (an
 * unexported class or function), and checks that the restored copy is deep-equal (prototypes
 * included) to the live one before writing.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { projectRoot } from '../projectRoot';

/** The compiled (or, under ts tooling, source) folder of the bot's own code. */
const CODE_DIR = path.resolve(__dirname, '..');
const LIBRARIES = ['natural', 'yaml', 'zod'];
const FORMAT = 2;

/** The compiled code's folder (dist), or dist under the project when running from the sources. */
const OUT_DIR = path.dirname(CODE_DIR) === projectRoot() ? path.join(projectRoot(), 'dist') : path.dirname(CODE_DIR);

// Beside the code it was built from, so a second copy of dist (the bench's BENCH_BEFORE_DIST) keeps its own
// cache instead of each copy retraining and overwriting the other's at every start.
export const DEFAULT_CACHE_FILE = path.join(OUT_DIR, 'cache', 'trained-knowledge.bin');

/** A module as `require` takes it: a builtin's name, or a path relative to the project root. */
interface ExportRef {
  module: string;
  /** The export's name, or null for the module's whole exports. */
  name: string | null;
}

interface Header {
  format: number;
  key: string;
  refs: ExportRef[];
}

/** Where, in the restored copy, a module export goes: container, key (or Map key), and which export. */
type Fixup = [container: object, key: unknown, ref: number];

interface Payload {
  value: unknown;
  /** Copies of class instances, and the class (an export) whose prototype each gets back. */
  instances: Array<[object, number]>;
  /** Places that held a module's export (a shared stemmer, a library function): required again on load. */
  fixups: Fixup[];
}

/** The key a cache must carry to be used for this knowledge folder, this code and these options. */
export function cacheKey(knowledgeDir: string, options: Record<string, unknown>, codeDir = CODE_DIR): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: FORMAT, node: process.version, options, libraries: LIBRARIES.map(libraryVersion) }));
  for (const [root, filter] of [
    [knowledgeDir, () => true],
    [codeDir, (name: string) => /\.(js|ts)$/.test(name)],
  ] as const) {
    for (const name of listFiles(root).filter(filter)) hash.update(`\0${name}\0`).update(fs.readFileSync(path.join(root, name)));
  }
  return hash.digest('hex');
}

/** The cached value when the file exists and its key matches; null otherwise (the caller builds it). */
export function readKnowledgeCache<T>(file: string, key: string): T | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return null;
  try {
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
    if (header.format !== FORMAT || header.key !== key) return null;
    return restore(v8.deserialize(bytes.subarray(newline + 1)) as Payload, header.refs) as T;
  } catch {
    return null;
  }
}

/**
 * Writes the cache (temp file + rename); throws, writing nothing, when the value cannot be restored
 * exactly. Call with the freshly built value.
 */
export function writeKnowledgeCache(file: string, key: string, value: unknown): void {
  const { payload, refs } = snapshot(value);
  const body = v8.serialize(payload);
  const restored = restore(v8.deserialize(body) as Payload, refs);
  const difference = differenceBetween(restored, value, 'value', new Map());
  if (difference) throw new Error(`the restored knowledge differs from the live one at ${difference}`);
  const header: Header = { format: FORMAT, key, refs };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
  fs.renameSync(temp, file);
}

const PLAIN_PROTOTYPES = new Set<unknown>([Object.prototype, Array.prototype, Map.prototype, Set.prototype]);
/** The class reference of objects made with Object.create(null) (v8.deserialize gives them Object's prototype). */
const NULL_PROTOTYPE = -1;
const KEPT_AS_IS = [RegExp, Date, ArrayBuffer, Uint8Array, Float64Array, Int32Array, Uint32Array, Float32Array];
const PLACEHOLDER = null;

/** A copy of `value` that v8.serialize can take: class instances as plain objects, module exports as fixups. */
function snapshot(value: unknown): { payload: Payload; refs: ExportRef[] } {
  const exported = exportIndex();
  const refs: ExportRef[] = [];
  const refIndex = new Map<unknown, number>();
  const instances: Payload['instances'] = [];
  const fixups: Fixup[] = [];
  const copies = new Map<object, object>();
  const refOf = (thing: unknown, where: string): number => {
    let index = refIndex.get(thing);
    if (index === undefined) {
      const ref = exported.get(thing);
      if (!ref) throw new Error(`cannot cache ${where}: neither data nor a module's export`);
      refs.push(ref);
      index = refs.length - 1;
      refIndex.set(thing, index);
    }
    return index;
  };
  /** The copy of `node`, or PLACEHOLDER with a fixup recorded when it is a module's export. */
  const copy = (node: unknown, container: object, key: unknown, where: string): unknown => {
    if (typeof node === 'function' || (node !== null && typeof node === 'object' && exported.has(node))) {
      fixups.push([container, key, refOf(node, where)]);
      return PLACEHOLDER;
    }
    if (node === null || typeof node !== 'object') return node;
    if (KEPT_AS_IS.some((type) => node instanceof type)) return node;
    const done = copies.get(node);
    if (done) return done;
    if (node instanceof Map) {
      const out = new Map();
      copies.set(node, out);
      for (const [k, v] of node) out.set(copy(k, out, undefined, `${where}<key>`), copy(v, out, k, `${where}.get(${String(k)})`));
      return out;
    }
    if (node instanceof Set) {
      const out = new Set();
      copies.set(node, out);
      for (const v of node) out.add(copy(v, out, undefined, `${where}<item>`));
      return out;
    }
    const out: Record<string, unknown> = Array.isArray(node) ? (new Array(node.length) as unknown as Record<string, unknown>) : {};
    copies.set(node, out);
    const prototype = Object.getPrototypeOf(node) as object | null;
    if (prototype === null) instances.push([out, NULL_PROTOTYPE]);
    else if (!PLAIN_PROTOTYPES.has(prototype)) instances.push([out, refOf((prototype as { constructor?: unknown }).constructor, `the class of ${where}`)]);
    for (const [k, v] of Object.entries(node)) out[k] = copy(v, out, k, `${where}.${k}`);
    return out;
  };
  if (exported.has(value)) throw new Error('cannot cache a module export by itself');
  const copied = copy(value, {}, 'value', 'value');
  return { payload: { value: copied, instances, fixups }, refs };
}

function restore(payload: Payload, refs: ExportRef[]): unknown {
  const resolved = refs.map(({ module, name }) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the cache restores library classes by module path
    const exports = require(module.startsWith('.') ? path.join(projectRoot(), module) : module) as Record<string, unknown>;
    const value = name === null ? exports : exports[name];
    if (value === undefined) throw new Error(`${module} no longer exports ${name}`);
    return value;
  });
  for (const [instance, ref] of payload.instances) {
    if (ref === NULL_PROTOTYPE) {
      Object.setPrototypeOf(instance, null);
      continue;
    }
    const prototype = (resolved[ref] as { prototype?: object }).prototype;
    if (!prototype) throw new Error(`${refs[ref].module} ${refs[ref].name} is not a class`);
    Object.setPrototypeOf(instance, prototype);
  }
  for (const [container, key, ref] of payload.fixups) {
    if (container instanceof Map) container.set(key, resolved[ref]);
    else (container as Record<string, unknown>)[key as string] = resolved[ref];
  }
  return payload.value;
}

/**
 * Where two graphs differ (null when they do not): same prototypes, same own enumerable string-keyed
 * properties, same Map and Set contents, same RegExps, functions and exports identical. Symbol-keyed
 * properties are not compared: v8.serialize drops them, and the ones met here (EventEmitter's
 * capture flag) repeat what their prototype says.
 */
function differenceBetween(a: unknown, b: unknown, where: string, seen: Map<object, object>): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return where;
  if (seen.get(a) === b) return null;
  seen.set(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${where} (prototype)`;
  if (a instanceof RegExp) return a.source === (b as RegExp).source && a.flags === (b as RegExp).flags ? null : where;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime() ? null : where;
  if (a instanceof Map) {
    const other = b as Map<unknown, unknown>;
    if (a.size !== other.size) return `${where} (size)`;
    for (const [k, v] of a) {
      if (!other.has(k)) return `${where}.get(${String(k)})`;
      const inner = differenceBetween(v, other.get(k), `${where}.get(${String(k)})`, seen);
      if (inner) return inner;
    }
    return null;
  }
  if (a instanceof Set) {
    const other = b as Set<unknown>;
    if (a.size !== other.size) return `${where} (size)`;
    for (const v of a) if (typeof v !== 'object' && !other.has(v)) return `${where}<item>`;
    return null;
  }
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return `${where} (keys)`;
  for (const k of aKeys) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return `${where}.${k}`;
    const inner = differenceBetween((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`, seen);
    if (inner) return inner;
  }
  return null;
}

/** Every export of every loaded module (and of Node's builtins), by identity: what a cache may refer to. */
function exportIndex(): Map<unknown, ExportRef> {
  const index = new Map<unknown, ExportRef>();
  const add = (module: string, exports: unknown) => {
    if (exports === null || (typeof exports !== 'object' && typeof exports !== 'function')) return;
    if (!index.has(exports)) index.set(exports, { module, name: null });
    for (const [name, value] of Object.entries(exports as Record<string, unknown>)) {
      if ((typeof value === 'function' || (value !== null && typeof value === 'object')) && !index.has(value)) index.set(value, { module, name });
    }
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the cache restores library classes by module path
  for (const builtin of ['events']) add(builtin, require(builtin));
  for (const [file, loaded] of Object.entries(require.cache)) if (loaded) add(`./${path.relative(projectRoot(), file)}`, loaded.exports);
  return index;
}

function listFiles(root: string): string[] {
  try {
    return fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort();
  } catch {
    return [];
  }
}

function libraryVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(projectRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
