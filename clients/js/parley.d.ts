// Type declarations of parley.js.

/** Parley's error codes, plus the client's own: closed, disconnected, timeout. */
export type ParleyErrorCode =
  | 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'too_large'
  | 'internal' | 'closed' | 'disconnected' | 'timeout';

export class ParleyError extends Error {
  readonly code: ParleyErrorCode | string;
  /** The error frame Parley sent, when there was one. */
  readonly frame?: Record<string, unknown>;
}

export interface Hello {
  user_id: number;
  seq: number;
  heartbeat_interval_ms: number;
}

/** A push: dialogs pushes have `type`, `event`, `data`; servers pushes `name`, `data`. Both carry `seq`. */
export interface PushFrame {
  seq: number;
  event?: string;
  name?: string;
  type?: string;
  data: any;
  user?: number;
  request_id?: string;
}

export interface ParleyOptions {
  /** Parley's address (https://host, wss://host, http or ws); in a page, defaults to the page's origin. */
  url?: string;
  /** A JWT, or a function giving one (maybe async), asked before every connection. */
  token: string | (() => string | Promise<string>);
  /** A cursor to resume after. */
  since?: number | null;
  /** A WebSocket implementation; defaults to globalThis.WebSocket. */
  WebSocket?: unknown;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  requestTimeoutMs?: number;
}

export interface Closed {
  code: number;
  reason: string;
}

export interface Reconnecting {
  attempt: number;
  delay: number;
}

export class Parley {
  constructor(options: ParleyOptions);
  /** The cursor of the last push delivered. */
  readonly lastSeq: number | null;
  readonly connected: boolean;
  connect(): Promise<Hello>;
  request<T = any>(event: string, params?: Record<string, unknown>): Promise<T>;
  on(name: 'open', handler: (hello: Hello) => void): this;
  on(name: 'close', handler: (closed: Closed) => void): this;
  on(name: 'reconnecting', handler: (r: Reconnecting) => void): this;
  /** Reload what you show; the client already goes on from `frame.data.seq` (now its `lastSeq`). */
  on(name: 'resync_required', handler: (frame: { event: 'resync_required'; data: { seq: number } }) => void): this;
  on(name: 'error', handler: (error: ParleyError | Error) => void): this;
  on(name: string, handler: (frame: PushFrame) => void): this;
  off(name: string, handler: (...args: any[]) => void): this;
  reconnect(): void;
  close(): void;
}

export default Parley;
