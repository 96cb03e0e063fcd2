// Resync chat launcher for other sites: <script src="https://YOUR-RESYNC-HOST/embed.js" defer></script>
// Adds a round "Chat" button at the bottom right that opens the Resync chat page in a framed panel.
// The hosting site's origin must be listed in Resync's EMBED_ORIGINS, or the browser refuses the frame.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || document.getElementById('resync-launcher')) return;
  var origin = new URL(script.src).origin;
  var label = script.getAttribute('data-label') || 'Chat with Resync';

  var button = document.createElement('button');
  button.id = 'resync-launcher';
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'resync-panel');
  button.textContent = label;
  button.style.cssText =
    'position:fixed;right:20px;bottom:20px;z-index:2147483000;padding:12px 18px;border:0;border-radius:24px;' +
    'background:#0a66c2;color:#fff;font:600 15px system-ui,sans-serif;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer';

  var panel = document.createElement('iframe');
  panel.id = 'resync-panel';
  panel.title = 'Resync chat';
  panel.hidden = true;
  panel.setAttribute('allow', 'clipboard-write');
  panel.style.cssText =
    'position:fixed;right:20px;bottom:76px;z-index:2147483000;width:min(400px,calc(100vw - 40px));' +
    'height:min(640px,calc(100vh - 100px));border:1px solid #d0d7de;border-radius:12px;background:#fff;' +
    'box-shadow:0 8px 28px rgba(0,0,0,.25)';

  button.addEventListener('click', function () {
    if (!panel.src) panel.src = origin + '/';
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
  });

  document.body.appendChild(panel);
  document.body.appendChild(button);
})();
