'use strict';
// The selected zone's control panels and the experiments panel, over REST: the settings form
// (controller, parameters, protections, room model), the preset and its temperatures, the weekly
// schedule, the open-window button, the analytics figures and the experiments with their traces.
// It shares app.js's `state` (token), `overview`, `$` and `decimals`; app.js tells it of a
// selected zone (`thermobus:select`) and of its state every few seconds (`thermobus:state`).
// Every write sends the token; a refusal's `detail` is shown beside the control and nothing is
// changed. Text from the server only ever goes in as text.

const ANALYTICS_REFRESH_MS = 5000;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const PRESETS = ['comfort', 'eco', 'away', 'sleep', 'frost'];
const TRACE_COLOURS = ['#ffb86b', '#3fcf8e', '#c792ea', '#4dd0e1', '#ff6b6b', '#f78fb3', '#f2c14e', '#a5d6a7'];
const EXPERIMENT_CHART_HEIGHT = 320;
const MODES = {
  normal: 'in control',
  'window-open': 'open window detected: heater held off',
  'cool-down': 'cooling down after the maximum on time',
  fault: 'fail-safe: heater off',
};

const controls = {
  zone: null,          // the zone the panels show
  settings: null,      // its control settings as last read or saved
  presets: null,       // its preset temperatures as last read or saved
  preset: '',          // its selected preset ('' = manual)
  windowTimer: null,
  experimentChart: null,
  experimentId: null,
};
// What a test can read back: the experiment chart's series and points.
thermobus.experimentChart = () => (controls.experimentChart
  ? { series: controls.experimentChart.series.length - 1, points: controls.experimentChart.data[0].length, id: controls.experimentId }
  : null);

const zonePath = (suffix) => `/api/zones/${encodeURIComponent(controls.zone)}/${suffix}`;

function note(id, text, kind) {
  const node = $(id);
  node.textContent = text;
  node.dataset.kind = kind || '';
}

async function read(path) {
  const response = await fetch(path, { cache: 'no-store' });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body && body.detail ? body.detail : `HTTP ${response.status}`);
  return body;
}

/** A write with the token; answers the body, or throws the refusal's detail. */
async function write(method, path, body) {
  if (!state.token) throw new Error('View only: enter the token to change this.');
  const response = await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${state.token}` },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => null);
  if (response.status === 401) {
    setToken(null);
    throw new Error('The token was refused: enter the token printed at start.');
  }
  if (!response.ok) throw new Error(answer && answer.detail ? answer.detail : `HTTP ${response.status}`);
  return answer;
}

// ---- forms bound to JSON by data-path ----------------------------------------------------------

const valueAt = (object, path) => path.split('.').reduce((o, key) => (o == null ? undefined : o[key]), object);

function setAt(object, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  const parent = keys.reduce((o, key) => o[key], object);
  parent[last] = value;
}

const curveText = (points) => (points || []).map((p) => `${p.at} ${p.celsius}`).join(', ');

function parseCurve(text, path) {
  if (!text.trim()) return [];
  return text.split(',').map((item) => {
    const match = item.trim().match(/^(\d{1,2}:\d{2})\s+(-?\d+(?:\.\d+)?)$/);
    if (!match) throw new Error(`${path}: write points as "05:00 -6, 14:00 2", not "${item.trim()}"`);
    return { at: match[1].padStart(5, '0'), celsius: Number(match[2]) };
  });
}

function fillForm(form, values) {
  form.querySelectorAll('[data-path]').forEach((input) => {
    const value = valueAt(values, input.dataset.path);
    input.value = input.dataset.kind === 'curve' ? curveText(value) : value == null ? '' : String(value);
  });
}

/** The form's values over a copy of what was read (so fields it does not show are kept); throws on a field that is not a number. */
function readForm(form, base) {
  const values = structuredClone(base);
  for (const input of form.querySelectorAll('[data-path]')) {
    const path = input.dataset.path;
    if (input.tagName === 'SELECT') {
      setAt(values, path, input.value);
    } else if (input.dataset.kind === 'curve') {
      setAt(values, path, parseCurve(input.value, path));
    } else {
      const text = input.value.trim();
      if (text === '' || !Number.isFinite(Number(text))) throw new Error(`${path}: enter a number`);
      setAt(values, path, Number(text));
    }
  }
  return values;
}

// ---- settings ----------------------------------------------------------------------------------

function showController() {
  const kind = $('settings-controller').value;
  document.querySelectorAll('#settings-form [data-controller]').forEach((fieldset) => {
    fieldset.hidden = fieldset.dataset.controller !== kind;
  });
}

function showSettings(settings) {
  controls.settings = settings;
  fillForm($('settings-form'), settings);
  showController();
}

async function saveSettings(event) {
  event.preventDefault();
  const zone = controls.zone;
  try {
    const saved = await write('PUT', zonePath('settings'), readForm($('settings-form'), controls.settings));
    if (zone !== controls.zone) return;
    showSettings(saved);
    note('settings-feedback', `Saved: ${saved.controller} controller.`, 'ok');
  } catch (error) {
    note('settings-feedback', error.message, 'error');
  }
}

// ---- preset, presets, schedule -----------------------------------------------------------------

async function choosePreset() {
  const select = $('preset-select');
  try {
    const answer = await write('PUT', zonePath('preset'), { preset: select.value || null });
    controls.preset = answer.preset || '';
    note('preset-feedback', answer.preset ? `Preset ${answer.preset} in force.` : 'Manual setpoint restored.', 'ok');
  } catch (error) {
    note('preset-feedback', error.message, 'error');
  }
  select.value = controls.preset;
}

async function savePresets(event) {
  event.preventDefault();
  try {
    controls.presets = await write('PUT', zonePath('presets'), readForm($('presets-form'), controls.presets));
    fillForm($('presets-form'), controls.presets);
    note('presets-feedback', 'Preset temperatures saved.', 'ok');
  } catch (error) {
    note('presets-feedback', error.message, 'error');
  }
}

function option(value, text, selected) {
  const node = document.createElement('option');
  node.value = value;
  node.textContent = text;
  node.selected = selected;
  return node;
}

/** One schedule row: seven day toggles (none = every day), a time, a preset or a temperature. */
function scheduleRow(entry) {
  const row = document.createElement('tr');
  const days = document.createElement('td');
  days.className = 'days';
  const every = !entry.days || entry.days.length === DAYS.length;
  for (const day of DAYS) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = day;
    box.checked = !every && entry.days.includes(day);
    label.append(box, day);
    days.append(label);
  }
  const at = document.createElement('input');
  at.type = 'time';
  at.className = 'at';
  at.value = entry.at || '';
  at.setAttribute('aria-label', 'from (time of day)');
  const kind = document.createElement('select');
  kind.className = 'kind';
  kind.setAttribute('aria-label', 'setpoint: a preset or a temperature');
  for (const preset of PRESETS) kind.append(option(preset, preset, entry.preset === preset));
  kind.append(option('celsius', '°C', entry.celsius != null));
  const celsius = document.createElement('input');
  celsius.type = 'number';
  celsius.step = 'any';
  celsius.inputMode = 'decimal';
  celsius.className = 'celsius';
  celsius.setAttribute('aria-label', 'temperature in °C');
  celsius.value = entry.celsius == null ? '' : String(entry.celsius);
  celsius.hidden = kind.value !== 'celsius';
  kind.addEventListener('change', () => { celsius.hidden = kind.value !== 'celsius'; });
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'quiet remove';
  remove.setAttribute('aria-label', 'Remove this entry');
  remove.textContent = '×';
  remove.addEventListener('click', () => { row.remove(); showScheduleEmpty(); });
  const setpoint = document.createElement('td');
  setpoint.append(kind, celsius);
  const timeCell = document.createElement('td');
  timeCell.append(at);
  const removeCell = document.createElement('td');
  removeCell.append(remove);
  row.append(days, timeCell, setpoint, removeCell);
  return row;
}

function showScheduleEmpty() {
  $('schedule-empty').hidden = $('schedule-rows').children.length > 0;
}

function showSchedule(schedule) {
  $('schedule-rows').replaceChildren(...(schedule.entries || []).map(scheduleRow));
  showScheduleEmpty();
}

function scheduleEntries() {
  return [...$('schedule-rows').children].map((row) => {
    const days = [...row.querySelectorAll('.days input:checked')].map((box) => box.value);
    const kind = row.querySelector('.kind').value;
    const entry = { at: row.querySelector('.at').value || null };
    if (days.length) entry.days = days;
    if (kind === 'celsius') {
      const text = row.querySelector('.celsius').value.trim();
      entry.celsius = text === '' ? null : Number(text);
    } else {
      entry.preset = kind;
    }
    return entry;
  });
}

async function saveSchedule(event) {
  event.preventDefault();
  try {
    const saved = await write('PUT', zonePath('schedule'), { entries: scheduleEntries() });
    showSchedule(saved);
    const count = saved.entries.length;
    note('schedule-feedback', `Schedule saved: ${count} ${count === 1 ? 'entry' : 'entries'}.`, 'ok');
  } catch (error) {
    note('schedule-feedback', error.message, 'error');
  }
}

// ---- window ------------------------------------------------------------------------------------

function showWindow(open, text) {
  $('window-toggle').dataset.open = String(open);
  $('window-toggle').textContent = open ? 'Close window' : 'Open window';
  $('window-state').textContent = text;
}

async function toggleWindow() {
  const open = $('window-toggle').dataset.open !== 'true';
  clearTimeout(controls.windowTimer);
  try {
    const answer = await write('POST', zonePath('window'), { open });
    if (!answer.open) {
      showWindow(false, 'Window closed.');
      note('window-feedback', '', '');
      return;
    }
    const { timeScale } = await read('/api/simulation');
    const wallMs = (answer.seconds / timeScale) * 1000;
    showWindow(true, `Window open for ${duration(answer.seconds)} of simulated time, until about ${new Date(Date.now() + wallMs).toLocaleTimeString()}.`);
    note('window-feedback', '', '');
    controls.windowTimer = setTimeout(() => showWindow(false, 'The window closed again.'), wallMs);
  } catch (error) {
    note('window-feedback', error.message, 'error');
  }
}

/** The zone's controller and what governs its heater now (an open window it detected shows here). */
function showMode(zoneState) {
  const mode = $('control-mode');
  mode.dataset.mode = zoneState.mode || 'normal';
  mode.textContent = zoneState.controller
    ? `${zoneState.controller} controller · ${MODES[zoneState.mode] || zoneState.mode || ''}` : '';
}

// ---- analytics ---------------------------------------------------------------------------------

function duration(seconds) {
  if (seconds == null) return '–';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const FIGURES = {
  dutyCycle: (v) => `${(v * 100).toFixed(1)} %`,
  switchesPerHour: (v) => v.toFixed(1),
  overshoot: (v) => `${v.toFixed(2)} °C`,
  undershoot: (v) => `${v.toFixed(2)} °C`,
  rmsError: (v) => `${v.toFixed(3)} °C`,
  degreeMinutesBelow: (v) => v.toFixed(1),
  secondsToSetpoint: (v) => duration(v),
  amplitude: (v) => `${v.toFixed(3)} °C`,
  energyKWh: (v) => `${v.toFixed(2)} kWh`,
};
const figure = (field, value) => (value == null ? '–' : FIGURES[field](Number(value)));

async function refreshAnalytics() {
  if (!controls.zone || overview.visible) return;
  const zone = controls.zone;
  try {
    const analytics = await read(`${zonePath('analytics')}?seconds=${$('analytics-seconds').value}`);
    if (zone !== controls.zone) return;
    document.querySelectorAll('#analytics-stats dd').forEach((dd) => {
      dd.textContent = figure(dd.dataset.field, analytics[dd.dataset.field]);
    });
    $('analytics-updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    $('analytics-updated').textContent = `analytics unavailable: ${error.message}`;
  }
}

// ---- the zone ----------------------------------------------------------------------------------

/** A newly selected zone: every panel reads its values; a failure says so where it happened. */
async function loadZone(zone) {
  controls.zone = zone;
  clearTimeout(controls.windowTimer);
  showWindow(false, '');
  for (const id of ['settings-feedback', 'preset-feedback', 'presets-feedback', 'schedule-feedback', 'window-feedback']) note(id, '', '');
  const loads = [
    ['settings', 'settings-feedback', showSettings],
    ['preset', 'preset-feedback', (answer) => { controls.preset = answer.preset || ''; $('preset-select').value = controls.preset; }],
    ['presets', 'presets-feedback', (answer) => { controls.presets = answer; fillForm($('presets-form'), answer); }],
    ['schedule', 'schedule-feedback', showSchedule],
  ];
  await Promise.all(loads.map(async ([suffix, feedbackId, show]) => {
    try {
      const answer = await read(zonePath(suffix));
      if (zone === controls.zone) show(answer);
    } catch (error) {
      note(feedbackId, `Could not read the ${suffix}: ${error.message}`, 'error');
    }
  }));
  refreshAnalytics();
}

document.addEventListener('thermobus:select', (event) => {
  loadZone(event.detail.zone);
  showMode(event.detail);
});
document.addEventListener('thermobus:state', (event) => {
  if (event.detail.zone === controls.zone) showMode(event.detail);
});

// ---- experiments -------------------------------------------------------------------------------

async function refreshExperiments() {
  const list = await read('/api/experiments');
  const select = $('experiment-scenario');
  if (!select.options.length) select.replaceChildren(...list.scenarios.map((name) => option(name, name, false)));
  $('experiment-list').replaceChildren(...list.experiments.map((experiment) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'quiet';
    button.dataset.id = experiment.id;
    if (experiment.id === controls.experimentId) button.setAttribute('aria-current', 'true');
    const name = document.createElement('strong');
    name.textContent = experiment.scenario;
    const detail = document.createElement('span');
    detail.className = 'muted';
    detail.textContent = ` ${experiment.controllers.join(', ')} · ${experiment.id}`;
    button.append(name, detail);
    button.addEventListener('click', () => openExperiment(experiment.id));
    item.append(button);
    return item;
  }));
}

async function runExperiment(event) {
  event.preventDefault();
  const scenario = $('experiment-scenario').value;
  $('experiment-run').disabled = true;
  note('experiment-feedback', `Running ${scenario}…`, '');
  try {
    const result = await write('POST', '/api/experiments', { scenario });
    showExperiment(result);
    note('experiment-feedback', `${result.scenario}: ${result.results.length} controllers compared.`, 'ok');
    await refreshExperiments();
  } catch (error) {
    note('experiment-feedback', error.message, 'error');
  } finally {
    $('experiment-run').disabled = !state.token;
  }
}

async function openExperiment(id) {
  try {
    showExperiment(await read(`/api/experiments/${encodeURIComponent(id)}`));
    await refreshExperiments();
  } catch (error) {
    note('experiment-feedback', error.message, 'error');
  }
}

const ANALYTICS_COLUMNS = ['dutyCycle', 'switchesPerHour', 'overshoot', 'undershoot', 'rmsError', 'degreeMinutesBelow',
  'secondsToSetpoint', 'amplitude', 'energyKWh'];

function showExperiment(result) {
  controls.experimentId = result.id;
  $('experiment-title').textContent = `${result.scenario} · ${result.id}`;
  const colours = new Map(result.results.map((r, i) => [r.controller, TRACE_COLOURS[i % TRACE_COLOURS.length]]));
  $('experiment-results').tBodies[0].replaceChildren(...result.results.map((r) => {
    const row = document.createElement('tr');
    const name = document.createElement('th');
    name.scope = 'row';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colours.get(r.controller);
    name.append(swatch, r.controller);
    row.append(name);
    for (const field of ANALYTICS_COLUMNS) {
      const cell = document.createElement('td');
      cell.className = 'num';
      cell.textContent = figure(field, r.analytics[field]);
      row.append(cell);
    }
    return row;
  }));
  drawExperiment(result.traces, colours);
}

/** Each controller's room temperature, the setpoint and (when the room has one) the outside, over simulated time. */
function drawExperiment(traces, colours) {
  const node = $('experiment-chart');
  if (controls.experimentChart) controls.experimentChart.destroy();
  controls.experimentChart = null;
  if (typeof uPlot === 'undefined') {
    node.textContent = 'The chart library did not load.';
    return;
  }
  const names = Object.keys(traces.controllers);
  const stepped = uPlot.paths.stepped({ align: 1 });
  const grid = { stroke: '#243040', width: 1 };
  const hasOutside = traces.outside.length > 0;
  const series = [{ value: (u, v) => (v == null ? '' : duration(v)) }];
  const data = [traces.seconds];
  for (const name of names) {
    series.push({ label: name, stroke: colours.get(name), width: 1.75, points: { show: false }, value: (u, v) => (v == null ? '' : `${v.toFixed(2)}°`) });
    data.push(traces.controllers[name].temperature);
  }
  series.push({ label: 'setpoint', stroke: '#6cb6ff', width: 2, dash: [8, 5], paths: stepped, points: { show: false } });
  data.push(names.length ? traces.controllers[names[0]].desired : []);
  const axes = [
    { stroke: '#9fadbb', grid, ticks: grid, values: (u, ticks) => ticks.map((v) => duration(v)) },
    { stroke: '#9fadbb', grid, ticks: grid, size: 60, values: (u, ticks) => ticks.map((v) => `${v.toFixed(decimals(ticks))}°`) },
  ];
  if (hasOutside) {
    series.push({ label: 'outside', scale: 'out', stroke: '#9fadbb', width: 1, dash: [2, 4], points: { show: false } });
    data.push(traces.outside);
    axes.push({ scale: 'out', side: 1, stroke: '#9fadbb', grid: { show: false }, size: 50, values: (u, ticks) => ticks.map((v) => `${v}°`) });
  }
  const options = {
    width: node.clientWidth || 600,
    height: EXPERIMENT_CHART_HEIGHT,
    cursor: { drag: { x: true, y: false }, points: { size: 6 } },
    scales: { x: { time: false } },
    axes,
    series,
  };
  node.replaceChildren();
  controls.experimentChart = new uPlot(options, data, node);
}

// ---- wiring ------------------------------------------------------------------------------------

function wirePanels() {
  $('settings-controller').addEventListener('change', showController);
  $('settings-form').addEventListener('submit', saveSettings);
  $('settings-revert').addEventListener('click', () => {
    if (controls.settings) showSettings(controls.settings);
    note('settings-feedback', '', '');
  });
  $('preset-select').addEventListener('change', choosePreset);
  $('presets-form').addEventListener('submit', savePresets);
  $('schedule-add').addEventListener('click', () => {
    $('schedule-rows').append(scheduleRow({ at: '07:00', preset: 'comfort' }));
    showScheduleEmpty();
  });
  $('schedule-form').addEventListener('submit', saveSchedule);
  $('window-toggle').addEventListener('click', toggleWindow);
  $('analytics-seconds').addEventListener('change', refreshAnalytics);
  $('experiment-form').addEventListener('submit', runExperiment);
  new ResizeObserver(() => {
    const node = $('experiment-chart');
    if (controls.experimentChart && node.clientWidth) controls.experimentChart.setSize({ width: node.clientWidth, height: EXPERIMENT_CHART_HEIGHT });
  }).observe($('experiment-chart'));
  setInterval(refreshAnalytics, ANALYTICS_REFRESH_MS);
  refreshExperiments().catch((error) => note('experiment-feedback', `Experiments unavailable: ${error.message}`, 'error'));
}

wirePanels();
// app.js may have selected its zone before this file arrived (it does not wait for it).
if (state.zone) loadZone(state.zone);
