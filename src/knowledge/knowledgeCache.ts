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
 * classes: instances of exported classes are recorded with their module and restored onto their
 * prototype. Saving refuses values it cannot restore exactly (functions, unexported classes), and
 * checks that the restored copy is deep-equal (prototypes included) to the live one before writing.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as v8 from 'node:v8';
import { projectRoot } from '../projectRoot';

/** The compiled (or, under ts tooling, source) folder of the bot's own code. */
const CODE_DIR = path.resolve(__dirname, '..');
const LIBRARIES = ['natural', 'yaml', 'zod'];
const FORMAT = 1;

export const DEFAULT_CACHE_FILE = path.join(projectRoot(), 'dist', 'cache', 'trained-knowledge.bin');

interface Header {
  format: number;
  key: string;
  classes: Array<{ module: string; name: string }>;
}

interface Payload {
  value: unknown;
  instances: object[];
  classIndex: number[];
}

/** The key a cache must carry to be used for this knowledge folder, this code and these options. */
export function cacheKey(knowledgeDir: string, options: Record<string, unknown>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: FORMAT, node: process.version, options, libraries: LIBRARIES.map(libraryVersion) }));
  for (const [root, filter] of [
    [knowledgeDir, () => true],
    [CODE_DIR, (name: string) => /\.(js|ts)$/.test(name)],
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
    return restore(v8.deserialize(bytes.subarray(newline + 1)) as Payload, header.classes) as T;
  } catch {
    return null;
  }
}

/**
 * Writes the cache (temp file + rename); throws, writing nothing, when the value cannot be restored
 * exactly. Call with the freshly built value.
 */
export function writeKnowledgeCache(file: string, key: string, value: unknown): void {
  const { payload, classes } = snapshot(value);
  const body = v8.serialize(payload);
  const restored = restore(v8.deserialize(body) as Payload, classes);
  if (!isDeepStrictEqual(restored, value)) throw new Error('the restored knowledge differs from the live one');
  const header: Header = { format: FORMAT, key, classes };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
  fs.renameSync(temp, file);
}

const PLAIN_PROTOTYPES = new Set<unknown>([Object.prototype, null, Array.prototype, Map.prototype, Set.prototype, RegExp.prototype, Date.prototype]);

function snapshot(value: unknown): { payload: Payload; classes: Header['classes'] } {
  const instances: object[] = [];
  const classIndex: number[] = [];
  const classes: Header['classes'] = [];
  const constructors: unknown[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown, where: string) => {
    if (typeof node === 'function') throw new Error(`cannot cache a function at ${where}`);
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const prototype = Object.getPrototypeOf(node) as { constructor?: unknown } | null;
    if (!PLAIN_PROTOTYPES.has(prototype)) {
      let index = constructors.indexOf(prototype?.constructor);
      if (index < 0) {
        classes.push(exportOf(prototype?.constructor, where));
        constructors.push(prototype?.constructor);
        index = classes.length - 1;
      }
      instances.push(node);
      classIndex.push(index);
    }
    if (node instanceof Map) for (const [k, v] of node) (visit(k, `${where}<key>`), visit(v, `${where}.get(${String(k)})`));
    else if (node instanceof Set) for (const v of node) visit(v, `${where}<item>`);
    else for (const [k, v] of Object.entries(node)) visit(v, `${where}.${k}`);
  };
  visit(value, 'value');
  return { payload: { value, instances, classIndex }, classes };
}

function restore(payload: Payload, classes: Header['classes']): unknown {
  const prototypes = classes.map(({ module, name }) => {
    const exported = (require(path.join(CODE_DIR, module)) as Record<string, unknown>)[name];
    const prototype = typeof exported === 'function' ? (exported.prototype as object | undefined) : undefined;
    if (!prototype) throw new Error(`${module} no longer exports ${name}`);
    return prototype;
  });
  payload.instances.forEach((instance, i) => Object.setPrototypeOf(instance, prototypes[payload.classIndex[i]]));
  return payload.value;
}

/** Where a class is exported from among the bot's loaded modules, as a path relative to CODE_DIR. */
function exportOf(constructor: unknown, where: string): { module: string; name: string } {
  for (const [file, loaded] of Object.entries(require.cache)) {
    if (!loaded || !file.startsWith(CODE_DIR + path.sep)) continue;
    const exports = loaded.exports as Record<string, unknown> | null;
    if (!exports || typeof exports !== 'object') continue;
    for (const [name, exported] of Object.entries(exports)) {
      if (exported === constructor) return { module: path.relative(CODE_DIR, file).replace(/\.(js|ts)$/, ''), name };
    }
  }
  throw new Error(`cannot cache ${where}: its class is not exported by the bot's code`);
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
