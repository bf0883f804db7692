// The client's own timing, against a fake WebSocket given in the `WebSocket` option (no server, no real
// network): the reconnect backoff, and a socket that went silent. Intervals are small so it runs fast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parley } from '../parley.js';

/** A WebSocket the test plays the server of: it records what the client does and answers when told. */
class FakeSocket {
  static created = [];
  static waiting = [];

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.closed = null; // {code, reason} when the client closed it
    this.at = performance.now();
    FakeSocket.created.push(this);
    FakeSocket.waiting.splice(0).forEach((resolve) => resolve(this));
  }

  /** The next socket the client opens from now on. */
  static next(timeoutMs = 2000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no socket opened within ${timeoutMs} ms`)), timeoutMs);
      FakeSocket.waiting.push((socket) => { clearTimeout(timer); resolve(socket); });
    });
  }

  send(text) {
    const frame = JSON.parse(text);
    this.sent.push(frame);
    if (this.answersPings && frame.event === 'ping') setImmediate(() => this.receive({ event: 'pong' }));
  }

  close(code, reason) {
    this.readyState = 3;
    this.closed = { code, reason };
  }

  // What the server does:
  receive(frame) {
    this.onmessage({ data: JSON.stringify(frame) });
  }

  hello(seq, heartbeatMs = 25000) {
    this.readyState = 1;
    this.receive({ event: 'hello', data: { user_id: 1, seq, heartbeat_interval_ms: heartbeatMs } });
  }

  drop(code = 1006) {
    this.readyState = 3;
    this.onclose({ code, reason: '' });
  }
}

function client(options = {}) {
  return new Parley({ url: 'http://parley.test', token: 't', WebSocket: FakeSocket, ...options });
}

test('reconnects back off: each delay between half and all of a cap that doubles up to the maximum, jittered', { timeout: 10000 }, async () => {
  const min = 10;
  const max = 80;
  const parley = client({ backoffMinMs: min, backoffMaxMs: max });
  const delays = [];
  parley.on('reconnecting', ({ delay }) => delays.push(delay));
  const first = FakeSocket.next();
  parley.connect().catch(() => {});
  try {
    // The server is down: every attempt fails before hello.
    let current = await first;
    const attempts = 7;
    for (let i = 0; i < attempts; i++) {
      const reopened = FakeSocket.next();
      const droppedAt = performance.now();
      current.drop();
      current = await reopened;
      const cap = Math.min(max, min * 2 ** i);
      assert.ok(delays[i] >= cap / 2 && delays[i] <= cap, `attempt ${i + 1}: delay ${delays[i]} outside [${cap / 2}, ${cap}]`);
      // The delay is really waited (Node rounds it down to whole ms and counts from its loop's clock: 2 ms).
      assert.ok(current.at - droppedAt >= delays[i] - 2, `reopened after ${current.at - droppedAt} ms, delay ${delays[i]}`);
    }
    // Below the maximum each range starts where the last one ended: the delays grow.
    const growing = delays.slice(0, 4);
    assert.deepEqual([...growing].sort((x, y) => x - y), growing, `delays grow: ${growing}`);
    const atTheCap = delays.slice(3);
    assert.ok(atTheCap.every((d) => d >= max / 2 && d <= max));
    assert.ok(new Set(atTheCap).size > 1, `jittered at the cap: ${atTheCap}`);

    // Once greeted the backoff starts over; a request made while waiting is sent once connected.
    current.hello(5000);
    const socket = FakeSocket.next();
    current.drop(1012); // the server restarts
    assert.ok(delays.at(-1) >= min / 2 && delays.at(-1) <= min, `after a hello: ${delays.at(-1)}`);
    const asked = parley.request('users.me');
    const next = await socket;
    assert.deepEqual(next.sent, [], 'nothing is sent before hello');
    assert.match(next.url, /since=5000$/);
    next.hello(5000);
    const [frame] = next.sent;
    assert.equal(frame.event, 'users.me');
    next.receive({ event: 'users.me', data: { id: 1 }, request_id: frame.request_id });
    assert.deepEqual(await asked, { id: 1 });
  } finally {
    parley.close();
  }
});

test('a socket silent for two heartbeat intervals is dropped and another opened, resuming with since', { timeout: 10000 }, async () => {
  const interval = 100;
  const parley = client({ backoffMinMs: 5, backoffMaxMs: 10 });
  const closes = [];
  parley.on('close', (c) => closes.push(c));
  let next = FakeSocket.next();
  parley.connect();
  try {
    const first = await next;
    next = FakeSocket.next();
    first.hello(1000, interval);
    first.receive({ type: 'ws_send', event: 'notifications.dialogs.count', data: 1, seq: 2999 });
    const silentFrom = performance.now();
    const second = await next; // nothing more comes on the first socket
    assert.ok(performance.now() - silentFrom >= 2 * interval - 2, 'dropped only after two intervals');
    assert.ok(first.sent.some((f) => f.event === 'ping'), 'it pinged after one silent interval');
    assert.deepEqual(first.closed, { code: 4002, reason: 'no frame for two heartbeats' });
    assert.equal(closes[0].code, 4002);
    assert.match(second.url, /\/ws\/\?token=t&since=2999$/);

    // A socket that answers its pings is kept, however long it has nothing else to say.
    second.answersPings = true;
    second.hello(2999, interval);
    await new Promise((resolve) => setTimeout(resolve, 5 * interval));
    assert.ok(second.sent.filter((f) => f.event === 'ping').length >= 2, 'it pinged in each silence');
    assert.equal(second.closed, null);
    assert.equal(FakeSocket.created.at(-1), second);
    assert.ok(parley.connected);
  } finally {
    parley.close();
  }
});
