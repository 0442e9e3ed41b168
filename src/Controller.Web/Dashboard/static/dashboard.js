// The interim control room: sign in, pick an exercise, run its clock, fire injects and watch
// delivery progress. It polls the REST API once a second; the live dashboard (issue 6) replaces it.
'use strict';

const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('controllerToken');
let current = null;

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  if (response.status === 401) { signOut(); throw new Error('Signed out'); }
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new Error(body?.detail ?? `${response.status} ${response.statusText}`);
  return body;
}

const text = (localized) => localized?.en ?? Object.values(localized ?? {})[0] ?? '';
const duration = (span) => span ?? '';

function signOut() {
  token = null;
  sessionStorage.removeItem('controllerToken');
  render();
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const result = await api('/api/controller/sign-in', { method: 'POST', body: JSON.stringify(Object.fromEntries(form)) });
    token = result.token;
    sessionStorage.setItem('controllerToken', token);
    $('sign-in-error').textContent = '';
    render();
  } catch (error) {
    $('sign-in-error').textContent = error.message;
  }
});

document.querySelectorAll('[data-action]').forEach((button) =>
  button.addEventListener('click', () => act(`/api/exercises/${current}/${button.dataset.action}`)));

async function act(path) {
  try {
    await api(path, { method: 'POST' });
    $('action-error').textContent = '';
    await refresh();
  } catch (error) {
    $('action-error').textContent = error.message;
  }
}

async function render() {
  $('sign-in').hidden = !!token;
  $('exercises').hidden = !token;
  $('exercise').hidden = !token || !current;
  if (token) await refresh();
}

async function refresh() {
  const exercises = await api('/api/exercises');
  $('exercise-list').replaceChildren(...exercises.map((e) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${e.exerciseId}`;
    link.textContent = `${e.exerciseId}: ${text(e.title)} (${e.status})`;
    item.append(link);
    return item;
  }));
  current = location.hash.slice(1) || exercises[0]?.exerciseId || null;
  $('exercise').hidden = !current;
  if (!current) return;

  const [exercise, deliveries] = await Promise.all([
    api(`/api/exercises/${current}`),
    api(`/api/exercises/${current}/deliveries`),
  ]);
  $('exercise-title').textContent = text(exercise.title);
  $('clock-status').textContent = exercise.status;
  $('clock-time').textContent = `scenario time ${duration(exercise.scenarioTime)} · ×${exercise.speed}`;

  const progressOf = (number) => deliveries.flatMap((r) => r.deliveries).filter((d) => d.injectNumber === number);
  $('msel').replaceChildren(...exercise.injects.map((inject) => {
    const progress = progressOf(inject.number);
    const row = document.createElement('tr');
    row.dataset.testid = `inject-${inject.number}`;
    const cells = [
      inject.number,
      inject.at ?? 'manual',
      text(inject.subject),
      inject.recipients.map((r) => r.split('|').slice(1).join(':')).join(', '),
      inject.status,
      `${progress.filter((p) => p.deliveredAt).length} / ${progress.filter((p) => p.acknowledgedAt).length} / ${progress.filter((p) => p.respondedAt).length} of ${inject.recipients.length}`,
    ].map((value) => Object.assign(document.createElement('td'), { textContent: value }));
    cells[4].className = `status-${inject.status}`;
    const fire = Object.assign(document.createElement('button'), { textContent: 'Fire now', disabled: inject.status === 'fired' });
    fire.addEventListener('click', () => act(`/api/exercises/${current}/injects/${encodeURIComponent(inject.number)}/fire`));
    const actions = document.createElement('td');
    actions.append(fire);
    row.append(...cells, actions);
    return row;
  }));

  $('join-codes').replaceChildren(...exercise.joinCodes.map((c) => {
    const row = document.createElement('tr');
    const code = Object.assign(document.createElement('code'), { textContent: `${c.code.slice(0, 4)}-${c.code.slice(4)}` });
    const codeCell = document.createElement('td');
    codeCell.append(code);
    row.append(codeCell, Object.assign(document.createElement('td'), { textContent: `${c.recipient.kindName}: ${text(c.recipientName)}` }));
    return row;
  }));
}

window.addEventListener('hashchange', refresh);
setInterval(() => { if (token) refresh().catch(() => {}); }, 1000);
render();
