'use strict';
// Minimal live view: polls the zone states once a second. The token comes from #token=... in the URL.
const token = new URLSearchParams(location.hash.slice(1)).get('token');
const cards = new Map();

function card(zone) {
  if (!cards.has(zone)) {
    const node = document.getElementById('zone-card').content.firstElementChild.cloneNode(true);
    node.querySelector('.zone-name').textContent = zone;
    const form = node.querySelector('form');
    const input = form.querySelector('input');
    if (!token) {
      input.disabled = true;
      form.querySelector('button').disabled = true;
      form.querySelector('.result').textContent = 'View only: open the URL printed at start to control.';
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      setDesired(zone, Number(input.value), form.querySelector('.result'));
    });
    document.getElementById('zones').append(node);
    cards.set(zone, node);
  }
  return cards.get(zone);
}

async function setDesired(zone, celsius, result) {
  const response = await fetch(`/api/zones/${encodeURIComponent(zone)}/desired`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ celsius }),
  });
  const body = await response.json();
  result.textContent = response.ok ? `Desired set to ${body.desired.toFixed(2)} °C` : body.detail;
  if (response.ok) show(body);
}

function show(state) {
  const node = card(state.zone);
  const format = (value) => (value == null ? '–' : `${value.toFixed(2)} °C`);
  node.querySelector('.temperature').textContent = format(state.temperature);
  node.querySelector('.desired').textContent = format(state.desired);
  const heater = node.querySelector('.heater');
  heater.textContent = state.heaterOn ? 'On' : 'Off';
  heater.classList.toggle('on', state.heaterOn);
}

async function refresh() {
  const status = document.getElementById('status');
  try {
    const response = await fetch('/api/zones', { cache: 'no-store' });
    const body = await response.json();
    body.zones.forEach(show);
    status.textContent = `Live · updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    status.textContent = 'Disconnected; retrying…';
  }
}

refresh();
setInterval(refresh, 1000);
