/**
 * Tester round 6, A9, as the agent console receives it: a step checked with an answer reads
 * "checked: …" (not "skipped"), other answers follow the outcome, the person's other lines about
 * the problem come as `said`; a ticket stored before these existed comes in the shape it always had.
 */
import type { TicketStore } from '../../src/handoff/ticketStore';
import type { Ticket } from '../../src/handoff/agentHub';
import type { ConsoleClient, ConsoleServer } from './consoleServer';
import { startTicketConsole } from './ticketConsole';

describe('agent console: step answers and lines said (HTTP, real hub)', () => {
  let srv: ConsoleServer;
  let alice: ConsoleClient;
  let tickets: TicketStore;

  beforeEach(async () => {
    ({ srv, alice, tickets } = await startTicketConsole());
  });
  afterEach(async () => srv.close());

  const base = { conversationId: 'conv-1', message: 'm', contact: 'p@example.com', createdAt: '2026-03-01T08:00:00.000Z', status: 'open', channelId: 'webchat' } as const;

  test('"plenty of space" reads "checked: …", Wi-Fi follows the outcome, the lines said are there', async () => {
    const t: Ticket = {
      ...base,
      id: 'T-0001',
      summary: {
        oneLine: 'photos · 1',
        steps: [
          { playbook: 'photos-not-syncing', step: 'storage', outcome: 'skipped', answer: "No, there's plenty of space" },
          { playbook: 'photos-not-syncing', step: 'network', outcome: 'not-fixed', answer: 'Wi-Fi' },
        ],
        said: ['the code goes to my old phone which is broken'],
      },
    };
    await tickets.create(t);
    const res = await alice.request('GET', '/api/agent/tickets');
    const summary = res.body.tickets[0].summary;
    expect(summary.steps.map((s: { label: string }) => s.label)).toEqual(["checked: No, there's plenty of space", "didn't help (answered: Wi-Fi)"]);
    expect(summary.steps[1].answer).toBe('Wi-Fi');
    expect(summary.said).toEqual(['the code goes to my old phone which is broken']);
  });

  test('an old ticket (no answers, no lines said) comes in the shape it always had', async () => {
    await tickets.create({ ...base, id: 'T-0002', summary: { oneLine: 'photos · 2', steps: [{ playbook: 'photos', step: 'storage', outcome: 'skipped' }] } });
    const res = await alice.request('GET', '/api/agent/tickets');
    const summary = res.body.tickets[0].summary;
    expect(summary.steps).toEqual([{ playbook: 'photos', step: 'storage', outcome: 'skipped', label: 'skipped' }]);
    expect(summary).not.toHaveProperty('said');
  });
});
