import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';

// The integrator page (#/integrator): the WSDLs and XSDs of the SOAP listener, a request signed with a test key of the
// development PKI (and sent to a chosen endpoint), and a contract suite run against a chosen endpoint. The endpoints
// are the gateway's own channels and the provider URLs of services.yaml, as GET /admin/integrator/endpoints lists them.
// Every call is an admin API route under /admin/integrator/ (docs/admin-api.md).

/** A random UUID; crypto.randomUUID exists only in secure contexts (https or localhost). */
function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const hex = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A SendMessage to the shipped echo service, as the builder's starting text (the development member and password). */
function sample() {
  return `<ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types">
  <request>
    <requestInfo>
      <messageId>${uuid()}</messageId>
      <serviceId>TEST_SERVICE_ID</serviceId>
      <messageDate>${new Date().toISOString()}</messageDate>
      <sender><senderId>dev-client</senderId><password>changeit</password></sender>
    </requestInfo>
    <requestData>
      <data><ping xmlns="urn:example">hello from the console</ping></data>
    </requestData>
  </request>
</ns2:SendMessage>`;
}

/** The document's address as the browser reaches it: a listener on 0.0.0.0 or :: is reached by this page's host. */
function reachable(url) {
  const address = new URL(url);
  if (address.hostname === '0.0.0.0' || address.hostname === '[::]') address.hostname = location.hostname;
  return address.toString();
}

function contractSection(h, contract) {
  return h('section', { id: 'contract-documents' },
    h('h2', {}, t('contractDocuments')),
    h('p', { class: 'hint' }, `${t('soapBase')}: ${contract.soapBase}`),
    h('table', { id: 'wsdl-documents' },
      h('thead', {}, h('tr', {}, [t('kind'), t('document'), t('address')].map((label) => h('th', {}, label)))),
      h('tbody', {}, contract.documents.map((document) => h('tr', { 'data-kind': document.kind },
        h('td', {}, document.kind.toUpperCase()),
        h('td', {}, h('a', { href: reachable(document.url), download: document.name, class: 'document' }, document.name)),
        h('td', { class: 'mono' }, document.url, document.problem ? h('span', { class: 'error' }, ` ${document.problem}`) : null))))));
}

/**
 * A select of the endpoints: the gateway's channels (their path as value, /bip-sync/ selected) and the provider systems
 * (their URL as value), in two groups.
 */
function endpointSelect(h, id, endpoints) {
  const option = (endpoint, value) => h('option', { value, selected: endpoint.url === endpoints.default },
    `${endpoint.label} — ${value}`);
  const own = endpoints.endpoints.filter((endpoint) => endpoint.kind === 'gateway');
  const providers = endpoints.endpoints.filter((endpoint) => endpoint.kind !== 'gateway');
  return h('select', { id },
    h('optgroup', { label: t('endpointsGateway') }, own.map((endpoint) => option(endpoint, new URL(endpoint.url).pathname))),
    providers.length ? h('optgroup', { label: t('endpointsProviders') }, providers.map((endpoint) => option(endpoint, endpoint.url))) : null);
}

function builderSection({ h, problem, guarded }, keys, endpoints) {
  const xml = h('textarea', { id: 'sign-xml', rows: 14, class: 'mono', value: sample() });
  const key = h('select', { id: 'sign-key' }, keys.keys.map((name) => h('option', { value: name, selected: name === 'legal' }, name)));
  const dataKey = h('select', { id: 'sign-data-key' }, h('option', { value: '' }, t('none')),
    keys.keys.map((name) => h('option', { value: name }, name)));
  const endpoint = endpointSelect(h, 'sign-endpoint', endpoints);
  const output = h('div', { id: 'sign-output' });

  async function run(send) {
    output.replaceChildren(h('p', { class: 'hint' }, t('working')));
    const body = { xml: xml.value, key: key.value, dataKey: dataKey.value || undefined };
    if (send) body.endpoint = endpoint.value;
    try {
      const answer = await api(send ? 'integrator/send' : 'integrator/sign', { method: 'POST', body });
      output.replaceChildren(
        h('h3', {}, t('signedEnvelope')), h('pre', { id: 'signed-envelope' }, answer.envelope),
        send ? h('h3', {}, `${t('answer')}: HTTP `, h('span', { id: 'send-status' }, answer.status), ` (${answer.endpoint})`) : null,
        send ? h('pre', { id: 'send-answer' }, answer.answer) : null);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401) throw error;
      output.replaceChildren(problem(error));
    }
  }

  return h('section', { id: 'builder' },
    h('h2', {}, t('requestBuilder')),
    keys.developmentPki ? null : h('p', { class: 'error', role: 'alert' }, t('noDevelopmentPki')),
    h('p', { class: 'hint' }, t('builderHint')),
    h('div', { class: 'field' }, h('label', { for: 'sign-xml' }, t('requestXml')), xml),
    h('div', { class: 'filters' },
      h('label', {}, t('signingKey'), key), h('label', {}, t('dataKey'), dataKey), h('label', {}, t('endpoint'), endpoint),
      h('button', { id: 'sign', type: 'button', onclick: () => guarded(() => run(false)) }, t('sign')),
      h('button', { id: 'send', type: 'button', onclick: () => guarded(() => run(true)) }, t('signAndSend'))),
    output);
}

/** Reads the files the suite names from a chosen folder: each keeps its path inside that folder. */
async function folderFiles(input) {
  const files = {};
  for (const file of input.files) {
    const relative = (file.webkitRelativePath || file.name).split('/').slice(file.webkitRelativePath ? 1 : 0).join('/');
    files[relative] = await file.text();
  }
  return files;
}

function runnerSection({ h, problem, guarded }, endpoints) {
  const yaml = h('textarea', { id: 'suite-yaml', rows: 12, class: 'mono', placeholder: 'suite: …' });
  const suiteFile = h('input', { id: 'suite-file', type: 'file', accept: '.yaml,.yml',
    onchange: async () => { if (suiteFile.files[0]) yaml.value = await suiteFile.files[0].text(); } });
  const folder = h('input', { id: 'suite-folder', type: 'file', multiple: true, webkitdirectory: true });
  const endpoint = endpointSelect(h, 'suite-endpoint', endpoints);
  const results = h('div', { id: 'contract-results' });

  async function run() {
    results.replaceChildren(h('p', { class: 'hint' }, t('working')));
    try {
      const run = await api('integrator/contract-run', { method: 'POST',
        body: { suite: yaml.value, files: await folderFiles(folder), endpoint: endpoint.value } });
      results.replaceChildren(
        h('p', { id: 'contract-summary', class: run.failed === 0 ? 'ok' : 'error' },
          `${run.suite}: ${run.passed} ${t('passed')}, ${run.failed} ${t('failed')}`),
        h('table', { id: 'contract-steps' },
          h('thead', {}, h('tr', {}, [t('testCase'), t('step'), 'HTTP', t('result'), t('failure')].map((label) => h('th', {}, label)))),
          h('tbody', {}, run.cases.flatMap((testCase) => testCase.steps.map((step) => h('tr', { class: step.passed ? 'passed' : 'failed' },
            h('td', {}, testCase.name), h('td', {}, `${step.name} (${t('line')} ${step.line})`), h('td', {}, step.status),
            h('td', {}, step.passed ? t('passed') : t('failed')), h('td', {}, step.failure)))))));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401) throw error;
      results.replaceChildren(problem(error));
    }
  }

  return h('section', { id: 'runner' },
    h('h2', {}, t('contractRunner')),
    h('p', { class: 'hint' }, t('runnerHint')),
    h('div', { class: 'filters' }, h('label', {}, t('suiteFile'), suiteFile), h('label', {}, t('suiteFolder'), folder),
      h('label', {}, t('endpoint'), endpoint)),
    h('div', { class: 'field' }, h('label', { for: 'suite-yaml' }, t('suiteYaml')), yaml),
    h('button', { id: 'run-suite', type: 'button', onclick: () => guarded(run) }, t('runSuite')),
    results);
}

/** Shows the page; h, show, problem and guarded are the console's own helpers (main.js). */
export async function integratorPage(helpers) {
  const { h, show } = helpers;
  const [contract, keys, endpoints] = await Promise.all([api('integrator/contract'), api('integrator/keys'),
    api('integrator/endpoints')]);
  show(h('h1', {}, t('integrator')),
    contractSection(h, contract),
    builderSection(helpers, keys, endpoints),
    runnerSection(helpers, endpoints));
}
