// Tests of parley.js against a real Parley: PARLEY_URL (http://host:port) and PARLEY_ADMIN_TOKEN (a JWT
// with the admin role) come from the environment (ParleySdkTest in the gateway's tests sets them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parley, ParleyError } from '../parley.js';
import { parleyAt, until, record, assertIncreasing } from './people.js';

const URL_ = process.env.PARLEY_URL;
const ADMIN = process.env.PARLEY_ADMIN_TOKEN;
if (!URL_ || !ADMIN) throw new Error('set PARLEY_URL and PARLEY_ADMIN_TOKEN');
const { run: RUN, person, dialogOf } = parleyAt(URL_, ADMIN);

test('a request resolves with the reply data; a refused one rejects with code and message', { timeout: 20000 }, async () => {
  const ann = await person('ann');
  const client = new Parley({ url: URL_, token: ann.token });
  const hello = await client.connect();
  assert.equal(hello.user_id, ann.id);
  try {
    assert.deepEqual(await client.request('dialogs.load'), []);
    assert.equal(await client.request('notifications.dialogs.count'), 0);
    await assert.rejects(client.request('dialogs.messages.load', { dialog_id: 'twelve' }), (e) => {
      assert.ok(e instanceof ParleyError);
      assert.equal(e.code, 'bad_request');
      assert.match(e.message, /dialog_id must be a positive integer/);
      // The frame also carries the origin frontend's fields: data is the message, not a reply.
      assert.equal(e.frame.exception, true);
      assert.equal(e.frame.data, e.message);
      return true;
    });
    await assert.rejects(client.request('dialogs.explode'), { code: 'bad_request' });
    // The socket stays usable after refusals.
    assert.equal((await client.request('users.me')).id, ann.id);
  } finally {
    client.close();
  }
  await assert.rejects(client.request('users.me'), { code: 'closed' });
});

test('a request before connect() rejects clearly', { timeout: 20000 }, async () => {
  const ann = await person('ann');
  const client = new Parley({ url: URL_, token: ann.token });
  await assert.rejects(client.request('users.me'), (e) => e.code === 'closed' && /connect\(\)/.test(e.message));
});

test('pushes reach on() handlers once, the app\'s own writes included, in order', { timeout: 20000 }, async () => {
  const ann = await person('ann');
  const bob = await person('bob');
  const a = new Parley({ url: URL_, token: ann.token });
  const b = new Parley({ url: URL_, token: bob.token });
  await Promise.all([a.connect(), b.connect()]);
  try {
    const dialog = await dialogOf(ann, bob);
    const annSaw = record(a);
    const bobSaw = record(b);
    const bobsMessages = [];
    b.on('dialogs.messages.create', (frame) => bobsMessages.push(frame.data.markdown_body));
    const message = await a.request('dialogs.messages.create', { dialog_id: dialog, body: 'hello *Bob*' });
    assert.equal(message.markdown_body, 'hello *Bob*');
    assert.equal(message.body, '<p>hello <em>Bob</em></p>\n');
    await until(b, () => bobSaw.some((f) => f.event === 'notifications.dialogs.count'));
    assert.deepEqual(bobsMessages, ['hello *Bob*']);
    assert.equal(bobSaw.find((f) => f.event === 'notifications.dialogs.count').data, 1);
    // Ann's handlers saw her own message once: the reply stands for her push.
    assert.equal(annSaw.filter((f) => f.event === 'dialogs.messages.create').length, 1);
    assert.equal(a.lastSeq, annSaw.at(-1).seq);
    assertIncreasing(annSaw);
    assertIncreasing(bobSaw);
  } finally {
    a.close();
    b.close();
  }
});

test('a drop between the two pushes of one event: the second comes after the resume, once', { timeout: 20000 }, async () => {
  const ann = await person('ann');
  const bob = await person('bob');
  const a = new Parley({ url: URL_, token: ann.token });
  const b = new Parley({ url: URL_, token: bob.token });
  await Promise.all([a.connect(), b.connect()]);
  try {
    const dialog = await dialogOf(ann, bob);
    const bobSaw = record(b);
    let opens = 0;
    b.on('open', () => opens++);
    // The message push arrives; the socket is cut before its count push is handled.
    b.on('dialogs.messages.create', () => b.reconnect());
    await a.request('dialogs.messages.create', { dialog_id: dialog, body: 'one event, two pushes' });
    await until(b, () => bobSaw.some((f) => f.event === 'notifications.dialogs.count'));
    assert.equal(opens, 1, 'the count came on the resumed socket');
    assert.deepEqual(bobSaw.map((f) => f.event), ['dialogs.messages.create', 'notifications.dialogs.count']);
    assertIncreasing(bobSaw);
  } finally {
    a.close();
    b.close();
  }
});

test('drops all through a conversation: every push once and in order, a fresh token each time', { timeout: 20000 }, async () => {
  const ann = await person('ann');
  const bob = await person('bob');
  let tokensAsked = 0;
  const a = new Parley({ url: URL_, token: ann.token });
  const b = new Parley({ url: URL_, token: async () => { tokensAsked++; return bob.token; } });
  await Promise.all([a.connect(), b.connect()]);
  try {
    const dialog = await dialogOf(ann, bob);
    const bobSaw = record(b);
    let pushes = 0;
    b.on('*', () => { if (++pushes % 3 === 0) b.reconnect(); });
    const N = 12;
    for (let i = 1; i <= N; i++) {
      await a.request('dialogs.messages.create', { dialog_id: dialog, body: `m${i}` });
    }
    await until(b, () => bobSaw.filter((f) => f.event === 'dialogs.messages.create').length >= N);
    const bodies = bobSaw.filter((f) => f.event === 'dialogs.messages.create').map((f) => f.data.markdown_body);
    assert.deepEqual(bodies, Array.from({ length: N }, (_, i) => `m${i + 1}`));
    assertIncreasing(bobSaw);
    assert.ok(tokensAsked >= 2, 'the token function is asked again before a reconnect');
    // Bob's own write on a socket that was cut and resumed is delivered once too.
    const mine = await b.request('dialogs.messages.create', { dialog_id: dialog, body: 'back' });
    await until(b, () => bobSaw.some((f) => f.data?.id === mine.id));
    assert.equal(bobSaw.filter((f) => f.data?.id === mine.id).length, 1);
  } finally {
    a.close();
    b.close();
  }
});

test('a request in flight when the socket drops rejects as disconnected; one made while reconnecting waits', { timeout: 20000 }, async () => {
  const ann = await person('ann');
  const client = new Parley({ url: URL_, token: ann.token, backoffMinMs: 50 });
  await client.connect();
  try {
    const inFlight = client.request('users.me');
    client.reconnect();
    await assert.rejects(inFlight, { code: 'disconnected' });
    assert.equal((await client.request('users.me')).id, ann.id);
  } finally {
    client.close();
  }
});

test('servers pushes by name, the acting socket included', { timeout: 20000 }, async () => {
  const ann = await person('ann');
  const client = new Parley({ url: URL_, token: ann.token });
  await client.connect();
  try {
    const seen = record(client);
    const server = await client.request('servers.create', { name: `s ${RUN}` });
    const channel = await client.request('channels.create', { server_id: server.id, name: 'general' });
    await client.request('channels.messages.create', { channel_id: channel.id, text: 'hi' });
    await until(client, () => seen.some((f) => f.name === 'message_created'));
    assert.equal(seen.filter((f) => f.name === 'message_created').length, 1);
    assertIncreasing(seen);
  } finally {
    client.close();
  }
});
