// How long the console's message-log page takes to show its first page of rows in a real browser, run by
// org.qaqpa.bench.ConsoleSearchBench against a gateway whose log holds many rows (docs/benchmarks.md, "Console
// log search in the browser"). playwright-core drives Debian's chromium, headless, like run.mjs.
//
//   node search-timing.mjs --admin=http://127.0.0.1:8081/ --token=… --runs=21 --session={…} --sender=sender-7 \
//     --service=SERVICE_7 --error-code=PROVIDER_TIMEOUT
//
// Per query: the time from the operator's action (opening #/log, or pressing Search with the filters filled) until
// the rows are in the table and the browser has painted them (two animation frames after the table changed), and
// the part of it the admin API call took (the Resource Timing entry of GET /admin/log). Prints one line per query
// with the median and the worst of --runs runs, and exits 0; 1 when a run shows no rows where rows are expected.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.QAQPA_CHROMIUM ?? '/usr/bin/chromium';
const options = Object.fromEntries(process.argv.slice(2).map((arg) => {
  const match = /^--([a-z-]+)=(.*)$/s.exec(arg);
  if (!match) fail(`not an option: ${arg}`, 2);
  return [match[1], match[2]];
}));
for (const name of ['admin', 'token', 'session', 'sender', 'service', 'error-code']) {
  if (!options[name]) fail(`--${name}= is missing`, 2);
}
if (!existsSync(CHROMIUM)) fail(`no browser at ${CHROMIUM}`, 3);
const RUNS = Number(options.runs ?? 21);

function fail(message, code) {
  console.error(`FAILED ${message}`);
  process.exit(code);
}

const QUERIES = [
  ['no filter (the page opens)', null],
  ['sender', { sender: options.sender }],
  ['service', { service: options.service }],
  ['errorCode', { errorCode: options['error-code'] }],
  ['sessionId', { sessionId: options.session }],
  ['sender + errorCode', { sender: options.sender, errorCode: options['error-code'] }],
];

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  const consoleUrl = new URL('console/', options.admin).toString();
  await page.goto(`${consoleUrl}#/dashboard`);
  await page.fill('#token', options.token);
  await page.click('#login button[type=submit]');
  await page.locator('#bar nav').waitFor();

  for (const [name, filters] of QUERIES) {
    const total = [];
    const api = [];
    let rows = 0;
    for (let run = 0; run < RUNS; run++) {
      await page.evaluate(() => { location.hash = '#/dashboard'; });
      await page.locator('#traffic').waitFor();
      if (filters) {
        await page.evaluate(() => { location.hash = '#/log'; });
        await page.locator('#log-rows tbody tr').first().waitFor();
        for (const [field, value] of Object.entries(filters)) await page.fill(`#search-${field}`, value);
      }
      const timing = await page.evaluate(measure, filters !== null);
      total.push(timing.total);
      api.push(timing.api);
      rows = timing.rows;
    }
    if (rows === 0 && !name.includes('+')) fail(`${name}: no rows`, 1);
    console.log(`${name.padEnd(28)} rows ${String(rows).padStart(2)}  first page rendered: median ${fmt(median(total))}, `
      + `worst ${fmt(Math.max(...total))}  (GET /admin/log: median ${fmt(median(api))})`);
  }
} finally {
  await browser.close();
}

/** In the page: starts the action, waits for the table to change and two frames to pass; times in ms. */
function measure(submit) {
  return new Promise((resolve) => {
    performance.clearResourceTimings();
    const started = performance.now();
    const done = () => requestAnimationFrame(() => requestAnimationFrame(() => {
      const ended = performance.now();
      const call = performance.getEntriesByType('resource').filter((e) => e.name.includes('/admin/log')).at(-1);
      resolve({ total: ended - started, api: call ? call.responseEnd - call.startTime : NaN,
        rows: document.querySelectorAll('#log-rows tbody tr').length });
    }));
    if (submit) {
      const body = document.querySelector('#log-rows tbody');
      new MutationObserver((changes, observer) => { observer.disconnect(); done(); }).observe(body, { childList: true });
      document.querySelector('#search button[type=submit]').click();
    } else {
      // the page is built anew: wait for its table to exist and hold rows (or its "no rows" hint)
      const observer = new MutationObserver(() => {
        const body = document.querySelector('#log-rows tbody');
        if (body && body.children.length > 0) { observer.disconnect(); done(); }
      });
      observer.observe(document.getElementById('app'), { childList: true, subtree: true });
      location.hash = '#/log';
    }
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function fmt(ms) {
  return Number.isNaN(ms) ? '–' : `${ms.toFixed(1)} ms`;
}
