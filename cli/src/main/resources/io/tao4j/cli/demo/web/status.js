// tao4j demo status page: polls /api/status and draws it with Chart.js (served by the same server).
// After the first render of every chart, body[data-rendered] becomes "charts:<n>" and every canvas gets
// data-points=<number of plotted values>; body[data-errors] counts script errors and blocked loads.
(function () {
  'use strict';

  const POLL_MS = 1500;
  const body = document.body;

  function countError(what) {
    body.dataset.errors = String(Number(body.dataset.errors || '0') + 1);
    const li = document.createElement('li');
    li.textContent = 'page error: ' + what;
    const ol = document.getElementById('events');
    if (ol) ol.prepend(li);
  }
  window.addEventListener('error', e => countError(e.message || 'script error'));
  window.addEventListener('unhandledrejection', e => countError(String(e.reason)));
  document.addEventListener('securitypolicyviolation', e => countError('blocked ' + e.blockedURI));

  if (typeof Chart === 'undefined') {
    countError('Chart.js did not load from /static/chart.umd.min.js');
    return;
  }

  // --- formatting ---
  const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const alpha = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const frac = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
  function text(id, v) { const el = document.getElementById(id); if (el) el.textContent = v; }
  function hms(ms) {
    const s = Math.floor(ms / 1000);
    const pad = n => String(n).padStart(2, '0');
    return pad(Math.floor(s / 3600)) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
  }
  function shortKey(k) { return k && k.length > 16 ? k.slice(0, 8) + '…' + k.slice(-6) : (k || ''); }

  // --- colours ---
  const FLOW = { miner: '#f59e0b', aggregator: '#3b82f6', treasury: '#10b981' };
  const OUTCOME = { ok: '#16a34a', pending: '#f59e0b' };
  const REJECT = ['#dc2626', '#9f1239', '#ea580c', '#7c3aed', '#64748b', '#be185d', '#b45309', '#475569', '#e11d48',
    '#0f766e', '#a16207', '#334155'];
  const MINER = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563'];
  const minerColour = new Map();
  function colourOf(name) {
    if (!minerColour.has(name)) minerColour.set(name, MINER[minerColour.size % MINER.length]);
    return minerColour.get(name);
  }

  // --- charts ---
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif';
  Chart.defaults.font.size = 11;
  Chart.defaults.color = '#4b5563';
  Chart.defaults.plugins.legend.labels.boxWidth = 10;
  Chart.defaults.plugins.legend.labels.boxHeight = 10;

  function points(chart) {
    return chart.data.datasets.reduce((n, d) => n + d.data.length, 0);
  }
  // Writes "waiting for data" over a chart that has nothing to show.
  const emptyNote = {
    id: 'emptyNote',
    afterDraw(chart) {
      if (points(chart) > 0) return;
      const { ctx, chartArea: a } = chart;
      if (!a) return;
      ctx.save();
      ctx.fillStyle = '#9ca3af';
      ctx.font = '12px ' + Chart.defaults.font.family;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('waiting for data…', (a.left + a.right) / 2, (a.top + a.bottom) / 2);
      ctx.restore();
    }
  };
  Chart.register(emptyNote);

  const blockAxis = { type: 'linear', title: { display: true, text: 'block' }, ticks: { precision: 0 } };
  function make(id, config) {
    return new Chart(document.getElementById(id), config);
  }
  const charts = {
    lfcFlow: make('chart-lfc-flow', {
      type: 'line',
      data: { datasets: [] },
      options: {
        parsing: false, normalized: true,
        elements: { point: { radius: 0 }, line: { borderWidth: 2, tension: 0 } },
        interaction: { mode: 'index', intersect: false },
        scales: { x: blockAxis, y: { beginAtZero: true, title: { display: true, text: 'alpha' } } },
        plugins: { legend: { position: 'bottom' } }
      }
    }),
    lfcWeights: make('chart-lfc-weights', {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, suggestedMax: 1 } },
        plugins: { legend: { display: false } }
      }
    }),
    mantisSteps: make('chart-mantis-steps', {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        scales: {
          x: { stacked: true, title: { display: true, text: 'step (block)' }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'payloads' } }
        },
        plugins: { legend: { position: 'bottom' } }
      }
    }),
    mantisPending: make('chart-mantis-pending', {
      type: 'line',
      data: { datasets: [] },
      options: {
        parsing: false,
        elements: { point: { radius: 0 }, line: { borderWidth: 2, stepped: true } },
        scales: { x: blockAxis, y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } }
      }
    }),
    mantisWeights: make('chart-mantis-weights', {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        indexAxis: 'y',
        scales: { x: { beginAtZero: true } },
        plugins: { legend: { display: false } }
      }
    }),
    mantisSalience: make('chart-mantis-salience', {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        scales: { x: { ticks: { maxRotation: 35, autoSkip: false } }, y: { beginAtZero: true, title: { display: true, text: 'salience' } } },
        plugins: { legend: { position: 'bottom' } }
      }
    })
  };

  // --- rendering ---
  function renderHeader(s) {
    const c = s.chain;
    text('head', c.head > 0 ? '#' + int.format(c.head) : '–');
    text('finalized', c.finalized > 0 ? '#' + int.format(c.finalized) : '–');
    text('block-time', c.blockMillis > 0 ? c.blockMillis + ' ms' : '–');
    text('elapsed', s.startedMillis > 0 ? hms(s.elapsedMillis) : '–');
    const box = document.getElementById('subnets');
    box.replaceChildren(...c.subnets.map(n => {
      const span = document.createElement('span');
      span.textContent = 'SN' + n.netuid + ' ' + n.name + ' · tempo ' + n.tempo + ' · ' + int.format(n.epochs) + ' epochs';
      return span;
    }));
  }

  function renderLfc(l) {
    text('lfc-netuid', l.netuid);
    text('lfc-sweeps', int.format(l.sweeps));
    text('lfc-swept', alpha.format(l.alphaSwept));
    text('lfc-transferred', alpha.format(l.alphaTransferred));
    text('lfc-weight-sets', int.format(l.weightSets));
    const f = l.flow;
    charts.lfcFlow.data.datasets = [
      ['miner', 'miner hotkey'], ['aggregator', 'aggregator hotkey'], ['treasury', 'treasury coldkey']
    ].map(([k, label]) => ({
      label, borderColor: FLOW[k], backgroundColor: FLOW[k],
      data: f.map(p => ({ x: p.block, y: p[k] }))
    }));
    const uids = Object.keys(l.weights);
    text('lfc-weights-block', l.weightsBlock >= 0 ? '(block ' + int.format(l.weightsBlock) + ')' : '');
    charts.lfcWeights.data.labels = uids.map(u => 'uid ' + u);
    charts.lfcWeights.data.datasets = [{
      label: 'weight', backgroundColor: '#3b82f6', data: uids.map(u => l.weights[u])
    }];
  }

  function renderMantis(m) {
    text('mantis-netuid', m.netuid);
    text('mantis-collected', int.format(m.collected));
    text('mantis-decrypted', int.format(m.decrypted));
    text('mantis-rejected', int.format(Object.values(m.rejected).reduce((a, b) => a + b, 0)));
    text('mantis-pending', int.format(m.pending));
    text('mantis-ledger', int.format(m.ledgerSteps));
    text('mantis-weight-sets', int.format(m.weightSets));

    // payloads per step, stacked by outcome; rejection reasons in order of first appearance
    const reasons = [];
    for (const st of m.steps) for (const r of Object.keys(st.rejected)) if (!reasons.includes(r)) reasons.push(r);
    charts.mantisSteps.data.labels = m.steps.map(st => st.block);
    charts.mantisSteps.data.datasets = [
      { label: 'ok', backgroundColor: OUTCOME.ok, data: m.steps.map(st => st.ok) },
      { label: 'pending', backgroundColor: OUTCOME.pending, data: m.steps.map(st => st.pending) }
    ].concat(reasons.map((r, i) => ({
      label: r.toLowerCase().replace(/_/g, ' '), backgroundColor: REJECT[i % REJECT.length],
      data: m.steps.map(st => st.rejected[r] || 0)
    })));
    if (m.steps.length === 0) charts.mantisSteps.data.datasets = [];

    charts.mantisPending.data.datasets = [{
      label: 'pending decryptions', borderColor: '#f59e0b', backgroundColor: 'rgba(245,158,11,.15)', fill: true,
      data: m.steps.map(st => ({ x: st.block, y: st.pendingDecryptions }))
    }];

    const w = m.weights;
    text('mantis-weights-block', w.block >= 0 ? '(block ' + int.format(w.block) + ')' : '');
    const names = w.weights.map(x => (x.name || shortKey(x.hotkey)));
    charts.mantisWeights.data.labels = w.weights.map((x, i) => names[i] + ' (uid ' + x.uid + ')');
    charts.mantisWeights.data.datasets = [{
      label: 'weight', data: w.weights.map(x => x.weight),
      backgroundColor: names.map(n => colourOf(n))
    }];

    text('mantis-salience-block', m.salienceBlock >= 0 ? '(block ' + int.format(m.salienceBlock) + ')' : '');
    // every challenge of the protocol, those without output too (protocol order); else whatever was scored
    const sc = m.scoring;
    const challenges = sc.challenges.length > 0 ? sc.challenges.map(c => c.ticker) : Object.keys(m.salience);
    const miners = m.miners.map(x => x.name);
    for (const c of Object.keys(m.salience)) for (const n of Object.keys(m.salience[c])) if (!miners.includes(n)) miners.push(n);
    const label = n => n === '__burn__' ? 'burn (UID 0)' : n;
    charts.mantisSalience.data.labels = challenges;
    charts.mantisSalience.data.datasets = miners.map(n => ({
      label: label(n), backgroundColor: colourOf(label(n)), data: challenges.map(c => (m.salience[c] || {})[n] ?? 0)
    }));
    renderScoring(m, sc, challenges, miners, label);

    const tbody = document.getElementById('miners');
    tbody.replaceChildren(...m.miners.map(x => {
      const tr = document.createElement('tr');
      const name = document.createElement('td');
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = colourOf(x.name);
      name.append(sw, document.createTextNode(x.name));
      const kind = document.createElement('td');
      kind.textContent = x.kind;
      const uid = document.createElement('td');
      uid.textContent = x.uid >= 0 ? String(x.uid) : '–';
      const hk = document.createElement('td');
      hk.className = 'hotkey';
      hk.textContent = x.hotkey;
      tr.append(name, kind, uid, hk);
      return tr;
    }));
  }

  const pct = v => v >= 0 ? (v * 100).toFixed(2) + ' %' : '–';

  // the burn to UID 0, the EMA, and the salience matrix challenge × miner
  function renderScoring(m, sc, challenges, miners, label) {
    text('mantis-protocol', sc.protocol || '–');
    text('mantis-burn-chain', pct(sc.onChainBurn));
    text('mantis-burn-pct', sc.burnPct > 0 ? 'burn ≥ ' + (sc.burnPct * 100).toFixed(0) + ' %' : 'no burn');
    text('mantis-burn-vector', pct(sc.burnShare));
    text('mantis-burn-trademix', sc.tradeMixBurn >= 0 ? pct(sc.tradeMixBurn) : 'no output');
    text('mantis-ema', sc.emaAlpha > 0 ? 'α ' + sc.emaAlpha + (sc.burnShare >= 0 ? (sc.emaApplied ? ', applied' : ', first vector') : '')
      : 'none');
    const head = document.getElementById('salience-head');
    const ths = [['challenge', ''], ['weight', 'num']].concat(miners.map(n => [label(n), 'num'])).map(([t, cls]) => {
      const th = document.createElement('th');
      th.textContent = t;
      if (cls) th.className = cls;
      return th;
    });
    head.replaceChildren(...ths);
    const byTicker = {};
    for (const c of sc.challenges) byTicker[c.ticker] = c;
    document.getElementById('salience-matrix').replaceChildren(...challenges.map(t => {
      const tr = document.createElement('tr');
      const name = document.createElement('td');
      const info = byTicker[t];
      name.textContent = info ? info.name : t;
      name.title = t;
      const w = document.createElement('td');
      w.className = 'num';
      w.textContent = info ? info.weight.toFixed(3).replace(/0+$/, '').replace(/\.$/, '') : '';
      const per = m.salience[t];
      const cells = miners.map(n => {
        const td = document.createElement('td');
        if (per === undefined) {
          td.className = 'none';
          td.textContent = '–';
        } else {
          td.className = 'num';
          td.textContent = (per[n] ?? 0).toFixed(3);
        }
        return td;
      });
      tr.append(name, w, ...cells);
      return tr;
    }));
  }

  function renderEvents(events) {
    const ol = document.getElementById('events');
    const recent = events.slice(-40).reverse();
    if (recent.length === 0) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = 'no events yet';
      ol.replaceChildren(li);
      return;
    }
    ol.replaceChildren(...recent.map(e => {
      const li = document.createElement('li');
      li.textContent = e;
      li.title = e;
      return li;
    }));
  }

  function render(s) {
    renderHeader(s);
    renderLfc(s.lfc);
    renderMantis(s.mantis);
    renderEvents(s.events);
    let drawn = 0;
    for (const chart of Object.values(charts)) {
      chart.update('none');
      chart.canvas.dataset.points = String(points(chart));
      drawn++;
    }
    if (!body.dataset.rendered) body.dataset.rendered = 'charts:' + drawn;
    body.dataset.head = String(s.chain.head);
  }

  const live = document.getElementById('live');
  let inFlight = false;
  async function poll() {
    if (inFlight) return;
    inFlight = true;
    let s;
    try {
      const r = await fetch('/api/status', { cache: 'no-store' });
      if (!r.ok) throw new Error('HTTP ' + r.status);
      s = await r.json();
    } catch (e) {
      live.className = 'live down';
      live.textContent = 'disconnected';
      return;
    } finally {
      inFlight = false;
    }
    try {
      render(s);
      live.className = 'live ok';
      live.textContent = 'live';
    } catch (e) {
      countError('render: ' + (e && e.message));
    }
  }
  poll();
  setInterval(poll, POLL_MS);
})();
