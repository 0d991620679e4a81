// The viewer page: records arrive over Server-Sent Events in batches and are kept in memory
// (the last MAX_KEPT); the list shows the last MAX_ROWS that pass the filters. Rendering
// happens once per animation frame, so a flood of records never blocks the page. While paused,
// records are held and none is lost; on resume they are shown in order.
const MAX_ROWS = 500;
const MAX_KEPT = 20000;

const $ = (id) => document.getElementById(id);
const rows = $('rows');
const state = {
  kept: [],
  held: [],
  toRender: [],
  paused: false,
  received: 0,
  lost: 0,
  trimmed: 0,
  lastSeq: 0,
  filter: { level: 0, name: '', search: '' },
  frame: 0,
};
window.viewerState = state;

function matches(r) {
  const f = state.filter;
  if (r.levelno < f.level) return false;
  if (f.name && !(r.name === f.name || r.name.startsWith(`${f.name}.`))) return false;
  if (f.search && !r.message.toLowerCase().includes(f.search)) return false;
  return true;
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => ESCAPES[c]);

// One HTML string per batch, parsed once: far cheaper than building each cell in script.
function rowHtml(r) {
  const time = new Date(r.created * 1000).toISOString().slice(11, 23);
  const cells = [time, r.threadName, r.levelname, r.name, r.message];
  return `<div class="row ${escapeHtml(r.levelname)}" data-seq="${r.seq}"><span>${cells.map(escapeHtml).join('</span><span>')}</span></div>`;
}

function trim() {
  const extra = rows.childElementCount - MAX_ROWS;
  if (extra <= 0) return;
  const range = document.createRange();
  range.setStartBefore(rows.firstElementChild);
  range.setEndAfter(rows.children[extra - 1]);
  range.deleteContents();
  state.trimmed += extra;
}

let lastRender = 0;
function render(now) {
  state.frame = 0;
  // Under a flood, paint at most every 200 ms: each paint shows the newest rows, and the
  // page stays free to answer clicks and scrolling in between.
  if (state.toRender.length > 100 && now - lastRender < 200) {
    schedule();
    return;
  }
  lastRender = now;
  const batch = state.toRender;
  state.toRender = [];
  const start = Math.max(0, batch.length - MAX_ROWS);
  state.trimmed += start;
  let html = '';
  for (let i = start; i < batch.length; i++) html += rowHtml(batch[i]);
  rows.insertAdjacentHTML('beforeend', html);
  trim();
  updateStatus();
}

function schedule() {
  if (state.frame === 0) state.frame = requestAnimationFrame(render);
}

function show(records) {
  for (const r of records) {
    state.kept.push(r);
    if (matches(r)) state.toRender.push(r);
  }
  if (state.kept.length > MAX_KEPT) state.kept.splice(0, state.kept.length - MAX_KEPT);
  schedule();
}

function rerender() {
  rows.replaceChildren();
  state.toRender = state.kept.filter(matches);
  state.trimmed = 0;
  schedule();
}

function updateStatus() {
  $('received').textContent = String(state.received);
  $('shown').textContent = String(rows.childElementCount);
  $('held').textContent = String(state.held.length);
  $('trimmed').textContent = String(state.trimmed);
  $('lost').textContent = String(state.lost);
}

function receive(records) {
  for (const r of records) {
    if (r.seq > state.lastSeq + 1 && state.lastSeq > 0) state.lost += r.seq - state.lastSeq - 1;
    if (r.seq > state.lastSeq) state.lastSeq = r.seq;
  }
  state.received += records.length;
  if (state.paused) {
    for (const r of records) state.held.push(r);
    updateStatus();
  } else {
    show(records);
  }
}

const events = new EventSource('/events');
events.addEventListener('hello', () => {
  $('connection').textContent = 'live';
});
events.addEventListener('records', (e) => receive(JSON.parse(e.data)));
events.addEventListener('gap', (e) => {
  state.lost += JSON.parse(e.data).dropped;
  updateStatus();
});
events.addEventListener('error', () => {
  $('connection').textContent = 'reconnecting…';
});

$('start-work').addEventListener('click', () => fetch('/api/work', { method: 'POST' }));
$('log-random').addEventListener('click', () => fetch('/api/log', { method: 'POST' }));
$('clear').addEventListener('click', () => {
  state.kept = [];
  state.toRender = [];
  state.trimmed = 0;
  rows.replaceChildren();
  updateStatus();
});
$('pause').addEventListener('click', () => {
  state.paused = !state.paused;
  const button = $('pause');
  button.textContent = state.paused ? 'Resume' : 'Pause';
  button.setAttribute('aria-pressed', String(state.paused));
  if (!state.paused) {
    const held = state.held;
    state.held = [];
    show(held);
  }
  updateStatus();
});
$('level').addEventListener('change', (e) => {
  state.filter.level = Number(e.target.value);
  rerender();
});
$('name').addEventListener('input', (e) => {
  state.filter.name = e.target.value.trim();
  rerender();
});
$('search').addEventListener('input', (e) => {
  state.filter.search = e.target.value.trim().toLowerCase();
  rerender();
});
