// Queues (#/queues): depth and dead letters per delivery queue, and redelivery of one dead letter, over
// /admin/queues.
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';

export async function queuesPage(ui) {
  const { h, show, guarded, problem } = ui;
  const answer = await api('queues');
  const letters = h('section', { id: 'dead-letters' });

  async function deadLetters(queue) {
    const list = await api(`queues/${encodeURIComponent(queue)}/dead-letters`);
    letters.replaceChildren(h('h2', {}, `${t('deadLetters')}: ${queue}`),
      list.deadLetters.length === 0 ? h('p', { class: 'hint' }, t('noRows')) : h('table', {},
        h('thead', {}, h('tr', {}, [t('messageId'), t('sender'), t('service'), t('state'), t('attempts'), t('since'),
          t('lastError'), ''].map((l) => h('th', {}, l)))),
        h('tbody', {}, list.deadLetters.map((letter) => {
          const cell = h('td');
          const button = h('button', { type: 'button', class: 'redeliver', onclick: () => guarded(async () => {
            button.disabled = true;
            try {
              const done = await api(`queues/${encodeURIComponent(queue)}/redeliver`, { method: 'POST',
                body: { messageId: letter.messageId, senderId: letter.senderId ?? undefined } });
              cell.replaceChildren(h('span', { class: 'ok' }, `${t('redelivered')}: ${done.state}`));
            } catch (error) {
              if (!(error instanceof ApiError) || error.status === 401) throw error;
              button.disabled = false;
              cell.append(problem(error));
            }
          }) }, t('redeliver'));
          cell.append(button);
          return h('tr', { 'data-message-id': letter.messageId }, h('td', { class: 'mono' }, letter.messageId),
            h('td', {}, letter.senderId), h('td', {}, letter.serviceId), h('td', {}, letter.state),
            h('td', {}, letter.attempts), h('td', {}, letter.since), h('td', {}, letter.lastError), cell);
        }))));
  }

  show(h('h1', {}, t('queues')),
    h('table', { id: 'queues' },
      h('thead', {}, h('tr', {}, [t('queue'), t('depth'), t('deadLetterQueue'), t('deadLetters'), ''].map((l) => h('th', {}, l)))),
      h('tbody', {}, answer.queues.map((queue) => h('tr', { 'data-queue': queue.name },
        h('td', {}, queue.name), h('td', {}, queue.depth), h('td', {}, queue.deadLetterQueue), h('td', {}, queue.deadLetters),
        h('td', {}, h('button', { type: 'button', class: 'show-dead-letters',
          onclick: () => guarded(() => deadLetters(queue.name)) }, t('show'))))))),
    letters);
}
