// Helpers of the tests that run against a real Parley: people registered and logged in as anyone is,
// and dialogs started by an admin.
import assert from 'node:assert/strict';

const RUN = `${Date.now().toString(36)}${process.pid}`;
let users = 0;

export function parleyAt(url, adminToken) {
  async function post(path, body, token) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
  return {
    run: RUN,
    /** A new person: registered and logged in. */
    async person(name) {
      const username = `${name}_${RUN}_${++users}`;
      const { id } = await post('/api/auth/register', { username, email: `${username}@example.org`, password: 'a password' });
      const { token } = await post('/api/auth/token', { username, password: 'a password' });
      return { id, token };
    },
    async dialogOf(...people) {
      return (await post('/api/admin/dialogs', { user_ids: people.map((p) => p.id) }, adminToken)).id;
    },
  };
}

/** Resolves once `check()` is true, checked after every push the client delivers. */
export function until(client, check) {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const each = () => {
      if (check()) {
        client.off('*', each);
        resolve();
      }
    };
    client.on('*', each);
  });
}

/** Every push a client's handlers see, in order. */
export function record(client) {
  const seen = [];
  client.on('*', (frame) => seen.push(frame));
  return seen;
}

export function assertIncreasing(frames) {
  for (let i = 1; i < frames.length; i++) {
    assert.ok(frames[i].seq > frames[i - 1].seq, `seq ${frames[i].seq} after ${frames[i - 1].seq}`);
  }
}
