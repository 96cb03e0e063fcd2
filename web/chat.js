// Resync web chat: asks the server which channel to use, starts or resumes a conversation and
// renders Web Chat (served from this origin, no CDN).
(function () {
  'use strict';

  var CONVERSATION_KEY = 'resync.conversation';
  var USER_KEY = 'resync.userId';
  var REFRESH_EVERY_MS = 10 * 60 * 1000; // tokens live 30 minutes

  var notice = document.getElementById('notice');
  var nonceMeta = document.querySelector('meta[name="csp-nonce"]');
  var nonce = nonceMeta ? nonceMeta.getAttribute('content') : undefined;

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function userId() {
    var id = localStorage.getItem(USER_KEY);
    if (!id) {
      id = 'dl_' + randomId();
      localStorage.setItem(USER_KEY, id);
    }
    return id;
  }

  function postJson(url, body, token) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body || {}) }).then(function (res) {
      if (!res.ok) {
        var error = new Error('HTTP ' + res.status);
        error.status = res.status;
        throw error;
      }
      return res.json();
    });
  }

  function loadSaved() {
    try {
      var saved = JSON.parse(localStorage.getItem(CONVERSATION_KEY) || 'null');
      return saved && saved.conversationId && saved.token ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function save(conversation) {
    localStorage.setItem(CONVERSATION_KEY, JSON.stringify({ conversationId: conversation.conversationId, token: conversation.token }));
  }

  // Local mode: resume the saved conversation (fresh token) or begin a new one.
  function localConversation(domain) {
    var saved = loadSaved();
    var fresh = function () {
      return postJson(domain + '/tokens/generate', { user: { id: userId() } }).then(function (c) {
        save(c);
        return c;
      });
    };
    if (!saved) return fresh();
    return postJson(domain + '/tokens/refresh', {}, saved.token)
      .then(function (c) {
        save({ conversationId: saved.conversationId, token: c.token });
        return { conversationId: saved.conversationId, token: c.token };
      })
      .catch(function (error) {
        // Expired or unknown (e.g. the data was reset): begin again.
        if (error.status === 401 || error.status === 403 || error.status === 404) return fresh();
        throw error;
      });
  }

  function keepTokenFresh(domain) {
    setInterval(function () {
      var saved = loadSaved();
      if (!saved) return;
      postJson(domain + '/tokens/refresh', {}, saved.token)
        .then(function (c) { save({ conversationId: saved.conversationId, token: c.token }); })
        .catch(function () { /* the next reload starts over if the token is gone */ });
    }, REFRESH_EVERY_MS);
  }

  // The conversation on screen, so "Start over" can tell the bot first (a wait for a person ends).
  var current = null;

  function render(directLine) {
    current = directLine;
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: userId(),
        username: 'You',
        locale: 'en-US',
        nonce: nonce,
        styleOptions: {
          botAvatarInitials: 'R',
          accent: '#0a66c2',
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          bubbleFromUserBackground: '#0a66c2',
          bubbleFromUserTextColor: '#ffffff',
          bubbleBackground: '#f2f4f7',
          bubbleBorderWidth: 0,
          bubbleFromUserBorderWidth: 0,
          hideUploadButton: true,
          sendBoxHeight: 56,
          rootHeight: '100%',
          primaryFont: '-apple-system, BlinkMacSystemFont, "Segoe UI", "Liberation Sans", Helvetica, Arial, sans-serif',
        },
      },
      document.getElementById('webchat')
    );
  }

  document.getElementById('start-over').addEventListener('click', function (event) {
    event.preventDefault();
    var left = false;
    function leave() {
      if (left) return;
      left = true;
      localStorage.removeItem(CONVERSATION_KEY);
      window.location.reload();
    }
    // Tell the old conversation first, so a wait for a person there ends and leaves the agents' queue.
    if (current) {
      try {
        current.postActivity({ type: 'message', text: 'start over', from: { id: userId(), role: 'user' } }).subscribe({ next: leave, error: leave, complete: leave });
      } catch (e) {
        leave();
      }
      setTimeout(leave, 1500);
    } else {
      leave();
    }
  });

  if (!window.WebChat) {
    showNotice('The chat could not load. Please reload the page.');
    return;
  }

  fetch('/api/chat-config')
    .then(function (res) { return res.json(); })
    .then(function (config) {
      if (config.mode === 'local') {
        var domain = window.location.origin + config.directLineDomain;
        return localConversation(domain).then(function (c) {
          keepTokenFresh(domain);
          render(window.WebChat.createDirectLine({ domain: domain, webSocket: false, conversationId: c.conversationId, token: c.token }));
        });
      }
      if (config.mode === 'azure') {
        // Azure's Direct Line: the server exchanges its secret for a token; the client refreshes it.
        return postJson(config.tokenUrl, {}).then(function (t) {
          render(window.WebChat.createDirectLine({ token: t.token }));
        });
      }
      showNotice(config.reason || 'Web chat is not configured on this server.');
      return undefined;
    })
    .catch(function () {
      showNotice('Resync is not reachable right now. Please try again in a moment.');
    });
})();
