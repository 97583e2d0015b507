// Every label of the console, by language. English is the default and the one complete set; a language
// missing a key falls back to English, so kk and ru can be filled in key by key.
export const labels = {
  en: {
    title: 'Qaqpa console',
    login: 'Log in',
    logout: 'Log out',
    token: 'Admin token',
    tokenHint: 'The value of QAQPA_ADMIN_TOKEN on the gateway. It is kept in this browser tab only.',
    wrongToken: 'The gateway refused this token.',
    notHere: 'The console works on the admin listener only; the admin API is not served on this port.',
    openAdmin: 'Open the console on the admin listener',
    adminOff: 'The admin API is off on this gateway (no QAQPA_ADMIN_TOKEN): the console has nothing to show.',
    log: 'Message log',
    members: 'Members',
    queues: 'Queues',
    sender: 'Sender',
    service: 'Service',
    sessionId: 'Session ID',
    errorCode: 'Error code',
    from: 'From',
    to: 'To',
    search: 'Search',
    more: 'Next page',
    noRows: 'No rows.',
    loggedAt: 'Logged at',
    kind: 'Kind',
    channel: 'Channel',
    messageId: 'Message ID',
    status: 'Status',
    size: 'Size',
    details: 'Details',
    back: 'Back',
    envelope: 'Envelope',
    noEnvelope: 'No stored envelope (log.store is metadata, or retention deleted it).',
    exchange: 'Exchange',
    senderId: 'Sender ID',
    definition: 'Definition',
    edit: 'Edit',
    save: 'Save',
    saved: 'Saved.',
    cancel: 'Cancel',
    registered: 'Loaded',
    disabled: 'Disabled',
    yes: 'yes',
    no: 'no',
    passwordHash: 'Password hash',
    iin: 'IIN',
    bin: 'BIN',
    certificates: 'Certificates (one path a line)',
    services: 'Services (one ID a line)',
    rateLimit: 'Rate limit (requests/s)',
    otherKeys: 'Other keys (JSON)',
    badJson: 'Not a JSON object.',
    queue: 'Queue',
    depth: 'Depth',
    deadLetterQueue: 'Dead-letter queue',
    deadLetters: 'Dead letters',
    show: 'Show',
    state: 'State',
    attempts: 'Attempts',
    since: 'Since',
    lastError: 'Last error',
    redeliver: 'Redeliver',
    redelivered: 'Redelivered',
    error: 'Error',
    language: 'Language',
  },
  kk: { language: 'Тіл' },
  ru: { language: 'Язык' },
};

const languages = Object.keys(labels);

export function language() {
  const chosen = localStorage.getItem('qaqpa.console.language');
  return languages.includes(chosen) ? chosen : 'en';
}

export function setLanguage(code) {
  localStorage.setItem('qaqpa.console.language', code);
}

export function t(key) {
  return labels[language()][key] ?? labels.en[key] ?? key;
}

export { languages };
