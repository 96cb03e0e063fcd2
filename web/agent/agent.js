// Resync agent console. Plain DOM: text from people and agents is only ever set with
// textContent (the page's CSP also forbids innerHTML-style sinks through Trusted Types).
(function () {
  'use strict';

  var API = '/api/agent';
  var QUEUE_REFRESH_MS = 2000;
  var LONG_POLL_SECONDS = 20;
  var TICKET_PAGE = 50;

  var state = {
    agent: null,
    csrf: null,
    selected: null, // { kind: 'conversation' | 'ticket', id }
    conversation: null, // last detail answer
    lastMessageId: undefined,
    seenMessages: new Set(),
    poll: null, // AbortController of the live-chat long poll
    timer: null,
    tickets: [],
    // Which tickets the panel shows: open ones, or those done in one month (YYYY-MM, UTC).
    ticketView: {
      status: 'open',
      month: null, // null until the server names the current month
      currentMonth: null,
      next: null, // cursor of the next page
      extended: false, // more than the first page is shown: the periodic refresh leaves it alone
      switching: false, // the list was just switched (status or month) and its first page is on its way
      loading: false,
      request: 0,
    },
  };

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  // Durations come from the server's clock (waitSeconds, ageSeconds), not the browser's.
  function duration(seconds) {
    seconds = Math.max(0, Math.round(seconds || 0));
    if (seconds < 60) return seconds + ' s';
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) return minutes + ' min';
    var hours = Math.floor(minutes / 60);
    return hours + ' h ' + (minutes % 60) + ' min';
  }

  function clock(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  // --- HTTP -------------------------------------------------------------------------------------

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  function api(method, path, body, signal) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    return fetch(API + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: signal,
    }).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try {
          data = text ? JSON.parse(text) : null;
        } catch (e) {
          data = null;
        }
        if (res.ok) return data;
        var err = (data && data.error) || {};
        if (res.status === 401 && path !== '/login') signedOut();
        throw new ApiError(res.status, err.code || 'Error', err.message || 'Request failed (' + res.status + ').');
      });
    });
  }

  // --- sign-in ----------------------------------------------------------------------------------

  function signedIn(me) {
    state.agent = me.agent;
    state.csrf = me.csrfToken;
    $('agent-name').textContent = me.agent.name;
    show($('who'), true);
    show($('sign-in'), false);
    show($('console'), true);
    refresh();
    if (state.timer) clearInterval(state.timer);
    state.timer = setInterval(refresh, QUEUE_REFRESH_MS);
  }

  function signedOut() {
    state.agent = null;
    state.csrf = null;
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
    stopPoll();
    state.selected = null;
    show($('who'), false);
    show($('console'), false);
    show($('sign-in'), true);
    $('password').value = '';
  }

  function onSignIn(event) {
    event.preventDefault();
    var error = $('sign-in-error');
    show(error, false);
    $('sign-in-button').disabled = true;
    api('POST', '/login', { username: $('username').value, password: $('password').value })
      .then(function (me) {
        $('password').value = '';
        signedIn(me);
      })
      .catch(function (err) {
        error.textContent =
          err.status === 429
            ? err.message
            : err.status === 401
              ? 'That name and password do not match an agent account.'
              : err.message;
        show(error, true);
      })
      .then(function () {
        $('sign-in-button').disabled = false;
      });
  }

  function onSignOut() {
    api('POST', '/logout').catch(function () {}).then(signedOut);
  }

  // --- lists ------------------------------------------------------------------------------------

  function describe(summary) {
    var bits = [summary.intent, summary.device, summary.service].filter(Boolean);
    return bits.join(' · ');
  }

  function escalationItem(e, mine) {
    var li = el('li', 'item');
    var button = el('button', 'item-button');
    button.type = 'button';
    button.dataset.conversationId = e.conversationId;
    if (state.selected && state.selected.kind === 'conversation' && state.selected.id === e.conversationId) button.classList.add('selected');
    var top = el('div', 'item-top');
    top.appendChild(el('span', 'item-title', describe(e.summary) || 'Conversation'));
    top.appendChild(el('span', 'item-wait', mine ? 'since ' + clock(e.acceptedAt) : duration(e.waitSeconds)));
    button.appendChild(top);
    button.appendChild(el('span', 'item-line', e.summary.oneLine));
    button.addEventListener('click', function () {
      openConversation(e.conversationId);
    });
    li.appendChild(button);
    return li;
  }

  function ticketItem(t) {
    var li = el('li', 'item');
    var button = el('button', 'item-button');
    button.type = 'button';
    button.dataset.ticketId = t.id;
    if (state.selected && state.selected.kind === 'ticket' && state.selected.id === t.id) button.classList.add('selected');
    var top = el('div', 'item-top');
    top.appendChild(el('span', 'item-title', t.contact));
    top.appendChild(el('span', 'item-wait', duration(t.ageSeconds)));
    button.appendChild(top);
    button.appendChild(el('span', 'item-line', t.message));
    button.addEventListener('click', function () {
      openTicket(t.id);
    });
    li.appendChild(button);
    return li;
  }

  function fillList(listId, emptyId, countId, items, render) {
    var list = $(listId);
    list.replaceChildren.apply(list, items.map(render));
    show($(emptyId), items.length === 0);
    $(countId).textContent = String(items.length);
  }

  function refresh() {
    if (!state.agent) return;
    api('GET', '/queue')
      .then(function (data) {
        fillList('queue-list', 'queue-empty', 'queue-count', data.queue, function (e) {
          return escalationItem(e, false);
        });
        fillList('mine-list', 'mine-empty', 'mine-count', data.mine, function (e) {
          return escalationItem(e, true);
        });
        $('online-count').textContent = data.agentsOnline + ' online';
      })
      .catch(function () {});
    if (!state.ticketView.extended && !state.ticketView.loading) loadTickets(false);
  }

  // --- tickets list: open / done by month, a page at a time --------------------------------------

  function shiftMonth(month, delta) {
    var year = Number(month.slice(0, 4));
    var index = Number(month.slice(5, 7)) - 1 + delta;
    year += Math.floor(index / 12);
    index = ((index % 12) + 12) % 12;
    return String(year) + '-' + (index < 9 ? '0' : '') + String(index + 1);
  }

  function monthLabel(month) {
    var date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
    return date.toLocaleDateString([], { month: 'long', year: 'numeric', timeZone: 'UTC' });
  }

  function ticketPath(cursor) {
    var view = state.ticketView;
    var query = ['limit=' + TICKET_PAGE];
    if (view.status === 'done') {
      query.push('status=done');
      if (view.month) query.push('month=' + encodeURIComponent(view.month));
    }
    if (cursor) query.push('cursor=' + encodeURIComponent(cursor));
    return '/tickets?' + query.join('&');
  }

  function renderTicketControls() {
    var view = state.ticketView;
    var done = view.status === 'done';
    $('tickets-open').setAttribute('aria-pressed', String(!done));
    $('tickets-done').setAttribute('aria-pressed', String(done));
    show($('ticket-month-picker'), done);
    var label = $('ticket-month');
    label.dataset.month = view.month || '';
    label.textContent = view.month ? monthLabel(view.month) : '';
    $('ticket-month-next').disabled = !view.month || !view.currentMonth || view.month >= view.currentMonth;
    $('ticket-month-prev').disabled = !view.month;
    $('ticket-empty').textContent = done ? 'No messages were marked done in this month.' : 'No open messages.';
  }

  function renderTickets() {
    var view = state.ticketView;
    fillList('ticket-list', 'ticket-empty', 'ticket-count', state.tickets, ticketItem);
    // While a switched list loads, say nothing rather than "none".
    show($('ticket-empty'), state.tickets.length === 0 && !view.switching);
    $('ticket-count').textContent = view.switching ? '…' : String(state.tickets.length) + (view.next ? '+' : '');
    show($('ticket-more'), Boolean(view.next));
    renderTicketControls();
  }

  // The first page (more = false) or the next one; an answer to an older request is dropped.
  function loadTickets(more) {
    var view = state.ticketView;
    var token = ++view.request;
    view.loading = true;
    return api('GET', ticketPath(more ? view.next : null))
      .then(function (data) {
        if (token !== view.request) return;
        if (data.month) {
          view.month = data.month;
          if (!view.currentMonth) view.currentMonth = data.month;
        }
        state.tickets = more ? state.tickets.concat(data.tickets) : data.tickets;
        view.next = data.next;
        view.extended = more;
        view.switching = false;
        renderTickets();
      })
      .catch(function () {})
      .then(function () {
        if (token === view.request) view.loading = false;
      });
  }

  function showTickets(status, month) {
    var view = state.ticketView;
    view.status = status;
    if (month !== undefined) view.month = month;
    view.next = null;
    view.extended = false;
    view.switching = true;
    state.tickets = [];
    renderTickets();
    return loadTickets(false);
  }

  // --- one conversation -------------------------------------------------------------------------

  function notice(text) {
    var node = $('detail-notice');
    node.textContent = text || '';
    show(node, Boolean(text));
  }

  function recordRow(list, term, value) {
    if (value === null || value === undefined || value === '') return;
    list.appendChild(el('dt', null, term));
    list.appendChild(el('dd', null, value));
  }

  // The summary's steps, each with the server's wording for its outcome ("helped partly",
  // "checked: no outage"); an older server sends no label.
  function showSteps(list, empty, steps) {
    list.replaceChildren.apply(
      list,
      steps.map(function (s) {
        var li = el('li', 'step outcome-' + s.outcome);
        li.appendChild(el('span', 'step-name', s.playbook + ' › ' + s.step));
        li.appendChild(el('span', 'step-outcome', s.label || s.outcome));
        return li;
      }),
    );
    show(empty, steps.length === 0);
  }

  function messageItem(m) {
    var li = el('li', 'message from-' + m.from);
    var who = m.from === 'user' ? 'Person' : m.from === 'agent' ? m.agentName || 'Agent' : 'Resync';
    var meta = el('div', 'message-meta');
    meta.appendChild(el('span', 'message-who', who));
    meta.appendChild(el('span', 'message-at', clock(m.at)));
    li.appendChild(meta);
    li.appendChild(el('div', 'message-text', m.text));
    return li;
  }

  function addMessages(messages) {
    var list = $('messages');
    messages.forEach(function (m) {
      if (state.seenMessages.has(m.id)) return;
      state.seenMessages.add(m.id);
      list.appendChild(messageItem(m));
      state.lastMessageId = m.id;
    });
    list.scrollTop = list.scrollHeight;
  }

  function setControls(escalation, yours) {
    show($('accept'), escalation.state === 'queued');
    show($('requeue'), yours);
    show($('close'), yours);
    $('chat-text').disabled = !yours;
    $('chat-send').disabled = !yours;
    $('chat-text').placeholder = yours
      ? 'Write to the person (Enter sends, Shift+Enter for a new line)'
      : escalation.state === 'queued'
        ? 'Accept the conversation to write to the person'
        : 'This conversation is ' + escalation.state + '.';
  }

  function renderConversation(data) {
    var e = data.escalation;
    state.conversation = data;
    show($('detail-empty'), false);
    show($('ticket-body'), false);
    show($('detail-body'), true);
    $('detail-title').textContent = e.summary.oneLine;
    $('detail-meta').textContent =
      (e.state === 'queued' ? 'Waiting for ' + duration(e.waitSeconds) : e.state === 'active' ? 'With ' + (e.agentName || 'an agent') : e.state) +
      ' · ' + e.channelId;

    var record = $('record');
    record.replaceChildren();
    recordRow(record, 'Problem, in their words', data.record.problem);
    recordRow(record, 'Intent', data.record.intent);
    recordRow(record, 'Device', data.record.device);
    recordRow(record, 'Service', data.record.service);
    recordRow(record, 'Also reported', (data.record.alsoReported || []).join(', '));
    // Other lines about the problem (an older server sends none).
    recordRow(record, 'Also said', (data.record.said || []).join(' / '));
    recordRow(record, 'Apple status', data.record.status === null ? 'No reported issues' : data.record.status);

    showSteps($('steps'), $('steps-empty'), data.record.steps);

    var transcript = $('transcript');
    transcript.replaceChildren.apply(
      transcript,
      data.transcript.map(function (a) {
        var li = el('li', 'turn from-' + a.from);
        var meta = el('div', 'message-meta');
        meta.appendChild(el('span', 'message-who', a.from === 'user' ? 'Person' : 'Resync'));
        meta.appendChild(el('span', 'message-at', clock(a.at)));
        li.appendChild(meta);
        if (a.text) li.appendChild(el('div', 'message-text', a.text));
        a.cards.forEach(function (c) {
          li.appendChild(el('div', 'turn-card', c));
        });
        if (a.choices.length) li.appendChild(el('div', 'turn-choices', 'Buttons: ' + a.choices.join(' | ')));
        return li;
      }),
    );
    show($('transcript-empty'), data.transcript.length === 0);

    setControls(e, data.yours);
  }

  function stopPoll() {
    if (state.poll) state.poll.abort();
    state.poll = null;
  }

  function pollMessages(id) {
    stopPoll();
    var controller = new AbortController();
    state.poll = controller;
    var loop = function () {
      if (controller.signal.aborted) return;
      var query = '?wait=' + LONG_POLL_SECONDS + (state.lastMessageId ? '&after=' + encodeURIComponent(state.lastMessageId) : '');
      api('GET', '/conversations/' + encodeURIComponent(id) + '/messages' + query, undefined, controller.signal)
        .then(function (data) {
          if (controller.signal.aborted) return;
          addMessages(data.messages);
          if (state.conversation && (data.state !== state.conversation.escalation.state || data.yours !== state.conversation.yours)) {
            state.conversation.escalation.state = data.state;
            state.conversation.yours = data.yours;
            setControls(state.conversation.escalation, data.yours);
            if (data.state === 'cancelled') notice('The person stopped waiting.');
            else if (data.state === 'closed') notice('This conversation is closed.');
          }
          if (data.state === 'queued' || data.state === 'active') setTimeout(loop, 0);
        })
        .catch(function (err) {
          if (controller.signal.aborted) return;
          if (err.status === 403) {
            notice('Another agent holds this conversation now.');
            return;
          }
          setTimeout(loop, 2000);
        });
    };
    loop();
  }

  function openConversation(id) {
    state.selected = { kind: 'conversation', id: id };
    state.lastMessageId = undefined;
    state.seenMessages = new Set();
    $('messages').replaceChildren();
    notice('');
    stopPoll();
    refreshSelection();
    return api('GET', '/conversations/' + encodeURIComponent(id))
      .then(function (data) {
        renderConversation(data);
        addMessages(data.messages);
        pollMessages(id);
      })
      .catch(function (err) {
        show($('detail-body'), true);
        notice(err.message);
      });
  }

  function refreshSelection() {
    document.querySelectorAll('.item-button').forEach(function (b) {
      var selected =
        state.selected &&
        ((state.selected.kind === 'conversation' && b.dataset.conversationId === state.selected.id) ||
          (state.selected.kind === 'ticket' && b.dataset.ticketId === state.selected.id));
      b.classList.toggle('selected', Boolean(selected));
    });
  }

  function act(action) {
    if (!state.selected || state.selected.kind !== 'conversation') return;
    var id = state.selected.id;
    notice('');
    return api('POST', '/conversations/' + encodeURIComponent(id) + '/' + action)
      .then(function () {
        refresh();
        if (action === 'requeue') notice('Put back in the queue.');
        return openConversation(id).then(function () {
          if (action === 'close') notice('Closed: the person is back with Resync.');
          if (action === 'requeue') notice('Put back in the queue.');
        });
      })
      .catch(function (err) {
        notice(err.status === 409 && action === 'accept' ? 'Another agent has just taken this conversation.' : err.message);
        refresh();
      });
  }

  function onSend(event) {
    event.preventDefault();
    if (!state.selected || state.selected.kind !== 'conversation') return;
    var box = $('chat-text');
    var text = box.value.trim();
    if (!text) return;
    $('chat-send').disabled = true;
    api('POST', '/conversations/' + encodeURIComponent(state.selected.id) + '/messages', { text: text })
      .then(function (data) {
        box.value = '';
        addMessages([data.message]);
      })
      .catch(function (err) {
        notice(err.message);
      })
      .then(function () {
        $('chat-send').disabled = box.disabled;
        box.focus();
      });
  }

  // --- tickets ----------------------------------------------------------------------------------

  function openTicket(id) {
    var t = state.tickets.find(function (x) {
      return x.id === id;
    });
    if (!t) return;
    stopPoll();
    state.selected = { kind: 'ticket', id: id };
    refreshSelection();
    show($('detail-empty'), false);
    show($('detail-body'), false);
    show($('ticket-body'), true);
    $('ticket-meta').textContent =
      'Left ' + duration(t.ageSeconds) + ' ago' + (t.status === 'done' ? ' · done' + (t.doneBy ? ' by ' + t.doneBy : '') + (t.doneAt ? ' ' + new Date(t.doneAt).toLocaleString() : '') : '');
    var record = $('ticket-record');
    record.replaceChildren();
    recordRow(record, 'Message', t.message);
    recordRow(record, 'Contact', t.contact);
    recordRow(record, 'Summary', t.summary.oneLine);
    recordRow(record, 'Problem, in their words', t.summary.problem);
    recordRow(record, 'Device', t.summary.device);
    recordRow(record, 'Service', t.summary.service);
    recordRow(record, 'Also reported', (t.summary.alsoReported || []).join(', '));
    recordRow(record, 'Also said', (t.summary.said || []).join(' / '));
    recordRow(record, 'Apple status', t.summary.status === null ? 'No reported issues' : t.summary.status);
    // What was checked and tried before the message was left (it was only the one-line summary).
    showSteps($('ticket-steps'), $('ticket-steps-empty'), t.summary.steps || []);
    $('ticket-done').disabled = t.status !== 'open';
    show($('ticket-done'), t.status === 'open');
  }

  function onTicketDone() {
    if (!state.selected || state.selected.kind !== 'ticket') return;
    api('POST', '/tickets/' + encodeURIComponent(state.selected.id) + '/done')
      .then(function () {
        state.selected = null;
        show($('ticket-body'), false);
        show($('detail-empty'), true);
        state.ticketView.extended = false;
        loadTickets(false);
      })
      .catch(function (err) {
        $('ticket-meta').textContent = err.message;
      });
  }

  // --- start ------------------------------------------------------------------------------------

  function start() {
    $('sign-in-form').addEventListener('submit', onSignIn);
    $('sign-out').addEventListener('click', onSignOut);
    $('accept').addEventListener('click', function () {
      act('accept');
    });
    $('close').addEventListener('click', function () {
      act('close');
    });
    $('requeue').addEventListener('click', function () {
      act('requeue');
    });
    $('chat-form').addEventListener('submit', onSend);
    $('chat-text').addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) onSend(event);
    });
    $('ticket-done').addEventListener('click', onTicketDone);
    $('tickets-open').addEventListener('click', function () {
      if (state.ticketView.status !== 'open') showTickets('open');
    });
    $('tickets-done').addEventListener('click', function () {
      if (state.ticketView.status !== 'done') showTickets('done');
    });
    $('ticket-month-prev').addEventListener('click', function () {
      if (state.ticketView.month) showTickets('done', shiftMonth(state.ticketView.month, -1));
    });
    $('ticket-month-next').addEventListener('click', function () {
      var view = state.ticketView;
      if (view.month && view.currentMonth && view.month < view.currentMonth) showTickets('done', shiftMonth(view.month, 1));
    });
    $('ticket-more').addEventListener('click', function () {
      if (state.ticketView.next) loadTickets(true);
    });

    if (document.body.dataset.configured !== 'true') {
      show($('not-configured'), true);
      return;
    }
    api('GET', '/me')
      .then(signedIn)
      .catch(function () {
        signedOut();
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
