// resync_required against a Parley that resumes at most PARLEY_RESUME_MAX_EVENTS events
// (PARLEY_RESYNC_URL; ParleySdkTest lowers parley.push.resume-max-events while it runs this file).
// Skipped without them: an ordinary Parley resumes 100,000 events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parley } from '../parley.js';
import { parleyAt, until, record } from './people.js';

const URL_ = process.env.PARLEY_RESYNC_URL;
const MAX = Number(process.env.PARLEY_RESUME_MAX_EVENTS);
const skip = !URL_ || !MAX ? 'set PARLEY_RESYNC_URL and PARLEY_RESUME_MAX_EVENTS' : false;

test('resync_required fires once; a drop right after resumes from its cursor, without another', { skip, timeout: 20000 }, async () => {
  const { person, dialogOf } = parleyAt(URL_, process.env.PARLEY_ADMIN_TOKEN);
  const ann = await person('ann');
  const bob = await person('bob');
  const dialog = await dialogOf(ann, bob);
  const a = new Parley({ url: URL_, token: ann.token });
  await a.connect();
  // Bob's cursor when he left; more events than Parley resumes happen while he is away.
  const earlier = new Parley({ url: URL_, token: bob.token });
  const { seq: since } = await earlier.connect();
  earlier.close();
  const b = new Parley({ url: URL_, token: bob.token, since });
  try {
    for (let i = 0; i <= MAX; i++) {
      await a.request('dialogs.messages.create', { dialog_id: dialog, body: `away ${i}` });
    }
    const resyncs = [];
    const resynced = new Promise((resolve) => b.on('resync_required', (frame) => { resyncs.push(frame); resolve(); }));
    const seen = record(b);
    await b.connect();
    await resynced;
    assert.ok(resyncs[0].data.seq > since, `goes on after ${resyncs[0].data.seq}, past ${since}`);
    assert.equal(b.lastSeq, resyncs[0].data.seq);

    // Cut right after the resync: the client resumes from its cursor and is not told to reload again.
    const reopened = new Promise((resolve) => b.on('open', resolve));
    b.reconnect();
    await reopened;
    const after = await a.request('dialogs.messages.create', { dialog_id: dialog, body: 'after' });
    await until(b, () => seen.some((f) => f.data?.id === after.id));
    assert.equal(resyncs.length, 1);
    // Nothing of what was missed came as pushes: the app reloads it.
    assert.deepEqual(seen.filter((f) => f.event === 'dialogs.messages.create').map((f) => f.data.markdown_body), ['after']);
  } finally {
    a.close();
    b.close();
  }
});
