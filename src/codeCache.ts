/**
 * A V8 code cache for the CommonJS modules start-up loads (~1,500 files, most of them the Bot Framework
 * SDK's). Node 20 compiles every module from source at every start (~0.2 s of the ~1.3 s of CPU to the
 * first reply) and has no module.enableCompileCache (Node 22). Here each module's compiled code is saved
 * once the first reply has gone out (so it holds the functions the first turn compiled too), in one file
 * beside dist, and handed back to V8 at the next start.
 *
 * Checked: an entry is used only for the same file with the same source (SHA-1 of it: V8 itself checks
 * only the source's length), and V8 rejects data made by another V8 version or with other flags; a
 * module without a usable entry is compiled as before. A module runs exactly as Node's loader runs it (the
 * same wrapper, the same require function); anything that is not plain CommonJS (an ES module, a syntax
 * error) goes to Node's own loader.
 */
import { hash } from 'node:crypto';
import * as fs from 'node:fs';
import NodeModule from 'node:module';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** The parts of Node's CommonJS loader (lib/internal/modules/cjs/loader.js) this hooks into. */
interface Loader {
  prototype: { _compile(this: LoadingModule, content: string, filename: string, format?: string): unknown };
  wrap(script: string): string;
  _resolveFilename(request: string, parent: LoadingModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: LoadingModule): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeJS.Module>;
}

interface LoadingModule {
  exports: unknown;
  require(id: string): unknown;
}

type SavedEntry = [filename: string, sourceHash: string, data: Buffer];

export interface CodeCache {
  /** Modules compiled from the cache, and from source, so far. */
  readonly hits: number;
  readonly misses: number;
  /** Saves the compiled code when a module had no usable entry, then stops caching; a description for the log. */
  save(): string;
}

export function enableCodeCache(file: string): CodeCache {
  const loader = NodeModule as unknown as Loader;
  const saved = new Map(readEntries(file).map(([filename, sourceHash, data]) => [filename, { sourceHash, data }]));
  const compiled = new Map<string, { sourceHash: string; script: vm.Script; data?: Buffer }>();
  let hits = 0;
  let misses = 0;
  const nodeCompile = loader.prototype._compile;
  loader.prototype._compile = function (content, filename, format) {
    if (format === 'module' || !/\.c?js$/.test(filename)) return nodeCompile.call(this, content, filename, format);
    const sourceHash = hash('sha1', content, 'base64');
    const entry = saved.get(filename);
    saved.delete(filename);
    const cachedData = entry?.sourceHash === sourceHash ? entry.data : undefined;
    let script: vm.Script;
    try {
      script = new vm.Script(loader.wrap(content), {
        filename,
        cachedData,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      // ES module syntax in a .js file (Node detects it) or a real syntax error: Node's loader decides and reports.
      return nodeCompile.call(this, content, filename, format);
    }
    const reused = cachedData !== undefined && !script.cachedDataRejected;
    if (reused) hits += 1;
    else misses += 1;
    compiled.set(filename, { sourceHash, script, data: reused ? cachedData : undefined });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFunction(loader, this), this, filename, path.dirname(filename));
  };
  return {
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    save() {
      loader.prototype._compile = nodeCompile;
      const entries: SavedEntry[] = [...compiled].map(([filename, c]) => [filename, c.sourceHash, c.data ?? c.script.createCachedData()]);
      compiled.clear();
      saved.clear();
      if (misses === 0) return `code cache: all ${hits} modules compiled from it`;
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temp, v8.serialize(entries));
        fs.renameSync(temp, file);
        return `code cache: ${misses} of ${hits + misses} modules compiled from source; saved for the next start`;
      } catch (error) {
        // Only start-up time depends on it: a read-only dist just starts as it did without the cache.
        return `code cache: not saved (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`;
      }
    },
  };
}

function readEntries(file: string): SavedEntry[] {
  try {
    const entries = v8.deserialize(fs.readFileSync(file)) as unknown;
    return Array.isArray(entries) ? (entries as SavedEntry[]) : [];
  } catch {
    return [];
  }
}

/** What Node's makeRequireFunction gives a module (lib/internal/modules/helpers.js). */
function requireFunction(loader: Loader, module: LoadingModule): NodeJS.Require {
  const resolve = (request: string, options?: { paths?: string[] }) => loader._resolveFilename(request, module, false, options);
  resolve.paths = (request: string) => loader._resolveLookupPaths(request, module);
  const moduleRequire = (id: string) => module.require(id);
  return Object.assign(moduleRequire, {
    resolve,
    main: require.main,
    extensions: loader._extensions,
    cache: loader._cache,
  }) as NodeJS.Require;
}
