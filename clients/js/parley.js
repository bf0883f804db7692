// parley.js: the client of Parley's websocket API. One ES module, no dependencies.
// Requests are promises matched by request_id; pushes reach on() handlers once each, in order, across
// reconnects (the socket resumes after the last cursor delivered). Protocol: docs/protocol.md.

/** What a refused request or a failed connection rejects with: `code` as Parley's error codes. */
export class ParleyError extends Error {
  constructor(code, message, frame) {
    super(message);
    this.name = 'ParleyError';
    this.code = code;
    this.frame = frame;
  }
}

export class Parley {
  #url;
  #token;
  #WebSocket;
  #backoffMin;
  #backoffMax;
  #requestTimeout;
  #ws = null;
  #state = 'idle'; // idle, connecting, open, waiting (to reconnect), closed
  #lastSeq = null;
  #attempt = 0;
  #timer = null;
  #heartbeat = null;
  #lastHeard = 0;
  #nextId = 1;
  #pending = new Map(); // request_id -> {resolve, reject, timer, event}
  #queue = []; // [requestId, frame] asked for while not open, sent once open
  #handlers = new Map();
  #connected = null; // {promise, resolve, reject} of connect()

  /**
   * @param options.url Parley's address: https://host, wss://host (or http/ws); in a page, defaults to it.
   * @param options.token a JWT, or a function (maybe async) giving one, asked before every connection.
   * @param options.since a cursor to resume after (e.g. kept from an earlier session).
   */
  constructor({ url, token, since = null, WebSocket: Impl = globalThis.WebSocket, backoffMinMs = 250,
                backoffMaxMs = 10000, requestTimeoutMs = 30000 } = {}) {
    if (!token) throw new ParleyError('bad_request', 'token is required');
    if (!Impl) throw new ParleyError('bad_request', 'no WebSocket here: pass options.WebSocket');
    const base = url ?? globalThis.location?.origin;
    if (!base) throw new ParleyError('bad_request', 'url is required');
    this.#url = base.replace(/^http/, 'ws').replace(/\/+$/, '').replace(/\/ws$/, '');
    this.#token = token;
    this.#WebSocket = Impl;
    this.#backoffMin = backoffMinMs;
    this.#backoffMax = backoffMaxMs;
    this.#requestTimeout = requestTimeoutMs;
    this.#lastSeq = since;
  }

  /** The cursor of the last push delivered (null before the first hello). */
  get lastSeq() {
    return this.#lastSeq;
  }

  /** True while a socket is open and greeted. */
  get connected() {
    return this.#state === 'open';
  }

  /** Connects (and keeps reconnecting until close()); resolves with the first hello's data. */
  connect() {
    if (this.#state === 'closed') return Promise.reject(new ParleyError('closed', 'this client was closed'));
    if (!this.#connected) {
      let resolve, reject;
      const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
      this.#connected = { promise, resolve, reject };
      if (this.#state === 'idle') this.#open();
    }
    return this.#connected.promise;
  }

  /**
   * Sends a request; resolves with the reply's `data` (the whole reply is on `.frame` of an error).
   * A request made while reconnecting is sent once connected; one in flight when the socket drops
   * rejects with code `disconnected` (it may or may not have been applied: retry with a nonce).
   */
  request(event, params = {}) {
    if (this.#state === 'closed' || this.#state === 'idle') {
      return Promise.reject(new ParleyError('closed', `cannot send ${event}: not connected (call connect() first)`));
    }
    if (typeof event !== 'string' || !event) {
      return Promise.reject(new ParleyError('bad_request', 'event must be a non-empty string'));
    }
    const requestId = `p${this.#nextId++}`;
    const frame = JSON.stringify({ ...params, event, request_id: requestId });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(requestId);
        reject(new ParleyError('timeout', `no reply to ${event} within ${this.#requestTimeout} ms`));
      }, this.#requestTimeout);
      this.#pending.set(requestId, { resolve, reject, timer, event });
      if (this.#state === 'open') this.#ws.send(frame);
      else this.#queue.push([requestId, frame]);
    });
  }

  /** Handles pushes named `name` (the handler gets the whole frame), '*' for every push, or a lifecycle event. */
  on(name, handler) {
    if (!this.#handlers.has(name)) this.#handlers.set(name, new Set());
    this.#handlers.get(name).add(handler);
    return this;
  }

  off(name, handler) {
    this.#handlers.get(name)?.delete(handler);
    return this;
  }

  /** Drops the socket and connects again, resuming after the last push delivered. */
  reconnect() {
    if (this.#state === 'closed' || this.#state === 'idle') return;
    this.#drop(4000, 'reconnect asked for');
    this.#schedule(0);
  }

  /** Closes for good: pending and later requests reject with code `closed`. */
  close() {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    clearTimeout(this.#timer);
    this.#stopHeartbeat();
    const ws = this.#ws;
    this.#ws = null;
    if (ws) ws.close(1000, 'client closed');
    this.#failPending('closed', 'the client was closed');
    this.#failQueue('closed', 'the client was closed');
    this.#connected?.reject(new ParleyError('closed', 'the client was closed'));
    this.#emit('close', { code: 1000, reason: 'client closed' });
  }

  async #open() {
    this.#state = 'connecting';
    let token;
    try {
      token = typeof this.#token === 'function' ? await this.#token() : this.#token;
    } catch (e) {
      this.#emit('error', new ParleyError('unauthorized', `no token: ${e?.message ?? e}`));
      this.#schedule();
      return;
    }
    if (this.#state !== 'connecting') return; // closed meanwhile
    let address = `${this.#url}/ws/?token=${encodeURIComponent(token)}`;
    if (this.#lastSeq !== null) address += `&since=${this.#lastSeq}`;
    let ws;
    try {
      ws = new this.#WebSocket(address);
    } catch (e) {
      this.#emit('error', new ParleyError('internal', `cannot open ${this.#url}: ${e?.message ?? e}`));
      this.#schedule();
      return;
    }
    this.#ws = ws;
    ws.onmessage = (m) => {
      if (ws === this.#ws) this.#receive(m.data);
    };
    ws.onclose = (e) => {
      if (ws !== this.#ws) return; // a socket we dropped ourselves
      this.#ws = null;
      this.#stopHeartbeat();
      this.#failPending('disconnected', `the connection closed (${e.code}) before the reply came`);
      this.#emit('close', { code: e.code, reason: e.reason });
      if (this.#state !== 'closed') this.#schedule();
    };
    ws.onerror = () => {}; // a close follows
  }

  #receive(text) {
    this.#lastHeard = Date.now();
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    const name = frame.event ?? frame.name;
    if (name === 'hello' && !('request_id' in frame)) {
      this.#greeted(frame);
      return;
    }
    if (name === 'resync_required') {
      // The socket goes on live after data.seq: resume from there, not from the old cursor, after a drop.
      if (typeof frame.data?.seq === 'number') this.#lastSeq = frame.data.seq;
      this.#emit('resync_required', frame);
      return;
    }
    const pending = frame.request_id != null ? this.#pending.get(String(frame.request_id)) : undefined;
    if (pending) {
      this.#pending.delete(String(frame.request_id));
      clearTimeout(pending.timer);
      if (frame.error) {
        pending.reject(new ParleyError(frame.error.code, frame.error.message, frame));
        return;
      }
      // A dialogs reply that carries seq stands for this socket's push: handlers see it as that push.
      this.#deliver(frame);
      pending.resolve(frame.data);
      return;
    }
    if (frame.error) {
      this.#emit('error', new ParleyError(frame.error.code, frame.error.message, frame));
      return;
    }
    this.#deliver(frame);
  }

  /** A frame with seq reaches the handlers once: anything at or before the last cursor was delivered. */
  #deliver(frame) {
    if (typeof frame.seq !== 'number') return; // not a push
    if (this.#lastSeq !== null && frame.seq <= this.#lastSeq) return;
    this.#lastSeq = frame.seq;
    this.#emit(frame.event ?? frame.name, frame);
    this.#emit('*', frame);
  }

  #greeted(hello) {
    const data = hello.data ?? {};
    if (this.#lastSeq === null && typeof data.seq === 'number') this.#lastSeq = data.seq;
    this.#state = 'open';
    this.#attempt = 0;
    this.#startHeartbeat(data.heartbeat_interval_ms ?? 25000);
    const queued = this.#queue;
    this.#queue = [];
    queued.forEach(([, frame]) => this.#ws.send(frame));
    this.#emit('open', data);
    this.#connected?.resolve(data);
  }

  // The server pings at the websocket level (browsers and Node answer by themselves), unseen here. A
  // socket that went silent (no frame for two intervals, even after our own ping) is dropped and
  // reconnected. Checked twice an interval: one check an interval could find 1 ms short of one interval,
  // send no ping, and drop a quiet but healthy socket at the next.
  #startHeartbeat(interval) {
    this.#stopHeartbeat();
    this.#lastHeard = Date.now();
    let pingedAfter = null; // the lastHeard our ping answers; one ping per silence
    this.#heartbeat = setInterval(() => {
      const silent = Date.now() - this.#lastHeard;
      if (silent >= 2 * interval) {
        this.#drop(4002, 'no frame for two heartbeats');
        this.#schedule();
      } else if (silent >= interval && pingedAfter !== this.#lastHeard && this.#ws?.readyState === 1) {
        pingedAfter = this.#lastHeard;
        this.#ws.send('{"event":"ping"}');
      }
    }, interval / 2);
  }

  #stopHeartbeat() {
    clearInterval(this.#heartbeat);
    this.#heartbeat = null;
  }

  #drop(code, reason) {
    const ws = this.#ws;
    this.#ws = null;
    this.#stopHeartbeat();
    if (ws) {
      try { ws.close(code, reason); } catch { /* already closing */ }
    }
    this.#failPending('disconnected', `the connection was dropped (${reason}) before the reply came`);
    this.#emit('close', { code, reason });
  }

  // Exponential backoff with jitter, so that many clients cut at once do not come back at once.
  #schedule(delay) {
    if (this.#state === 'closed') return;
    this.#state = 'waiting';
    clearTimeout(this.#timer);
    if (delay === undefined) {
      const cap = Math.min(this.#backoffMax, this.#backoffMin * 2 ** this.#attempt);
      delay = cap / 2 + Math.random() * cap / 2;
    }
    this.#attempt++;
    this.#emit('reconnecting', { attempt: this.#attempt, delay });
    this.#timer = setTimeout(() => this.#open(), delay);
  }

  /** Rejects the requests that were sent; those still queued wait for the next connection. */
  #failPending(code, message) {
    const queued = new Set(this.#queue.map(([id]) => id));
    for (const [id, p] of this.#pending) {
      if (queued.has(id)) continue;
      clearTimeout(p.timer);
      p.reject(new ParleyError(code, `${p.event}: ${message}`));
      this.#pending.delete(id);
    }
  }

  #failQueue(code, message) {
    this.#queue = [];
    this.#failPending(code, message);
  }

  #emit(name, value) {
    const handlers = this.#handlers.get(name);
    if (!handlers) return;
    for (const handler of [...handlers]) {
      try {
        handler(value);
      } catch (e) {
        // A failing handler must not stop the others nor the stream.
        if (name !== 'error') this.#emit('error', e);
        else console.error(e);
      }
    }
  }
}

export default Parley;
