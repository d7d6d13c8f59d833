// The one IPC contract between the renderer and the Electron shell (DESIGN.md, "The shell and the
// web mode"). Channel names, argument and result schemas live here and nowhere else: the preload
// object, main's handler map and the renderer's host interface are all derived from `contract`,
// so a channel added or changed here fails to compile on every side that does not follow.
import { z } from 'zod';
import { err, ok, type Result } from '../lib/result';

/** What a caller can act on; the message is for the person at the counter (STYLE.md 5). */
export const IPC_ERROR_CODES = [
  'bad_request', // the arguments broke the contract: a bug in the caller
  'forbidden', // the call did not come from the app's own page
  'unavailable', // the computer lacks what is needed: no such printer, no secure key store
  'cancelled', // the person closed a dialog
  'failed', // tried and failed: print job refused, disk full
  'unsupported_in_web', // the browser build cannot do this by itself
  'internal', // a bug in the shell: logged, not explained
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export const IpcErrorSchema = z.strictObject({
  code: z.enum(IPC_ERROR_CODES),
  message: z.string(),
});
export type IpcError = Readonly<z.output<typeof IpcErrorSchema>>;

export type IpcResult<T> = Result<T, IpcError>;

export const succeed = <T>(value: T): IpcResult<T> => ok(value);
export const fail = (code: IpcErrorCode, message: string): IpcResult<never> =>
  err({ code, message });

// Receipts are a few kilobytes; the cap keeps a runaway template from pinning the main process.
const MAX_HTML_CHARS = 1_000_000;

export const PageSizeSchema = z.enum(['80mm', 'A4']);
export type PageSize = z.output<typeof PageSizeSchema>;

const Html = z.string().min(1).max(MAX_HTML_CHARS);

const FORBIDDEN_IN_FILE_NAME = new Set(['/', '\\', ':', '*', '?', '"', '<', '>', '|']);

function isPlainFileName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) < 0x20 || FORBIDDEN_IN_FILE_NAME.has(name.charAt(i))) return false;
  }
  return !name.startsWith('.') && name.trim() === name;
}

/** A bare file name, safe on Windows, macOS and Linux: the shell decides the folder, never this. */
export const FileNameSchema = z.string().min(1).max(120).refine(isPlainFileName, {
  message: 'must be a plain file name: no folders, no leading dot, no reserved characters',
});

export const AppInfoSchema = z.strictObject({
  version: z.string(),
  platform: z.string(),
  shell: z.literal('electron'),
  dataDir: z.string(),
});
export type AppInfo = z.output<typeof AppInfoSchema>;

export const PrinterSchema = z.strictObject({ name: z.string(), isDefault: z.boolean() });
export type Printer = z.output<typeof PrinterSchema>;

export const PrintHtmlArgsSchema = z.strictObject({
  html: Html,
  pageSize: PageSizeSchema,
  printerName: z.string().min(1).max(256).optional(),
  silent: z.boolean(),
});

export const SavePdfArgsSchema = z.strictObject({
  html: Html,
  pageSize: PageSizeSchema,
  fileName: FileNameSchema,
});

// shared/ has no URL class (no DOM, no Node): the shape is checked here, the origin in main.
const HTTP_URL = /^https?:\/\/[^\s/?#@]+([/?#]\S*)?$/i;
const isHttpUrl = (s: string): boolean => HTTP_URL.test(s);

/** HQ's address as enrolled: the only origin the page may fetch besides its own. */
export const HqUrlSchema = z.string().min(1).max(2048).refine(isHttpUrl, {
  message: 'must be an http(s) address such as https://hq.example.com',
});

// A bearer token issued by HQ at enrollment; opaque here.
export const TokenSchema = z.string().min(1).max(8192);

const noArgs = z.undefined();
// Void results cross as `null`: an explicit value survives structured cloning unambiguously.
const done = z.null();

interface ChannelSpec {
  readonly method: string;
  readonly args: z.ZodType;
  readonly result: z.ZodType;
}

export const contract = {
  'app:getInfo': { method: 'getInfo', args: noArgs, result: AppInfoSchema },
  'print:listPrinters': { method: 'listPrinters', args: noArgs, result: z.array(PrinterSchema) },
  'print:html': { method: 'printHtml', args: PrintHtmlArgsSchema, result: done },
  'print:savePdf': {
    method: 'savePdf',
    args: SavePdfArgsSchema,
    result: z.strictObject({ path: z.string() }),
  },
  'token:get': { method: 'getToken', args: noArgs, result: TokenSchema.nullable() },
  'token:set': { method: 'setToken', args: z.strictObject({ token: TokenSchema }), result: done },
  'token:clear': { method: 'clearToken', args: noArgs, result: done },
  'hq:setOrigin': {
    method: 'setHqOrigin',
    args: z.strictObject({ url: HqUrlSchema }),
    result: done,
  },
  'shell:openDataFolder': { method: 'openDataFolder', args: noArgs, result: done },
  'shell:openLog': { method: 'openLog', args: noArgs, result: done },
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as readonly Channel[];

/** What the caller passes. */
export type ArgsIn<K extends Channel> = z.input<Contract[K]['args']>;
/** What a handler receives, after validation. */
export type Args<K extends Channel> = z.output<Contract[K]['args']>;
export type Value<K extends Channel> = z.output<Contract[K]['result']>;
export type MethodOf<K extends Channel> = Contract[K]['method'];

type Call<K extends Channel> =
  ArgsIn<K> extends undefined
    ? () => Promise<IpcResult<Value<K>>>
    : (args: ArgsIn<K>) => Promise<IpcResult<Value<K>>>;

/**
 * The one message channel from the shell to the page: what a menu asks the page to do. It
 * carries a name from SHELL_EVENTS only; the page subscribes through `onShellEvent`.
 */
export const SHELL_EVENT_CHANNEL = 'shell:event';
export const SHELL_EVENTS = ['open-backup', 'open-restore'] as const;
export type ShellEvent = (typeof SHELL_EVENTS)[number];
export const isShellEvent = (x: unknown): x is ShellEvent =>
  typeof x === 'string' && (SHELL_EVENTS as readonly string[]).includes(x);

/** Subscribes to shell events; returns the unsubscribe function. */
export type OnShellEvent = (listener: (event: ShellEvent) => void) => () => void;

/**
 * `window.counter`, as exposed by the preload: one narrow function per channel, and the one
 * subscription to shell events.
 */
export type CounterBridge = { readonly [K in Channel as MethodOf<K>]: Call<K> } & {
  readonly onShellEvent: OnShellEvent;
};

/** Main's side: a handler for every channel, receiving arguments already validated. */
export type Handlers = {
  readonly [K in Channel]: (args: Args<K>) => Promise<IpcResult<Value<K>>>;
};

export type PrintHtmlArgs = Args<'print:html'>;
export type SavePdfArgs = Args<'print:savePdf'>;

// The contract seen per channel, so generic code over `K` keeps each channel's own types
// (TypeScript cannot correlate `contract[K]` with `Args<K>` on its own).
type Schemas = {
  readonly [K in Channel]: {
    readonly args: z.ZodType<Args<K>>;
    readonly result: z.ZodType<Value<K>>;
  };
};
const schemas: Schemas = contract;

export function parseArgs<K extends Channel>(
  channel: K,
  raw: unknown,
): z.ZodSafeParseResult<Args<K>> {
  return schemas[channel].args.safeParse(raw);
}

/** The envelope a channel answers with, for callers that check what crossed the boundary. */
export function resultSchema<K extends Channel>(channel: K): z.ZodType<IpcResult<Value<K>>> {
  const value = schemas[channel].result;
  return z.union([
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: IpcErrorSchema }),
  ]);
}

/** Turns a schema failure into one line a log reader can act on: `args.pageSize: Invalid option`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${['args', ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}
