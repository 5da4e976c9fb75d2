'use strict';
// The Thermobus dashboard: one WebSocket (/api/ws) carries every bus event and the user's input;
// it reconnects with backoff and resumes from the last seq it received, so nothing is missed.
// The chart starts from /api/zones/{zone}/history; the bus panel polls /api/bus/subscriptions.
// With several zones the page opens on an overview of every zone, a virtualized grid of cards
// (only the visible ones exist in the DOM), kept live from the same stream and /api/zones.

const STEP_KEYS = new Set(['ArrowUp', 'ArrowDown', '+', '-', '=', '.', ',', 'Enter', 'Backspace', 'Escape']);
const TOKEN_KEY = 'thermobus.token';
const MAX_POINTS = 6000;
const MERGE_MS = 250;
const KEPT_SEQS = 20000;
const MAX_ROWS = 50;
const LONGEST_WINDOW_SECONDS = 600;
const CARD_WIDTH = 190;
const CARD_HEIGHT = 78;
const CARD_GAP = 8;
const RESORT_MS = 1000;

const $ = (id) => document.getElementById(id);
const format = (celsius) => (celsius == null ? '–' : Number(celsius).toFixed(2));

// What the tests and a curious user can inspect from the console.
const thermobus = {
  seqs: [],          // seqs received, in order (the newest KEPT_SEQS)
  gaps: [],          // [expected, got] whenever a seq arrived that was not the next one
  connections: 0,    // sockets opened so far
  received: 0,       // events received over all connections
  cspViolations: [], // what the page's Content-Security-Policy blocked (should stay empty)
  lastSeq: null,
  bus: null,         // the bus the seqs belong to (a new one after the service restarts)
  subscription: null, // the open socket's own bus subscription id, from its hello
  socket: null,
};
window.thermobus = thermobus;
document.addEventListener('securitypolicyviolation', (event) => {
  thermobus.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});

const state = {
  token: null,
  zone: null,
  temperature: null,
  desired: null,
  heaterOn: false,
  windowSeconds: LONGEST_WINDOW_SECONDS,
  chart: null,
  points: { t: [], temperature: [], desired: [], heater: [] },
  backoffMs: 500,
  leaving: false,
  reconnectTimer: null,
  drawPending: false,
  pointsZone: null,  // the zone state.points belong to
};

// The overview: every zone's latest state by name, and what is shown of it.
const overview = {
  zones: new Map(),
  order: [],         // names after filter and sort, recomputed at most every RESORT_MS
  sortedAt: 0,
  renderPending: false,
  visible: false,
};
thermobus.overview = overview;
// The chart's zone and temperatures, so a test can tell that no other zone's points reached it.
thermobus.chart = () => ({ zone: state.pointsZone, temperatures: [...state.points.temperature] });

// ---- token and access ------------------------------------------------------------------------

function readToken() {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function setToken(token) {
  state.token = token || null;
  if (state.token) {
    sessionStorage.setItem(TOKEN_KEY, state.token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
  renderAccess();
}

function canControl() {
  return Boolean(state.token) && thermobus.socket && thermobus.socket.readyState === WebSocket.OPEN;
}

function renderAccess() {
  const access = $('access');
  access.dataset.mode = state.token ? 'control' : 'view';
  $('access-text').textContent = state.token
    ? 'Control enabled for this tab: buttons and keys change the desired temperature.'
    : 'View only: controls are disabled until you enter the token printed at start.';
  $('forget-token').hidden = !state.token;
  const enabled = canControl();
  for (const id of ['lower', 'raise', 'exact', 'exact-set']) {
    $(id).disabled = !enabled;
  }
  // The REST controls (controls.js) need the token only, not the socket.
  document.querySelectorAll('[data-write]').forEach((node) => { node.disabled = !state.token; });
}

function feedback(text, kind) {
  const node = $('feedback');
  node.textContent = text;
  node.dataset.kind = kind || '';
}

// ---- the stream ------------------------------------------------------------------------------

function connect() {
  clearTimeout(state.reconnectTimer);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = new URLSearchParams();
  if (thermobus.lastSeq != null) query.set('since', thermobus.lastSeq + 1);
  if (thermobus.bus != null) query.set('bus', thermobus.bus);
  const suffix = query.toString() ? `?${query}` : '';
  const socket = new WebSocket(`${scheme}//${location.host}/api/ws${suffix}`);
  thermobus.socket = socket;
  showConnection('connecting', thermobus.connections ? 'Reconnecting…' : 'Connecting…');
  socket.addEventListener('open', () => {
    thermobus.connections += 1;
    state.backoffMs = 500;
    showConnection('live', 'Live');
    renderAccess();
  });
  socket.addEventListener('message', (message) => receive(JSON.parse(message.data)));
  socket.addEventListener('close', () => {
    if (thermobus.socket !== socket) return;
    thermobus.socket = null;
    renderAccess();
    if (state.leaving) return;
    const delay = Math.round(state.backoffMs * (0.75 + Math.random() * 0.5));
    state.backoffMs = Math.min(state.backoffMs * 2, 10000);
    showConnection('offline', `Offline · retrying in ${Math.max(1, Math.round(delay / 1000))} s`);
    state.reconnectTimer = setTimeout(connect, delay);
  });
}

// A page put away (navigation, back-forward cache) lets go of its bus subscription at once.
window.addEventListener('pagehide', () => {
  state.leaving = true;
  clearTimeout(state.reconnectTimer);
  if (thermobus.socket) thermobus.socket.close(1000, 'page hidden');
});
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    state.leaving = false;
    connect();
  }
});

function showConnection(kind, text) {
  $('connection').dataset.state = kind;
  $('connection-text').textContent = text;
}

function receive(frame) {
  if (frame.type === 'hello') {
    hello(frame);
  } else if (frame.seq != null) {
    track(frame.seq, frame.coalesced);
    remember(frame);
    if (frame.zone === state.zone) apply(frame);
  } else if (frame.lagged != null) {
    thermobus.lastSeq = frame.resumeAt - 1;
    feedback(`Missed ${frame.lagged} events that the bus no longer keeps; the chart was reloaded.`, '');
    loadHistory();
  } else if (frame.type === 'applied') {
    feedback(`Desired set to ${format(frame.desired)} °C`, 'ok');
  } else if (frame.type === 'error') {
    if (frame.status === 401) {
      setToken(null);
      feedback('The token was refused: enter the token printed at start.', 'error');
    } else {
      feedback(frame.detail, 'error');
    }
  }
}

/** A new socket's first frame: which bus and where it starts. Another bus means the service restarted. */
function hello(frame) {
  const restarted = thermobus.bus != null && frame.bus !== thermobus.bus;
  thermobus.bus = frame.bus;
  thermobus.subscription = frame.subscription;
  if (restarted || (thermobus.lastSeq != null && frame.next !== thermobus.lastSeq + 1)) {
    thermobus.lastSeq = frame.next - 1;
    loadHistory();
  }
}

function track(seq, coalesced) {
  if (thermobus.lastSeq != null && seq !== thermobus.lastSeq + 1 && !coalesced) {
    thermobus.gaps.push([thermobus.lastSeq + 1, seq]);
  }
  thermobus.lastSeq = seq;
  thermobus.received += 1;
  thermobus.seqs.push(seq);
  if (thermobus.seqs.length > KEPT_SEQS) thermobus.seqs.splice(0, thermobus.seqs.length - KEPT_SEQS);
  $('seq').textContent = `seq ${seq}`;
  const reconnects = thermobus.connections - 1;
  $('received').textContent = `${thermobus.received.toLocaleString('en')} events received`
    + (reconnects > 0 ? ` · reconnected ${reconnects} ${reconnects === 1 ? 'time' : 'times'}` : '')
    + (thermobus.gaps.length ? ` · ${thermobus.gaps.length} gaps` : reconnects > 0 ? ' without a gap' : '');
}

function apply(envelope) {
  const data = envelope.data || {};
  switch (envelope.topic) {
    case 'temperature': state.temperature = data.celsius; break;
    case 'desired': state.desired = data.celsius; break;
    case 'heater': state.heaterOn = Boolean(data.on); break;
    case 'input': showInput(data.trace, data.pending); return;
    default: return;
  }
  renderNow();
  addPoint(Date.parse(envelope.at));
}

function send(frame) {
  if (!canControl()) return;
  thermobus.socket.send(JSON.stringify({ ...frame, zone: state.zone, token: state.token }));
}

const sendKey = (key) => send({ type: 'key', key });

// ---- rendering -------------------------------------------------------------------------------

function renderNow() {
  $('temperature').textContent = format(state.temperature);
  $('desired').textContent = format(state.desired);
  const heater = $('heater');
  heater.dataset.on = String(state.heaterOn);
  $('heater-text').textContent = state.heaterOn ? 'Heating' : 'Heater off';
  document.title = state.temperature == null ? 'Thermobus'
    : `${format(state.temperature)} °C ${state.heaterOn ? '🔥' : '·'} Thermobus`;
  renderTrend();
}

function renderTrend() {
  const { t, temperature } = state.points;
  if (state.temperature == null || t.length < 2) {
    $('trend').textContent = '';
    return;
  }
  const since = Date.now() / 1000 - 60;
  let i = t.length - 1;
  while (i > 0 && t[i - 1] >= since) i -= 1;
  const change = state.temperature - temperature[i];
  const gap = state.desired == null ? null : state.desired - state.temperature;
  const direction = Math.abs(change) < 0.005 ? 'Steady' : change > 0 ? `▲ ${change.toFixed(2)} °C` : `▼ ${(-change).toFixed(2)} °C`;
  const goal = gap == null ? '' : Math.abs(gap) < 0.005 ? ' · at the desired temperature'
    : gap > 0 ? ` · ${gap.toFixed(2)} °C below desired` : ` · ${(-gap).toFixed(2)} °C above desired`;
  $('trend').textContent = `${direction} in the last minute${goal}`;
}

function showInput(trace, pending) {
  $('trace').textContent = trace || '';
  $('pending').textContent = pending || '';
}

// ---- chart -----------------------------------------------------------------------------------

function addPoint(atMillis, values) {
  const p = state.points;
  const v = values || { temperature: state.temperature, desired: state.desired, heater: state.heaterOn ? 1 : 0 };
  if (v.temperature == null || v.desired == null) return;
  const t = atMillis / 1000;
  const last = p.t.length - 1;
  if (last >= 0 && (t - p.t[last]) * 1000 < MERGE_MS && p.heater[last] === v.heater) {
    p.temperature[last] = v.temperature;
    p.desired[last] = v.desired;
  } else {
    p.t.push(t);
    p.temperature.push(v.temperature);
    p.desired.push(v.desired);
    p.heater.push(v.heater);
  }
  const cutoff = Date.now() / 1000 - LONGEST_WINDOW_SECONDS - 60;
  let drop = 0;
  while (drop < p.t.length && (p.t[drop] < cutoff || p.t.length - drop > MAX_POINTS)) drop += 1;
  if (drop) for (const series of Object.values(p)) series.splice(0, drop);
  scheduleDraw();
}

function scheduleDraw() {
  if (state.drawPending) return;
  state.drawPending = true;
  requestAnimationFrame(() => {
    state.drawPending = false;
    draw();
  });
}

function draw() {
  if (!state.chart) return;
  const p = state.points;
  const now = Date.now() / 1000;
  // Carry the latest values to the right edge so the lines reach "now".
  const extend = p.t.length ? 1 : 0;
  const last = p.t.length - 1;
  state.chart.setData([
    extend ? [...p.t, now] : [],
    extend ? [...p.temperature, p.temperature[last]] : [],
    extend ? [...p.desired, p.desired[last]] : [],
    extend ? [...p.heater, p.heater[last]] : [],
  ]);
}

/** The chosen window, shortened to the data there is (at least a minute) so a fresh start is not a sliver. */
function visibleWindow() {
  const now = Date.now() / 1000;
  const first = state.points.t.length ? state.points.t[0] : now;
  return [Math.max(now - state.windowSeconds, Math.min(first, now - 60)), now];
}

/** As few decimals as the tick step needs (0.25 steps need two). */
function decimals(ticks) {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  return [0, 1, 2].find((d) => Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) ?? 2;
}

function createChart() {
  const node = $('chart');
  if (typeof uPlot === 'undefined') {
    node.textContent = 'The chart library did not load.';
    return;
  }
  const grid = { stroke: '#243040', width: 1 };
  const stepped = uPlot.paths.stepped({ align: 1 });
  const options = {
    width: node.clientWidth || 600,
    height: node.clientHeight || 300,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    scales: {
      x: { time: true, range: () => visibleWindow() },
      y: { range: (u, min, max) => (min == null ? [20, 22] : [Math.floor((min - 0.05) * 10) / 10, Math.ceil((max + 0.05) * 10) / 10]) },
      heat: { range: [0, 1] },
    },
    axes: [
      { stroke: '#9fadbb', grid, ticks: grid },
      { stroke: '#9fadbb', grid, ticks: grid, size: 60, values: (u, ticks) => ticks.map((v) => `${v.toFixed(decimals(ticks))}°`) },
      { scale: 'heat', show: false },
    ],
    series: [
      {},
      { label: 'temperature', stroke: '#ffb86b', width: 2.5, paths: stepped, points: { show: false } },
      { label: 'desired', stroke: '#6cb6ff', width: 2, dash: [8, 5], paths: stepped, points: { show: false } },
      { label: 'heater on', scale: 'heat', stroke: 'transparent', width: 0, fill: '#ff6b572e', paths: stepped, points: { show: false } },
    ],
  };
  state.chart = new uPlot(options, [[], [], [], []], node);
  new ResizeObserver(() => {
    state.chart.setSize({ width: node.clientWidth, height: node.clientHeight || 300 });
  }).observe(node);
}

async function loadHistory() {
  const zone = state.zone;
  const response = await fetch(`/api/zones/${encodeURIComponent(zone)}/history?seconds=${LONGEST_WINDOW_SECONDS}`, { cache: 'no-store' });
  if (!response.ok || zone !== state.zone) return;
  const body = await response.json();
  if (zone !== state.zone) return;
  // Only this zone's live points are kept: another zone's never reach its chart.
  const kept = state.pointsZone === zone ? { ...state.points } : { t: [], temperature: [], desired: [], heater: [] };
  state.points = { t: [], temperature: [], desired: [], heater: [] };
  state.pointsZone = zone;
  for (const sample of body.samples) {
    addPoint(Date.parse(sample.at), { temperature: sample.temperature, desired: sample.desired, heater: sample.heaterOn ? 1 : 0 });
  }
  // Events that arrived while the history was on its way come after it.
  const lastHistoric = state.points.t.length ? state.points.t[state.points.t.length - 1] : 0;
  kept.t.forEach((t, i) => {
    if (t > lastHistoric) addPoint(t * 1000, { temperature: kept.temperature[i], desired: kept.desired[i], heater: kept.heater[i] });
  });
  renderTrend();
  scheduleDraw();
}

// ---- bus panel -------------------------------------------------------------------------------

/**
 * The zone's state every few seconds: in its fail-safe state (no readings: heater forced off) its
 * fault says why; controls.js shows its controller and mode from the same answer.
 */
async function refreshFault() {
  const response = await fetch(`/api/zones/${encodeURIComponent(state.zone)}`, { cache: 'no-store' });
  if (!response.ok) return;
  const zoneState = await response.json();
  showFault(zoneState.fault);
  document.dispatchEvent(new CustomEvent('thermobus:state', { detail: zoneState }));
}

function showFault(fault) {
  $('fault').hidden = !fault;
  $('fault').textContent = fault ? `Fault: ${fault}` : '';
}

async function refreshBus() {
  try {
    // Only the rows the panel shows; the totals come with every page.
    const response = await fetch(`/api/bus/subscriptions?limit=${MAX_ROWS}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    renderBus(await response.json());
  } catch (error) {
    $('bus-updated').textContent = 'bus introspection unavailable';
  }
}

function renderBus(bus) {
  const number = (value) => (value == null ? '–' : Number(value).toLocaleString('en'));
  $('bus-published').textContent = number(bus.published);
  $('bus-retained').textContent = number(bus.retained);
  $('bus-rate').textContent = bus.publishRate == null ? '–' : Number(bus.publishRate).toFixed(1);
  $('bus-sweeps').textContent = number(bus.sweeps);
  $('bus-lagged').textContent = number(bus.lagged);
  $('bus-coalesced').textContent = number(bus.streams ? bus.streams.coalesced : bus.coalesced);
  const subscriptions = bus.subscriptions || [];
  const rows = subscriptions.slice(0, MAX_ROWS).map((s) => {
    const row = document.createElement('tr');
    row.dataset.state = s.state;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.dataset.state = s.state;
    badge.textContent = s.state;
    const cells = [String(s.id), badge, (s.topics || []).length ? s.topics.join(', ') : 'all', number(s.lag)];
    cells.forEach((content, i) => {
      const cell = document.createElement('td');
      if (i === 3) cell.className = 'num';
      cell.append(content);
      row.append(cell);
    });
    return row;
  });
  $('subs').replaceChildren(...rows);
  $('bus-empty').hidden = rows.length > 0;
  const hidden = (bus.live || 0) + (bus.tombstoned || 0) - rows.length;
  $('bus-more').hidden = hidden <= 0;
  $('bus-more').textContent = `and ${hidden} more`;
  $('bus-updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
}

// ---- cluster ---------------------------------------------------------------------------------

const CLUSTER_LOG_ROWS = 10;
let lastOwners = null;

/** The cluster panel, shown once the node has company: its nodes, their zones, and each move as it is seen. */
async function refreshCluster() {
  try {
    const response = await fetch('/api/cluster', { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    renderCluster(await response.json());
  } catch (error) {
    $('cluster-node').textContent = 'cluster unavailable';
  }
}

function renderCluster(cluster) {
  const nodes = cluster.nodes || [];
  const owners = cluster.owners || {};
  $('cluster').hidden = nodes.length < 2 && lastOwners === null;
  $('cluster-node').textContent = `this node ${cluster.node}`;
  $('cluster-count').textContent = String(nodes.length);
  $('cluster-zones').textContent = String(Object.keys(owners).length);
  $('cluster-moves').textContent = String(cluster.moves);
  $('cluster-nodes').replaceChildren(...nodes.map((node) => {
    const row = document.createElement('tr');
    [node.id, node.httpUrl || '–', String(node.zones)].forEach((content, i) => {
      const cell = document.createElement('td');
      if (i === 2) cell.className = 'num';
      cell.textContent = content;
      row.append(cell);
    });
    return row;
  }));
  if (lastOwners !== null) {
    const at = new Date().toLocaleTimeString();
    Object.entries(owners).forEach(([zone, owner]) => {
      const before = lastOwners[zone];
      if (before && before !== owner) {
        const item = document.createElement('li');
        item.textContent = `${at} ${zone}: ${before} → ${owner}`;
        $('cluster-log').prepend(item);
      }
    });
    while ($('cluster-log').children.length > CLUSTER_LOG_ROWS) $('cluster-log').lastElementChild.remove();
  }
  if (nodes.length > 1 || lastOwners !== null) lastOwners = owners;
}

// ---- controls --------------------------------------------------------------------------------

function wireControls() {
  $('lower').addEventListener('click', () => sendKey('ArrowDown'));
  $('raise').addEventListener('click', () => sendKey('ArrowUp'));
  $('exact-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('exact').value.trim();
    const celsius = Number(value);
    if (value === '' || !Number.isFinite(celsius)) {
      feedback('Enter a temperature in °C, like 21.5', 'error');
      return;
    }
    send({ type: 'desired', celsius });
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token-input').value.trim();
    $('token-input').value = '';
    if (token) {
      setToken(token);
      feedback('Token saved for this tab.', 'ok');
    }
  });
  $('forget-token').addEventListener('click', () => {
    setToken(null);
    feedback('', '');
  });
  document.querySelectorAll('.range button').forEach((button) => {
    button.addEventListener('click', () => {
      state.windowSeconds = Number(button.dataset.seconds);
      document.querySelectorAll('.range button').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      $('window-label').textContent = button.textContent.replace('min', state.windowSeconds === 60 ? 'minute' : 'minutes');
      scheduleDraw();
    });
  });
  $('back').addEventListener('click', () => showOverview());
  $('overview-filter').addEventListener('input', () => resort());
  $('overview-state').addEventListener('change', () => resort());
  $('overview-sort').addEventListener('change', () => resort());
  $('overview-list').addEventListener('scroll', () => scheduleOverview());
  new ResizeObserver(() => scheduleOverview()).observe($('overview-list'));
  $('overview-canvas').addEventListener('click', (event) => {
    const card = event.target.closest('.zone-card');
    if (card) selectZone(card.dataset.zone);
  });
  document.addEventListener('keydown', (event) => {
    const key = event.key === '−' ? '-' : event.key;
    // Typing in a field stays there; Enter on a focused button presses that button.
    if (overview.visible || event.ctrlKey || event.metaKey || event.altKey || event.target.closest('input, select, textarea')
      || (key === 'Enter' && event.target.closest('button'))) return;
    if (!STEP_KEYS.has(key) && !/^[0-9]$/.test(key)) return;
    event.preventDefault();
    if (!state.token) {
      feedback('View only: enter the token to control with the keyboard.', 'error');
      return;
    }
    sendKey(key);
  });
}

async function selectZone(zone) {
  state.zone = zone;
  state.points = { t: [], temperature: [], desired: [], heater: [] };
  state.pointsZone = zone;
  scheduleDraw();
  $('zone-name').textContent = zone;
  $('zone-name').hidden = false;
  $('overview').hidden = true;
  $('detail').hidden = false;
  $('back').hidden = overview.zones.size < 2;
  overview.visible = false;
  const response = await fetch(`/api/zones/${encodeURIComponent(zone)}`, { cache: 'no-store' });
  if (response.ok) {
    const zoneState = await response.json();
    state.temperature = zoneState.temperature;
    state.desired = zoneState.desired;
    state.heaterOn = zoneState.heaterOn;
    if (thermobus.lastSeq == null && Number.isInteger(zoneState.seq)) thermobus.lastSeq = zoneState.seq;
    showInput(zoneState.input, '');
    showFault(zoneState.fault);
    renderNow();
    document.dispatchEvent(new CustomEvent('thermobus:select', { detail: zoneState }));
  }
  await loadHistory();
}

// ---- overview --------------------------------------------------------------------------------

/** Every zone's state from /api/zones: the faults (which no event carries) and zones created or deleted. */
async function refreshZones() {
  const body = await (await fetch('/api/zones', { cache: 'no-store' })).json();
  overview.zones = new Map(body.zones.map((zone) => [zone.zone, zone]));
  resort();
  return body.zones;
}

/** A stream event keeps its zone's card current between two refreshes. */
function remember(envelope) {
  const zone = overview.zones.get(envelope.zone);
  const data = envelope.data || {};
  if (!zone) return;
  if (envelope.topic === 'temperature') zone.temperature = data.celsius;
  else if (envelope.topic === 'desired') zone.desired = data.celsius;
  else if (envelope.topic === 'heater') zone.heaterOn = Boolean(data.on);
  else return;
  if (overview.visible) scheduleOverview();
}

function showOverview() {
  overview.visible = true;
  state.zone = null;
  $('overview').hidden = false;
  $('detail').hidden = true;
  $('back').hidden = true;
  $('zone-name').hidden = true;
  $('fault').hidden = true;
  resort();
}

const collator = new Intl.Collator('en', { numeric: true });
const byName = (a, b) => collator.compare(a.zone, b.zone);
const SORTS = {
  name: byName,
  temperature: (a, b) => (a.temperature ?? -Infinity) - (b.temperature ?? -Infinity) || byName(a, b),
  desired: (a, b) => (a.desired ?? -Infinity) - (b.desired ?? -Infinity) || byName(a, b),
  heater: (a, b) => Number(b.heaterOn) - Number(a.heaterOn) || byName(a, b),
  fault: (a, b) => Number(Boolean(b.fault)) - Number(Boolean(a.fault)) || byName(a, b),
};

function wanted(zone, text, kind) {
  if (text && !zone.zone.includes(text)) return false;
  if (kind === 'heating') return zone.heaterOn && !zone.fault;
  if (kind === 'idle') return !zone.heaterOn && !zone.fault;
  if (kind === 'fault') return Boolean(zone.fault);
  return true;
}

/** Filters and sorts every zone; then only the visible cards are drawn. */
function resort() {
  const text = $('overview-filter').value.trim().toLowerCase();
  const kind = $('overview-state').value;
  const zones = [...overview.zones.values()].filter((zone) => wanted(zone, text, kind));
  zones.sort(SORTS[$('overview-sort').value] || SORTS.name);
  overview.order = zones.map((zone) => zone.zone);
  overview.sortedAt = Date.now();
  $('overview-count').textContent = `${overview.order.length.toLocaleString('en')} of ${overview.zones.size.toLocaleString('en')} zones`;
  scheduleOverview();
}

function scheduleOverview() {
  if (overview.renderPending || !overview.visible) return;
  overview.renderPending = true;
  requestAnimationFrame(() => {
    overview.renderPending = false;
    if (Date.now() - overview.sortedAt > RESORT_MS && $('overview-sort').value !== 'name') resort();
    renderOverview();
  });
}

/** Lays the cards out in rows and creates elements only for the rows in view (and one more each side). */
function renderOverview() {
  const list = $('overview-list');
  const canvas = $('overview-canvas');
  const columns = Math.max(1, Math.floor((list.clientWidth + CARD_GAP) / (CARD_WIDTH + CARD_GAP)));
  const width = (list.clientWidth - (columns - 1) * CARD_GAP) / columns;
  const rowHeight = CARD_HEIGHT + CARD_GAP;
  const rows = Math.ceil(overview.order.length / columns);
  canvas.style.height = `${rows * rowHeight}px`;
  const firstRow = Math.max(0, Math.floor(list.scrollTop / rowHeight) - 1);
  const lastRow = Math.min(rows, Math.ceil((list.scrollTop + list.clientHeight) / rowHeight) + 1);
  const cards = [];
  for (let i = firstRow * columns; i < Math.min(overview.order.length, lastRow * columns); i += 1) {
    const zone = overview.zones.get(overview.order[i]);
    if (zone) cards.push(card(zone, (i % columns) * (width + CARD_GAP), Math.floor(i / columns) * rowHeight, width));
  }
  canvas.replaceChildren(...cards);
}

function card(zone, left, top, width) {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = 'zone-card';
  node.setAttribute('role', 'listitem');
  node.dataset.zone = zone.zone;
  node.dataset.heating = String(Boolean(zone.heaterOn));
  node.dataset.fault = String(Boolean(zone.fault));
  node.style.cssText = `left:${left}px;top:${top}px;width:${width}px;height:${CARD_HEIGHT}px`;
  if (zone.fault) node.title = zone.fault;
  const cells = [
    ['name', zone.zone],
    ['flag', zone.fault ? 'fault' : zone.heaterOn ? '● heating' : 'off'],
    ['temp', `${format(zone.temperature)} °C`],
    ['want', `→ ${format(zone.desired)} °C`],
  ];
  for (const [kind, text] of cells) {
    const span = document.createElement('span');
    span.className = kind;
    span.textContent = text;
    node.append(span);
  }
  return node;
}

async function start() {
  state.token = readToken();
  wireControls();
  renderAccess();
  createChart();
  const zones = await refreshZones();
  // A zone's state carries the bus seq it was read at: the stream starts right after it.
  if (zones.length === 1) {
    await selectZone(zones[0].zone);
  } else {
    if (thermobus.lastSeq == null && zones.length && Number.isInteger(zones[0].seq)) thermobus.lastSeq = zones[0].seq;
    showOverview();
  }
  connect();
  refreshBus();
  refreshCluster();
  setInterval(() => {
    refreshBus();
    refreshCluster();
    if (overview.visible) refreshZones().catch(() => {}); else refreshFault().catch(() => {});
  }, 2000);
  setInterval(() => { renderTrend(); scheduleDraw(); }, 1000);
}

start().catch((error) => {
  showConnection('offline', 'Could not load');
  feedback(`The page could not start: ${error.message}`, 'error');
});
