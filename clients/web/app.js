// Parley's web client: plain DOM and the SDK, no build step. Text from people goes in with textContent;
// only body_html (Parley's safe rendering of the Markdown) is set as HTML.
import { Parley } from '/sdk/parley.js';

const $ = (id) => document.getElementById(id);
const state = {
  token: sessionStorage.getItem('parley.token'),
  me: null,
  client: null,
  view: 'dialogs',
  dialogs: [],
  dialog: null, // open dialog id
  messages: [], // of the open dialog
  servers: [],
  server: null, // open server
  channels: [],
  channel: null,
  members: [],
  replayTimer: null,
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  children.flat().forEach((c) => node.append(c));
  return node;
}

// Refusals are shown to the person, never swallowed.
const REFUSALS = {
  forbidden: 'Not allowed',
  rate_limited: 'Too many at once: wait a moment and try again',
  too_large: 'Too large',
  not_found: 'Not found',
  unauthorized: 'Please log in again',
  conflict: 'Conflict',
  bad_request: 'Not accepted',
  disconnected: 'Connection lost before the answer came; check and try again',
  closed: 'Not connected',
};
function notify(error, kind = 'error') {
  const box = $('notice');
  const text = typeof error === 'string' ? error
    : `${REFUSALS[error.code] ?? 'Error'}: ${error.message}${error.code ? ` (${error.code})` : ''}`;
  box.textContent = text;
  box.className = kind === 'info' ? 'info' : '';
  box.dataset.code = error.code ?? '';
  box.hidden = false;
}
const clearNotice = () => { $('notice').hidden = true; };

/** A socket request; a refusal is shown and rethrown. */
async function ask(event, params) {
  try {
    return await state.client.request(event, params);
  } catch (e) {
    notify(e);
    throw e;
  }
}

/** A REST call with the token; a refusal ({code, message}) is shown and thrown. */
async function rest(method, path, body) {
  const headers = {};
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  let payload = body;
  if (body && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = Object.assign(new Error(json.message ?? response.statusText),
                                { code: json.code ?? (response.status === 413 ? 'too_large' : 'internal') });
    notify(error);
    throw error;
  }
  return json;
}

function claims(token) {
  return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
}

// crypto.randomUUID exists only in secure contexts (https, localhost).
const nonce = () => crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
const name = (u) => (u ? [u.first_name, u.last_name].filter(Boolean).join(' ') || u.username : '—');
const time = (iso) => (iso ? new Date(iso.replace(' ', 'T').replace(/\+00$/, 'Z')).toLocaleTimeString() : '');

// ---- login ----

async function login(register) {
  clearNotice();
  const username = $('login-username').value.trim();
  const password = $('login-password').value;
  try {
    if (register) await rest('POST', '/api/auth/register', { username, password, email: $('login-email').value.trim() });
    const { token } = await rest('POST', '/api/auth/token', { username, password });
    state.token = token;
    sessionStorage.setItem('parley.token', token);
    await start();
  } catch { /* shown */ }
}

/** A fresh token before each connection, while the old one may still be refreshed. */
async function freshToken() {
  try {
    const { token } = await rest('POST', '/api/auth/token-refresh', { token: state.token });
    state.token = token;
    sessionStorage.setItem('parley.token', token);
  } catch (e) {
    // Refused (expired, too old to refresh): no connection can succeed, so log in again instead of
    // reconnecting for ever. Anything else (Parley out of reach): keep the old one and try.
    if (e.code === 'unauthorized') {
      endSession();
      throw e;
    }
  }
  return state.token;
}

/** Back to the login form, the refusal's notice still shown. */
function endSession() {
  state.client?.close();
  state.client = null;
  state.token = null;
  sessionStorage.removeItem('parley.token');
  for (const id of ['nav', 'logout', 'dialogs', 'servers', 'admin']) $(id).hidden = true;
  $('login').hidden = false;
  $('me').textContent = '';
  delete $('me').dataset.userId;
  setStatus('');
}

async function start() {
  const roles = claims(state.token).roles ?? [];
  $('login').hidden = true;
  $('nav').hidden = false;
  $('logout').hidden = false;
  $('nav-admin').hidden = !roles.includes('admin');
  const client = new Parley({ url: location.origin, token: freshToken });
  state.client = client;
  window.parley = client; // for the console, and for the browser tests' own checks
  client.on('open', () => setStatus('online'));
  client.on('reconnecting', () => setStatus('reconnecting'));
  client.on('close', () => setStatus('reconnecting'));
  client.on('resync_required', () => { notify('Reloading: too much was missed', 'info'); reloadAll(); });
  client.on('error', (e) => console.warn('parley', e));
  wireDialogPushes(client);
  wireServerPushes(client);
  await client.connect();
  state.me = await ask('users.me');
  $('me').textContent = name(state.me);
  $('me').dataset.userId = state.me.id;
  await reloadAll();
  show(state.view);
}

function setStatus(s) {
  $('status').textContent = s;
  $('status').className = `status ${s}`;
}

async function reloadAll() {
  await Promise.all([loadDialogs(), loadCount(), loadServers()]);
  if (state.dialog) await openDialog(state.dialog);
  if (state.server) await openServer(state.server.id);
}

function show(view) {
  state.view = view;
  for (const v of ['dialogs', 'servers', 'admin']) $(v).hidden = v !== view;
  document.querySelectorAll('#nav button').forEach((b) => b.classList.toggle('active', b.dataset.view === view));
  if (view === 'admin') loadProjections();
}

// ---- dialogs ----

async function loadCount() {
  setCount(await ask('notifications.dialogs.count'));
}

function setCount(n) {
  $('count').textContent = n;
  $('count').hidden = n === 0;
}

async function loadDialogs() {
  state.dialogs = await ask('dialogs.load', { limit: 100 });
  renderDialogs();
}

function renderDialogs() {
  $('dialog-list').replaceChildren(...state.dialogs.map((d) => el('li', {
    'data-dialog-id': d.id, class: d.id === state.dialog ? 'active' : '', onclick: () => openDialog(d.id),
  }, el('span', { text: name(d.user) }),
  d.unread_messages_count ? el('span', { class: 'badge unread', text: String(d.unread_messages_count) }) : '')));
}

async function openDialog(id) {
  state.dialog = id;
  const d = state.dialogs.find((x) => x.id === id);
  $('dialog-title').textContent = d ? `Dialog with ${name(d.user)}` : `Dialog ${id}`;
  $('composer').hidden = false;
  state.messages = await ask('dialogs.messages.load', { dialog_id: id, limit: 100 });
  renderDialogs();
  renderMessages();
  markRead();
}

function renderMessages() {
  const list = $('messages');
  list.replaceChildren(...state.messages.map((m) => {
    const mine = m.user.id === state.me.id;
    const body = el('div', { class: 'body' });
    body.innerHTML = m.body_html; // Parley's safe rendering
    const file = m.file ? el('a', { class: 'file', href: '#', 'data-file-id': m.file.id, text: `📎 ${m.file.name} (${m.file.size} B)`,
                                    onclick: (e) => { e.preventDefault(); download(m.file); } }) : '';
    return el('li', { class: mine ? 'mine message' : 'message', 'data-id': m.id },
      el('div', { class: 'meta' }, el('span', { text: name(m.user) }), el('span', { text: time(m.date_created) }),
        mine && m.date_read ? el('span', { class: 'read', text: '✓ read' }) : ''),
      body, file);
  }));
  list.scrollTop = list.scrollHeight;
}

/** Marks the newest unread message from others read (Parley marks the earlier ones with it). */
function markRead() {
  if (state.view !== 'dialogs' || document.hidden) return;
  const unread = state.messages.filter((m) => m.user.id !== state.me.id && !m.date_read);
  if (!unread.length) return;
  ask('dialogs.messages.seen', { dialog_id: state.dialog, message_id: unread.at(-1).id }).catch(() => {});
}

async function download(file) {
  const response = await fetch(new URL(file.content, location.origin).pathname, {
    headers: { Authorization: `Bearer ${state.token}` },
  });
  if (!response.ok) return notify({ code: response.status === 404 ? 'not_found' : 'internal', message: file.name });
  const url = URL.createObjectURL(await response.blob());
  el('a', { href: url, download: file.name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function send(e) {
  e.preventDefault();
  clearNotice();
  const body = $('composer-body').value;
  const chosen = $('composer-file').files[0];
  if (!body.trim() && !chosen) return;
  try {
    let fileId;
    if (chosen) {
      const form = new FormData();
      form.append('content', chosen);
      fileId = (await rest('POST', '/api/files/', form)).id;
    }
    const params = { dialog_id: state.dialog, nonce: nonce() };
    if (body.trim()) params.body = body;
    if (fileId) params.file_id = fileId;
    await ask('dialogs.messages.create', params); // shown by its push
    $('composer-body').value = '';
    $('composer-file').value = '';
  } catch { /* shown */ }
}

function wireDialogPushes(client) {
  client.on('dialogs.messages.create', ({ data }) => {
    const d = state.dialogs.find((x) => x.id === data.dialog);
    if (!d) return loadDialogs();
    d.last_message = data;
    state.dialogs = [d, ...state.dialogs.filter((x) => x !== d)];
    renderDialogs();
    if (data.dialog === state.dialog && !state.messages.some((m) => m.id === data.id)) {
      state.messages.push(data);
      renderMessages();
      markRead();
    }
  });
  client.on('dialogs.messages.seen', ({ data, user }) => {
    if (data.dialog !== state.dialog) return;
    // The reader marked this message and every earlier one from others.
    state.messages.forEach((m) => { if (m.id <= data.id && m.user.id !== user && !m.date_read) m.date_read = data.date_read; });
    renderMessages();
  });
  client.on('dialogs.messages.edit', ({ data }) => {
    const i = state.messages.findIndex((m) => m.id === data.id);
    if (i >= 0) { state.messages[i] = data; renderMessages(); }
  });
  client.on('dialogs.messages.delete', ({ data }) => {
    state.messages = state.messages.filter((m) => m.id !== data.id);
    renderMessages();
  });
  client.on('notifications.dialogs.count', ({ data }) => {
    setCount(data);
    loadDialogs(); // the unread badge of each dialog
  });
}

// ---- servers ----

async function loadServers() {
  state.servers = await ask('servers.load', { limit: 100 });
  $('server-list').replaceChildren(...state.servers.map((s) => el('li', {
    'data-server-id': s.id, class: state.server?.id === s.id ? 'active' : '', onclick: () => openServer(s.id),
  }, el('span', { text: s.name }), s.owner_id === state.me.id ? el('small', { text: 'owner' }) : '')));
  if (state.server && !state.servers.some((s) => s.id === state.server.id)) closeServer();
}

function closeServer() {
  state.server = null;
  state.channel = null;
  $('server-pane').hidden = true;
}

async function openServer(id) {
  const server = state.servers.find((s) => s.id === id);
  if (!server) return closeServer();
  state.server = server;
  const owner = server.owner_id === state.me.id;
  $('server-pane').hidden = false;
  $('server-title').textContent = server.name;
  $('owner-actions').hidden = !owner;
  $('server-leave').hidden = owner;
  $('channel-create').hidden = !owner;
  $('invites').replaceChildren();
  await Promise.all([loadChannels(), loadMembers()]);
  if (owner) await loadInvites();
  await loadServers();
}

async function loadChannels() {
  state.channels = await ask('channels.load', { server_id: state.server.id });
  const owner = state.server.owner_id === state.me.id;
  $('channel-list').replaceChildren(...state.channels.map((c) => el('li', {
    'data-channel-id': c.id, class: state.channel?.id === c.id ? 'active' : '', onclick: () => openChannel(c.id),
  }, el('span', { text: `${c.type === 1 ? '🔊' : '#'} ${c.name}` }),
  owner ? el('button', { text: '✕', title: 'delete channel', onclick: (e) => {
    e.stopPropagation(); ask('channels.delete', { server_id: state.server.id, channel_id: c.id }).catch(() => {});
  } }) : '')));
  if (state.channel && !state.channels.some((c) => c.id === state.channel.id)) {
    state.channel = null;
    renderChannel([]);
  } else if (!state.channel && state.channels.length) {
    await openChannel(state.channels[0].id);
  }
}

async function openChannel(id) {
  state.channel = state.channels.find((c) => c.id === id);
  $('channel-title').textContent = `# ${state.channel.name}`;
  $('channel-composer').hidden = state.channel.type !== 0;
  renderChannel(state.channel.type === 0 ? await ask('channels.messages.load', { channel_id: id, limit: 100 }) : []);
  document.querySelectorAll('#channel-list li').forEach((li) => li.classList.toggle('active', Number(li.dataset.channelId) === id));
}

function renderChannel(messages) {
  state.channelMessages = messages;
  const author = (id) => state.members.find((m) => m.id === id);
  const owner = state.server?.owner_id === state.me.id;
  $('channel-messages').replaceChildren(...messages.map((m) => {
    const mine = m.author_id === state.me.id;
    return el('li', { class: mine ? 'mine message' : 'message', 'data-id': m.id },
      el('div', { class: 'meta' }, el('span', { text: name(author(m.author_id)) }), el('span', { text: time(m.sent) }),
        m.edited !== m.sent ? el('span', { text: 'edited' }) : '',
        mine ? el('button', { text: 'edit', onclick: () => editChannelMessage(m) }) : '',
        mine || owner ? el('button', { text: 'delete', onclick: () => ask('channels.messages.delete', { message_id: m.id }).catch(() => {}) }) : ''),
      el('div', { class: 'body', text: m.text }));
  }));
  $('channel-messages').scrollTop = $('channel-messages').scrollHeight;
}

function editChannelMessage(m) {
  const text = prompt('Edit message', m.text);
  if (text !== null && text !== m.text) ask('channels.messages.edit', { message_id: m.id, text }).catch(() => {});
}

async function loadMembers() {
  state.members = await ask('servers.members.load', { server_id: state.server.id, limit: 100 });
  const owner = state.server.owner_id === state.me.id;
  $('member-list').replaceChildren(...state.members.map((u) => el('li', { 'data-user-id': u.id },
    el('span', { text: name(u) + (u.id === state.server.owner_id ? ' ★' : '') }),
    owner && u.id !== state.me.id ? el('span', {},
      el('button', { text: 'kick', onclick: () => ask('servers.members.kick', { server_id: state.server.id, user_id: u.id }).catch(() => {}) }),
      el('button', { text: 'ban', onclick: () => ask('servers.bans.create', { server_id: state.server.id, user_id: u.id }).catch(() => {}) })) : '')));
  $('transfer-to').replaceChildren(...state.members.filter((u) => u.id !== state.me.id)
    .map((u) => el('option', { value: u.id, text: name(u) })));
}

async function loadInvites() {
  const invites = await ask('servers.invites.load', { server_id: state.server.id, limit: 100 });
  $('invites').replaceChildren(...invites.map((i) => el('span', {},
    el('code', { class: 'invite-code', text: i.code }),
    el('button', { text: '✕', onclick: async () => { await ask('servers.invites.delete', { code: i.code }); loadInvites(); } }))));
}

function wireServerPushes(client) {
  const inOpenChannel = (data) => state.channel && data.channel_id === state.channel.id;
  client.on('message_created', ({ data }) => {
    if (inOpenChannel(data) && !state.channelMessages.some((m) => m.id === data.id)) {
      renderChannel([...state.channelMessages, data]);
    }
  });
  client.on('message_edited', ({ data }) => {
    if (inOpenChannel(data)) renderChannel(state.channelMessages.map((m) => (m.id === data.id ? { ...m, ...data } : m)));
  });
  client.on('message_deleted', ({ data }) => {
    if (inOpenChannel(data)) renderChannel(state.channelMessages.filter((m) => m.id !== data.id));
  });
  for (const push of ['channel_created', 'channel_edited', 'channel_deleted']) {
    client.on(push, ({ data }) => { if (state.server?.id === data.server_id) loadChannels(); });
  }
  client.on('server_edited', async ({ data }) => {
    await loadServers();
    if (state.server?.id === data.id) await openServer(data.id);
  });
  client.on('server_deleted', ({ data }) => {
    const gone = state.servers.find((s) => s.id === data.id);
    if (gone && gone.owner_id !== state.me.id) notify(`The server ${gone.name} was deleted`, 'info');
    loadServers();
  });
  client.on('user_joined', ({ data }) => {
    if (data.id === state.me.id) loadServers();
    else if (state.server?.id === data.server_id) loadMembers();
  });
  client.on('user_left', ({ data }) => {
    if (data.id === state.me.id) {
      const left = state.servers.find((s) => s.id === data.server_id);
      if (left) notify(`You are no longer a member of ${left.name}`, 'info');
      loadServers();
    } else if (state.server?.id === data.server_id) {
      loadMembers();
    }
  });
  client.on('got_server_owner', ({ data }) => {
    const server = state.servers.find((s) => s.id === data.id);
    notify(`You are now the owner of ${server ? server.name : `server ${data.id}`}`, 'info');
  });
}

// ---- admin ----

async function loadProjections() {
  const list = await rest('GET', '/api/admin/projections');
  $('projections').tBodies[0].replaceChildren(...list.map((p) => el('tr', { 'data-processor': p.name },
    el('td', { text: p.name }), el('td', { text: String(p.position) }), el('td', { text: String(p.head) }),
    el('td', { text: String(p.lag) }),
    el('td', { text: p.error ? `error: ${p.error}` : p.replaying ? 'replaying' : p.caught_up ? 'caught up' : 'catching up' }))));
  const replaying = list.find((p) => p.replaying);
  const bar = $('replay-progress');
  bar.hidden = !replaying;
  if (replaying) {
    bar.max = Math.max(1, replaying.head);
    bar.value = Math.min(replaying.position, replaying.head);
  }
  return replaying;
}

async function replay() {
  clearNotice();
  try {
    await rest('POST', '/api/admin/projections/replay', {});
  } catch { return; }
  clearInterval(state.replayTimer);
  // Progress from the processor's position against the head, until the replay is over.
  state.replayTimer = setInterval(async () => {
    const running = await loadProjections().catch(() => null);
    if (!running) {
      clearInterval(state.replayTimer);
      notify('Replay finished', 'info');
    }
  }, 500);
  loadProjections();
}

async function history(e) {
  e.preventDefault();
  const kind = $('history-kind').value;
  const id = $('history-id').value.trim();
  try {
    const h = await rest('GET', `/api/admin/messages/${kind}/${encodeURIComponent(id)}/history`);
    $('history').replaceChildren(...h.versions.map((v) => el('li', { class: v.kind },
      el('strong', { text: v.kind }), ` by user ${v.user} at ${v.date}: `,
      el('code', { text: v.markdown_body ?? v.text ?? '' }))));
  } catch { $('history').replaceChildren(); }
}

// ---- wiring ----

$('login-form').addEventListener('submit', (e) => { e.preventDefault(); login(false); });
$('register-submit').addEventListener('click', () => login(true));
$('logout').addEventListener('click', () => { sessionStorage.removeItem('parley.token'); location.reload(); });
document.querySelectorAll('#nav button').forEach((b) => b.addEventListener('click', () => show(b.dataset.view)));
$('composer').addEventListener('submit', send);
$('composer-body').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) send(e); });
document.addEventListener('visibilitychange', markRead);
$('server-create').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const s = await ask('servers.create', { name: $('server-name').value.trim() });
    $('server-name').value = '';
    await loadServers();
    await openServer(s.id);
  } catch { /* shown */ }
});
$('join').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const s = await ask('servers.join', { code: $('join-code').value.trim() });
    $('join-code').value = '';
    await loadServers();
    await openServer(s.id);
  } catch { /* shown */ }
});
$('channel-create').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await ask('channels.create', { server_id: state.server.id, name: $('channel-name').value.trim() });
    $('channel-name').value = '';
  } catch { /* shown */ }
});
$('channel-composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('channel-text').value;
  if (!text.trim()) return;
  try {
    await ask('channels.messages.create', { channel_id: state.channel.id, text, nonce: nonce() });
    $('channel-text').value = '';
  } catch { /* shown */ }
});
$('invite-create').addEventListener('click', async () => {
  try { await ask('servers.invites.create', { server_id: state.server.id }); loadInvites(); } catch { /* shown */ }
});
$('transfer').addEventListener('click', () => {
  const to = Number($('transfer-to').value);
  if (to) ask('servers.edit', { server_id: state.server.id, owner_id: to }).catch(() => {});
});
$('server-delete').addEventListener('click', () => {
  if (confirm(`Delete ${state.server.name}?`)) ask('servers.delete', { server_id: state.server.id }).catch(() => {});
});
$('server-leave').addEventListener('click', () => ask('servers.leave', { server_id: state.server.id }).catch(() => {}));
$('replay').addEventListener('click', replay);
$('history-form').addEventListener('submit', history);

if (state.token) {
  // A session that ended shows the login form already; any other failure starts over without the token.
  start().catch(() => { if (state.token) { sessionStorage.removeItem('parley.token'); location.reload(); } });
} else {
  $('login').hidden = false;
}
