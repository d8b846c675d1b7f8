import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { InputError } from '@portal/backend-common';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  RELEASE_SYNC,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import { SANDBOX_SETUP_SOURCE } from './sandboxSource.js';

export interface TemplaterOptions {
  /** Longest one evaluation may run; an infinite loop is stopped after this. */
  timeoutMs: number;
  /** Heap limit of the sandbox. */
  memoryLimitBytes: number;
}

const defaults: TemplaterOptions = { timeoutMs: 2000, memoryLimitBytes: 64 * 1024 * 1024 };

/** A template expression failed: a 400-class error whose message comes from inside the sandbox only. */
export class TemplateError extends InputError {
  override name = 'TemplateError';
}

let compiledWasm: Promise<WebAssembly.Module> | undefined;
/** QuickJS compiled once per process; each templater instantiates it afresh (cheap) with its own memory. */
function quickjsWasm(): Promise<WebAssembly.Module> {
  compiledWasm ??= (async () => {
    const require = createRequire(createRequire(import.meta.url).resolve('quickjs-emscripten'));
    return WebAssembly.compile(await readFile(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));
  })();
  return compiledWasm;
}

let nunjucksSource: string | undefined;
function loadNunjucksSource(): string {
  // nunjucks' own browser bundle: it needs no Node module, so it runs inside QuickJS unchanged.
  nunjucksSource ??= readFileSync(createRequire(import.meta.url).resolve('nunjucks/browser/nunjucks.min.js'), 'utf8');
  return nunjucksSource;
}

/** `${{ expr }}` and nothing else: such a string keeps the JSON type of its value. */
const SINGLE_EXPRESSION = /^\s*\$\{\{((?:(?!\}\}|\$\{\{)[\s\S])*)\}\}\s*$/;

/**
 * Renders template strings in a QuickJS (WebAssembly) sandbox. The sandbox has no `process`,
 * `require`, file system, network or host object: only nunjucks, four filters and the JSON text
 * each call hands in. Each templater owns one runtime with a memory limit; every evaluation runs
 * under a deadline. Create one per task, and dispose it when the task ends.
 */
export class SecureTemplater {
  private readonly options: TemplaterOptions;
  private runtime: QuickJSRuntime | undefined;
  private context: QuickJSContext | undefined;
  private renderFn: QuickJSHandle | undefined;
  private lastContext: object | undefined;
  private lastContextJson = '';

  private readonly quickjs: QuickJSWASMModule;

  static async create(options: Partial<TemplaterOptions> = {}): Promise<SecureTemplater> {
    // A WebAssembly module of its own per templater: a fatal error inside one sandbox (an abort
    // of the QuickJS runtime) cannot touch another task's sandbox.
    const variant = newVariant(RELEASE_SYNC, { wasmModule: await quickjsWasm() });
    return new SecureTemplater({ ...defaults, ...options } satisfies TemplaterOptions, await newQuickJSWASMModuleFromVariant(variant));
  }

  private constructor(options: TemplaterOptions, quickjs: QuickJSWASMModule) {
    this.options = options;
    this.quickjs = quickjs;
    this.start();
  }

  private start(): void {
    const runtime = this.quickjs.newRuntime();
    runtime.setMemoryLimit(this.options.memoryLimitBytes);
    // Small enough that QuickJS reports a stack overflow before the host's own stack runs out.
    runtime.setMaxStackSize(256 * 1024);
    const context = runtime.newContext();
    runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + 10_000));
    const setup = context.evalCode(`${loadNunjucksSource()}\n;${SANDBOX_SETUP_SOURCE}`, 'setup.js');
    if (setup.error) {
      const message = errorMessage(context, setup.error);
      context.dispose();
      runtime.dispose();
      throw new Error(`The template sandbox failed to start: ${message}`);
    }
    setup.value.dispose();
    this.runtime = runtime;
    this.context = context;
    this.renderFn = context.getProp(context.global, '__portalRender');
  }

  /** Renders a string with nunjucks; the result is always a string. */
  renderString(template: string, context: object): string {
    if (!template.includes('${{') && !template.includes('{%') && !template.includes('{#')) return template;
    return this.evaluate(template, context);
  }

  /**
   * Renders every string inside a JSON value. A string that is a single `${{ expr }}` keeps its
   * type (number, boolean, object, array); an empty result becomes undefined.
   */
  renderValue(input: unknown, context: object): unknown {
    if (typeof input === 'string') {
      const single = SINGLE_EXPRESSION.exec(input);
      if (single) {
        const dumped = this.evaluate(`\${{ (${single[1]}) | dump }}`, context);
        return dumped === '' ? undefined : JSON.parse(dumped);
      }
      const rendered = this.renderString(input, context);
      return rendered === '' ? undefined : rendered;
    }
    if (Array.isArray(input)) return input.map(item => this.renderValue(item, context));
    if (input !== null && typeof input === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input)) {
        // defineProperty, not assignment: a key named __proto__ stays a plain own key.
        Object.defineProperty(out, key, { value: this.renderValue(value, context), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return input;
  }

  dispose(): void {
    try {
      this.renderFn?.dispose();
      this.context?.dispose();
      this.runtime?.dispose();
    } catch {
      // A runtime stopped mid-evaluation may refuse an orderly teardown; its module is dropped with it.
    }
    this.renderFn = this.context = this.runtime = undefined;
  }

  private contextJson(context: object): string {
    if (context !== this.lastContext) {
      this.lastContext = context;
      this.lastContextJson = JSON.stringify(context);
    }
    return this.lastContextJson;
  }

  private evaluate(template: string, context: object): string {
    if (!this.context || !this.runtime || !this.renderFn) throw new Error('The templater has been disposed');
    const vm = this.context;
    const json = this.contextJson(context);
    const started = Date.now();
    this.runtime.setInterruptHandler(shouldInterruptAfterDeadline(started + this.options.timeoutMs));
    const templateHandle = vm.newString(template);
    const contextHandle = vm.newString(json);
    let result: ReturnType<QuickJSContext['callFunction']>;
    try {
      result = vm.callFunction(this.renderFn, vm.undefined, templateHandle, contextHandle);
    } catch {
      // The host itself failed (its stack, most likely): the sandbox cannot be trusted any more.
      this.reset();
      throw new TemplateError('Template evaluation exceeded the sandbox limits and was stopped');
    } finally {
      if (templateHandle.alive) templateHandle.dispose();
      if (contextHandle.alive) contextHandle.dispose();
    }
    if (result.error) {
      throw this.failure(errorMessage(vm, result.error), Date.now() - started);
    }
    const value = vm.typeof(result.value) === 'string' ? vm.getString(result.value) : '';
    result.value.dispose();
    return value;
  }

  private failure(message: string, elapsedMs: number): TemplateError {
    if (/interrupted/i.test(message) || elapsedMs >= this.options.timeoutMs) {
      this.reset();
      return new TemplateError(`Template evaluation took longer than ${this.options.timeoutMs} ms and was stopped`);
    }
    if (/out of memory|stack overflow|InternalError/i.test(message)) {
      this.reset();
      return new TemplateError('Template evaluation ran out of memory or stack and was stopped');
    }
    // nunjucks prefixes errors with "(unknown path)" and a position: keep the position, drop noise.
    const cleaned = message
      .replace(/^Template render error: /, '')
      .replace(/\(unknown path\)\s*/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    return new TemplateError(`Template error: ${cleaned.slice(0, 500)}`);
  }

  // After an interrupt or an out-of-memory error, nunjucks' state inside the sandbox cannot be
  // trusted: the next evaluation starts from a new runtime.
  private reset(): void {
    this.dispose();
    this.lastContext = undefined;
    this.start();
  }
}

/** The message of an error thrown inside the sandbox; never its stack, which can be huge. */
function errorMessage(vm: QuickJSContext, error: QuickJSHandle): string {
  try {
    const message = vm.getProp(error, 'message');
    const name = vm.getProp(error, 'name');
    const text = vm.typeof(message) === 'string' ? vm.getString(message) : '';
    const kind = vm.typeof(name) === 'string' ? vm.getString(name) : '';
    message.dispose();
    name.dispose();
    return kind && text ? `${kind}: ${text}` : text || kind || 'unknown error';
  } finally {
    error.dispose();
  }
}
