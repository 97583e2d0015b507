// Browser test of the operator console (docs/console.md), run by ConsoleBrowserTest against a running gateway:
// playwright-core drives Debian's chromium, headless. Prints one "ok <check>" line per check passed and exits 0,
// or prints "FAILED <check>: <why>" and exits 1 (2: usage, 3: no chromium). Screenshots go to --screenshots.
//
//   node run.mjs --admin=http://127.0.0.1:8081/ --gateway=http://127.0.0.1:8080/ --token=… --screenshots=DIR \
//     --session={…} --queue=qaqpa.async.delivery --dead-letter=MESSAGE_ID --member=dev-client \
//     --service=TEST_SERVICE_ID --error-code=SENDER_UNKNOWN
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.QAQPA_CHROMIUM ?? '/usr/bin/chromium';
const options = Object.fromEntries(process.argv.slice(2).map((arg) => {
  const match = /^--([a-z-]+)=(.*)$/s.exec(arg);
  if (!match) usage(`not an option: ${arg}`);
  return [match[1], match[2]];
}));
for (const name of ['admin', 'gateway', 'token', 'screenshots', 'session', 'queue', 'dead-letter', 'member', 'service',
  'error-code']) {
  if (!options[name]) usage(`--${name}= is missing`);
}
if (!existsSync(CHROMIUM)) {
  console.error(`FAILED chromium: no browser at ${CHROMIUM} (apt-get install chromium; .ci/run does)`);
  process.exit(3);
}
mkdirSync(options.screenshots, { recursive: true });

function usage(message) {
  console.error(`usage: ${message}`);
  process.exit(2);
}

const TIMEOUT = 20_000;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
context.setDefaultTimeout(TIMEOUT);
const page = await context.newPage();
const consoleUrl = new URL('console/', options.admin).toString();
let current = 'start';

async function check(name, body) {
  current = name;
  await body();
  await page.screenshot({ path: join(options.screenshots, `${name}.png`), fullPage: true });
  console.log(`ok ${name}`);
}

function expect(condition, why) {
  if (!condition) throw new Error(why);
}

/** On the log page: searches --session and waits until every row shown is of that session (not the unfiltered page). */
async function searchSession() {
  await page.locator('#log-rows').waitFor();
  await page.fill('#search-sessionId', options.session);
  await page.click('#search button[type=submit]');
  await page.waitForFunction((session) => {
    const rows = [...document.querySelectorAll('#log-rows tbody tr')];
    return rows.length > 0 && rows.every((row) => row.children[6].textContent === session);
  }, options.session);
}

try {
  await check('gateway-port-shows-no-data', async () => {
    const response = await page.goto(new URL('console/', options.gateway).toString());
    expect(response.ok(), `HTTP ${response.status()} for the console on the gateway port`);
    await page.locator('#not-here').waitFor();
    const link = await page.locator('#admin-console').getAttribute('href');
    expect(link === consoleUrl, `the link to the admin console is ${link}, not ${consoleUrl}`);
    expect(await page.locator('#login, table').count() === 0, 'the gateway port shows a login or a table');
  });

  await check('without-token-shows-login-only', async () => {
    await page.goto(`${consoleUrl}#/members`);
    await page.locator('#login').waitFor();
    expect(await page.locator('table').count() === 0, 'a table is shown without a token');
    expect(!(await page.content()).includes(options.member), `member ${options.member} is shown without a token`);
  });

  await check('wrong-token-refused', async () => {
    await page.fill('#token', `${options.token}-wrong`);
    await page.click('#login button[type=submit]');
    await page.locator('#login .error').waitFor();
    expect(await page.locator('table').count() === 0, 'a table is shown after a wrong token');
  });

  await check('login', async () => {
    await page.goto(`${consoleUrl}#/log`);
    await page.fill('#token', options.token);
    await page.click('#login button[type=submit]');
    await page.locator('#log-rows').waitFor();
  });

  await check('log-search-by-session', async () => {
    await searchSession();
  });

  await check('log-detail', async () => {
    await page.locator('#log-rows tbody tr a.detail').first().click();
    await page.locator('#entry').waitFor();
    const session = await page.locator('#entry dd[data-key=sessionId]').textContent();
    expect(session === options.session, `the detail shows session ${session}`);
    expect(await page.locator('#exchange tr').count() > 0, 'the detail shows no exchange');
  });

  await check('redeliver-dead-letter', async () => {
    await page.goto(`${consoleUrl}#/queues`);
    await page.locator(`#queues tr[data-queue="${options.queue}"] button.show-dead-letters`).click();
    const row = page.locator(`#dead-letters tr[data-message-id="${options['dead-letter']}"]`);
    await row.locator('button.redeliver').click();
    await row.getByText('ON_DELIVERY').waitFor();
  });

  await check('member-invalid-certificate', async () => {
    await page.goto(`${consoleUrl}#/members`);
    await page.locator(`#members tr[data-id="${options.member}"] a.edit`).click();
    await page.locator('#member-form').waitFor();
    expect(!(await page.locator('main').innerText()).includes('null'), 'the member page shows a "null"');
    await page.fill('#field-certificates', '/nonexistent/console-e2e/none.pem');
    await page.click('#member-form button[type=submit]');
    const error = page.locator('#error-certificates');
    await error.getByText('file not found').waitFor();
    expect((await error.textContent()).includes('INVALID_DEFINITION'), `the error reads ${await error.textContent()}`);
  });

  await check('logout', async () => {
    await page.click('#logout');
    await page.locator('#login').waitFor();
    await page.reload();
    await page.locator('#login').waitFor();
  });

  await integratorChecks();
  await dashboardChecks();
  await servicesChecks();
  await trustAndKeysChecks();
  await languageChecks();
  await historyChecks();
  await timelineChecks();
  await crlAndCreationChecks();
  await signatureChecks();
  await applicationsChecks();
  await integratorEndpointChecks();
  console.log('console-e2e: all checks passed');
} catch (error) {
  console.error(`FAILED ${current}: ${error.message.split('\n')[0]}`);
  await page.screenshot({ path: join(options.screenshots, `FAILED-${current}.png`), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}

// The dashboard, services, trust and keys pages and the labels (second slice of issue 12).

async function dashboardChecks() {
  await check('login-lands-on-dashboard', async () => {
    await page.goto(consoleUrl);
    await page.fill('#token', options.token);
    await page.click('#login button[type=submit]');
    await page.locator('#traffic').waitFor();
    expect(new URL(page.url()).hash === '#/dashboard', `after the login the page is ${page.url()}`);
  });

  await check('dashboard-errors-by-code', async () => {
    const row = page.locator(`#errors tr[data-code="${options['error-code']}"]`);
    await row.waitFor();
    const count = Number(await row.locator('td').nth(1).textContent());
    expect(count > 0, `${options['error-code']} is counted ${count} times`);
    expect(await page.locator('svg.chart').count() >= 2, 'the dashboard draws no charts');
    expect(await page.locator('#certificates tbody tr').count() > 0, 'no certificate is listed');
    expect(!(await page.locator('main').innerText()).includes('null'), 'the dashboard shows a "null"');
  });
}

async function servicesChecks() {
  await check('services-list', async () => {
    await page.click('nav a[href="#/services"]');
    await page.locator(`#services tr[data-id="${options.service}"]`).waitFor();
  });

  await check('service-disable-enable', async () => {
    const row = () => page.locator(`#services tr[data-id="${options.service}"]`);
    await row().locator('button.disable').click();
    await row().locator('button.enable').waitFor();
    expect((await row().locator('td').nth(4).textContent()) !== '', 'the disabled service is not marked');
    await row().locator('button.enable').click();
    await row().locator('button.disable').waitFor();
  });

  await check('service-invalid-definition', async () => {
    await page.locator(`#services tr[data-id="${options.service}"] a.edit`).click();
    await page.locator('#service-form').waitFor();
    await page.fill('#field-timeout', 'soon');
    await page.click('#service-form button[type=submit]');
    await page.locator('#error-timeout').getByText('INVALID_DEFINITION').waitFor();
  });
}

async function trustAndKeysChecks() {
  await check('trust-anchors', async () => {
    await page.goto(`${consoleUrl}#/trust`);
    await page.locator('#anchors tbody tr').first().waitFor();
    const days = Number(await page.locator('#anchors tbody tr td').nth(3).textContent());
    expect(Number.isInteger(days), `days to expiry reads ${days}`);
  });

  await check('keys', async () => {
    await page.goto(`${consoleUrl}#/keys`);
    await page.locator('#current-key dd[data-key=serial]').waitFor();
  });
}

async function languageChecks() {
  await check('language-kk', async () => {
    const log = page.locator('nav a[href="#/log"]');
    const english = await log.textContent();
    await page.selectOption('#language', 'kk');
    await page.waitForFunction((before) => document.querySelector('nav a[href="#/log"]').textContent !== before, english);
    const kazakh = await log.textContent();
    expect(kazakh === 'Хабарлар журналы', `the log link reads ${kazakh} in kk`);
    await page.selectOption('#language', 'en');
  });
}

// The integrator page (docs/console.md "Integrator page"): log in again, see the WSDL and XSD links of the SOAP
// listener, then sign a SendMessage with the development PKI's legal-entity key, send it to the echo service through
// /bip-sync/ and see the answer carry the payload.
async function integratorChecks() {
  await check('integrator-wsdl-links', async () => {
    await page.goto(`${consoleUrl}#/integrator`);
    await page.fill('#token', options.token);
    await page.click('#login button[type=submit]');
    await page.locator('#wsdl-documents').waitFor();
    const sync = new URL('bip-sync/?wsdl', options.gateway).toString();
    expect(await page.locator(`#wsdl-documents a.document[href="${sync}"]`).count() === 1, `no link to ${sync}`);
    expect(await page.locator('#wsdl-documents tr[data-kind=xsd]').count() > 0, 'no XSD listed');
  });

  await check('integrator-signed-request', async () => {
    const payload = `console-e2e-${Date.now()}`;
    const xml = await page.inputValue('#sign-xml');
    expect(xml.includes('hello from the console'), 'the builder holds no sample SendMessage');
    await page.fill('#sign-xml', xml.replace('hello from the console', payload));
    await page.selectOption('#sign-key', 'legal');
    await page.selectOption('#sign-endpoint', '/bip-sync/');
    await page.click('#send');
    await page.locator('#send-answer').getByText(payload).waitFor();
    const status = await page.locator('#send-status').textContent();
    expect(status === '200', `the answer's HTTP status is ${status}`);
    expect((await page.locator('#signed-envelope').textContent()).includes('wsse:Security'), 'the envelope shown is not signed');
    expect((await page.locator('#send-answer').textContent()).includes('SendMessageResponse'), 'the answer is no SendMessageResponse');
  });

  await check('integrator-contract-run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'qaqpa-console-suite-'));
    mkdirSync(join(folder, 'requests'));
    writeFileSync(join(folder, 'requests', 'ping.xml'), `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Body><ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><request>
    <requestInfo><messageId>\${messageId}</messageId><serviceId>TEST_SERVICE_ID</serviceId>
      <messageDate>\${messageDate}</messageDate><sender><senderId>dev-client</senderId><password>changeit</password></sender>
    </requestInfo>
    <requestData><data><ping xmlns="urn:console-e2e">console-e2e-suite</ping></data></requestData>
  </request></ns2:SendMessage></soapenv:Body>
</soapenv:Envelope>`);
    await page.fill('#suite-yaml', `suite: Console e2e
properties:
  messageDate: \${now}
test-cases:
  - name: the echo service answers
    steps:
      - endpoint: /bip-sync/
        set:
          messageId: \${uuid}
        request: requests/ping.xml
        assertions:
          - status: 200
          - contains: console-e2e-suite
  - name: a wrong expectation fails
    steps:
      - endpoint: /bip-sync/
        set:
          messageId: \${uuid}
        request: requests/ping.xml
        assertions:
          - status: 418
`);
    await page.setInputFiles('#suite-folder', folder);
    await page.click('#run-suite');
    await page.locator('#contract-summary').getByText('1 passed, 1 failed').waitFor();
    expect(await page.locator('#contract-steps tr.passed').count() === 1, 'not one passed step');
    expect((await page.locator('#contract-steps tr.failed').textContent()).includes('expected HTTP 418'),
      'the failed step does not say what was expected');
    // Logged out again: the dashboard checks log in from the login form.
    await page.click('#logout');
    await page.locator('#token').waitFor();
  });
}

// The dashboard's charts over time (issue 12, pages/history.js): the gateway under test samples every second
// (AdminGateway), so the charts are there at once; the page asks again every interval, and stops when left.
async function historyChecks() {
  await check('dashboard-traffic-over-time', async () => {
    await page.goto(`${consoleUrl}#/dashboard`);
    const traffic = page.locator('#chart-traffic svg.time-chart');
    await traffic.waitFor();
    expect(await traffic.locator('polygon.chart-area').count() === 2, 'the traffic chart has no answered and refused areas');
    expect(await traffic.locator('text.chart-time').count() >= 2, 'the traffic chart has no time labels');
    for (const id of ['chart-latency', 'chart-queues', 'chart-refusals']) {
      expect(await page.locator(`#${id}`).count() === 1, `the dashboard has no #${id}`);
    }
    const before = await page.locator('#history').getAttribute('data-last');
    await page.waitForFunction((last) => document.querySelector('#history')?.dataset.last !== last, before);
  });

  await check('dashboard-refresh-stops-on-leave', async () => {
    await page.click('nav a[href="#/services"]');
    await page.locator('#traffic').waitFor({ state: 'detached' });
    // counted from here: a refresh already asked for before the click finds the page gone and draws nothing
    let asked = 0;
    page.on('request', (request) => { if (request.url().includes('/admin/summary')) asked += 1; });
    const history = await fetch(new URL('admin/summary/history', options.admin),
      { headers: { Authorization: `Bearer ${options.token}` } }).then((response) => response.json());
    await page.waitForTimeout(history.intervalMs * 2.5); // two refreshes would have come by now

    expect(asked === 0, `the dashboard asked the API ${asked} times after the page changed`);
    expect(await page.locator('#history').count() === 0, 'the dashboard came back after the page changed');
  });
}

// The log detail's "Timeline across nodes" (docs/console.md): this test's gateway has no admin.peers, so the section
// shows this node's rows of the exchange only, each linking to its detail, and says that no other node is configured
// (TimelineAcrossNodesTest drives the API with two nodes).
async function timelineChecks() {
  await check('log-detail-timeline', async () => {
    await page.goto(`${consoleUrl}#/log`);
    await searchSession();
    await page.locator('#log-rows tbody tr a.detail').first().click();
    await page.locator('#timeline tbody tr').first().waitFor();
    const rows = await page.locator('#timeline tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      local: tr.dataset.local, offset: tr.children[1].textContent, link: tr.querySelector('a')?.getAttribute('href') })));
    const exchange = await page.locator('#exchange tr').count();
    expect(rows.length === exchange, `the timeline shows ${rows.length} rows, the exchange ${exchange}`);
    expect(rows.every((row) => row.local === 'true' && /^#\/log\/\d+$/.test(row.link ?? '')),
      `a timeline row is not this node's or links nowhere: ${JSON.stringify(rows)}`);
    expect(rows[0].offset === '+0 ms', `the first row's offset reads ${rows[0].offset}`);
    expect(await page.locator('#timeline-section svg.timeline-bar').count() === rows.length, 'a row has no bar');
    expect(await page.locator('#timeline-problems').count() === 0, 'problems are shown without peers');
    expect((await page.locator('#timeline-section').innerText()).includes('admin.peers'), 'no word that no peer is configured');
  });
}

// The CRLs page and new registry entries (issue 12, CRL and creation part): the development PKI's CRL is listed; a
// CRL file made by the Java test (--crl-file, overdue: its nextUpdate has passed) is uploaded, listed shaded red
// with its entries, and removed; a new member with a certificate path that does not exist shows the error under
// Certificates, the same member with IIN and BIN is created and listed, and its id again is refused under the id.
async function crlAndCreationChecks() {
  for (const name of ['crl-file', 'password-hash']) {
    if (!options[name]) throw new Error(`--${name}= is missing`);
  }
  await check('crl-list-upload-remove', async () => {
    await page.goto(`${consoleUrl}#/crls`);
    await page.locator('#crls tr[data-origin="development-pki"]').first().waitFor();
    await page.fill('#crl-name', 'ui-overdue.crl');
    await page.setInputFiles('#crl-file', options['crl-file']);
    await page.click('#crl-form button[type=submit]');
    const row = page.locator('#crls tr[data-name="ui-overdue.crl"]');
    await row.waitFor();
    await page.locator('#crl-outcome').getByText('ui-overdue.crl').waitFor();
    expect((await row.getAttribute('class')) === 'expired', 'the overdue CRL is not shaded');
    expect((await row.locator('td.revoked').textContent()).startsWith('1'), 'the CRL does not show its one entry');
    expect((await row.locator('td').nth(5).textContent()).length > 0, 'no origin shown');
    await page.screenshot({ path: join(options.screenshots, 'crl-uploaded.png'), fullPage: true });
    page.once('dialog', (dialog) => dialog.accept());
    await row.locator('button.remove').click();
    await row.waitFor({ state: 'detached' });
    expect(await page.locator('#crls tr[data-origin="development-pki"]').count() > 0, 'the PKI CRL is gone too');
  });

  const id = 'ui-created-member';
  await check('member-create-invalid', async () => {
    await page.goto(`${consoleUrl}#/members`);
    await page.click('#new-members');
    await page.locator('#member-form #field-id').waitFor();
    await page.fill('#field-id', id);
    await page.fill('#field-password-hash', options['password-hash']);
    await page.fill('#field-certificates', '/nonexistent/ui-created/none.pem');
    await page.fill('#field-services', 'TEST_SERVICE_ID');
    await page.click('#member-form button[type=submit]');
    await page.locator('#error-certificates').getByText('file not found').waitFor();
  });

  await check('member-create', async () => {
    await page.fill('#field-certificates', '');
    await page.fill('#field-iin', '123456789011');
    await page.fill('#field-bin', '123456789021');
    await page.click('#member-form button[type=submit]');
    await page.locator(`#members tr[data-id="${id}"]`).waitFor();
  });

  await check('member-create-duplicate', async () => {
    await page.click('#new-members');
    await page.locator('#member-form #field-id').waitFor();
    await page.fill('#field-id', id);
    await page.fill('#field-password-hash', options['password-hash']);
    await page.fill('#field-bin', '123456789021');
    await page.click('#member-form button[type=submit]');
    await page.locator('#error-senderId').getByText('CONFLICT').waitFor();
  });
}

// The signatures and envelopes of a log row (docs/console.md "Signatures and envelopes"): the signed request of
// --session shows a green transport-signature card with the legal entity's BIN, its envelope indented with a toggle
// back to the stored text, and the answer's envelope below.
async function signatureChecks() {
  await check('log-detail-signatures', async () => {
    await page.goto(`${consoleUrl}#/log`);
    await searchSession();
    const request = page.locator('#log-rows tbody tr', { has: page.locator('td:nth-child(3)', { hasText: /^REQUEST$/ }) });
    await request.locator('a.detail').first().click();
    const card = page.locator('#signatures .sig-row.current .sig-card[data-kind=transport]');
    await card.waitFor();
    expect(await card.evaluate((node) => node.classList.contains('ok')), 'the transport signature card is not green');
    const bin = await card.locator('dd[data-key=bin]').textContent();
    expect(bin === '123456789021', `the card shows BIN ${bin}`);
    const chain = await card.locator('dd[data-key=chain]').textContent();
    expect(chain.startsWith('trusted'), `the chain reads ${chain}`);
    const pretty = await page.locator('#envelope').textContent();
    expect(pretty.split('\n').length > 10 && pretty.includes('\n  <'), 'the envelope is not indented');
    await page.click('.envelope-view:has(#envelope) .envelope-toggle');
    const raw = await page.locator('#envelope').textContent();
    expect(raw !== pretty && raw.includes('wsse:Security'), 'the toggle does not show the stored envelope');
    await page.locator('#answer-envelope-text').waitFor();
  });
}

// The applications page and the SLA breaches (docs/console.md "Applications"): the application the test sent through
// the gateway (--application=its chain's messageId) is listed, its timeline opens as bars and its sessionId leads to
// the message log; the dashboard's SLA section; a service's sla that is no duration refused at its field.

async function applicationsChecks() {
  await check('applications-timeline', async () => {
    expect(options.application, '--application= is missing');
    await page.goto(`${consoleUrl}#/applications`);
    await page.locator('#applications tr.application').first().waitFor();
    const row = page.locator('#applications tr.application', { hasText: 'FILM_CERT' }).first();
    await row.click();
    await page.locator('#step-timeline svg.timeline').waitFor();
    const steps = await page.locator('#step-timeline g.timeline-step').count();
    expect(steps >= 1, `the timeline has ${steps} steps`);
    expect((await page.locator('#step-timeline').innerText()).includes(options.application),
      `the timeline's application is not the chain ${options.application}`);
    await page.screenshot({ path: join(options.screenshots, 'applications-timeline-open.png'), fullPage: true });
    const link = page.locator('#session-link');
    const sessionId = await link.textContent();
    await link.click();
    await page.locator('#log-rows tbody tr').first().waitFor();
    const filled = await page.inputValue('#search-sessionId');
    expect(filled === sessionId, `the log search holds ${filled}, not the application's session ${sessionId}`);
  });

  await check('dashboard-sla-breaches', async () => {
    await page.goto(`${consoleUrl}#/dashboard`);
    await page.locator('#sla-breaches svg.chart').first().waitFor();
    const text = await page.locator('#sla-breaches').innerText();
    expect(text.includes('FILM_CERT_APPLICATION (1m)'), 'the SLA section does not show FILM_CERT_APPLICATION with its sla');
    expect(await page.locator('#sla-breaches svg.chart').count() === 2, 'no chart of the regulation steps');
  });

  await check('service-invalid-sla', async () => {
    await page.goto(`${consoleUrl}#/services/${encodeURIComponent(options.service)}`);
    await page.locator('#service-form').waitFor();
    await page.fill('#field-sla', 'soon');
    await page.click('#service-form button[type=submit]');
    await page.locator('#error-sla').getByText('INVALID_DEFINITION').waitFor();
  });
}

// The integrator page's chosen endpoint (docs/console.md "Integrator page"): both selects default to /bip-sync/ and
// offer the registered provider systems; a suite run against the sandbox echo's URL passes with steps that name no
// endpoint.
async function integratorEndpointChecks() {
  await check('integrator-endpoint-provider-run', async () => {
    await page.goto(`${consoleUrl}#/integrator`);
    await page.locator('#suite-endpoint').waitFor();
    for (const select of ['#sign-endpoint', '#suite-endpoint']) {
      const chosen = await page.inputValue(select);
      expect(chosen === '/bip-sync/', `${select} starts on ${chosen}, not /bip-sync/`);
    }
    const echo = await page.locator('#suite-endpoint option[value$="/sandbox/echo"]').getAttribute('value');
    expect(echo && echo.startsWith('http'), 'no provider option for the sandbox echo');
    const folder = mkdtempSync(join(tmpdir(), 'qaqpa-console-provider-suite-'));
    writeFileSync(join(folder, 'ping.xml'), `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Body><ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><request>
    <requestInfo><messageId>\${uuid}</messageId><serviceId>TEST_SERVICE_ID</serviceId>
      <messageDate>\${now}</messageDate><sender><senderId>dev-client</senderId><password>changeit</password></sender>
    </requestInfo>
    <requestData><data><ping xmlns="urn:console-e2e">console-e2e-provider</ping></data></requestData>
  </request></ns2:SendMessage></soapenv:Body>
</soapenv:Envelope>`);
    await page.fill('#suite-yaml', `suite: Console provider e2e
test-cases:
  - name: the echo provider answers directly
    steps:
      - request: ping.xml
        assertions:
          - status: 200
          - contains: console-e2e-provider
`);
    await page.setInputFiles('#suite-folder', folder);
    await page.selectOption('#suite-endpoint', echo);
    await page.click('#run-suite');
    await page.locator('#contract-summary').getByText('1 passed, 0 failed').waitFor();
  });
}
