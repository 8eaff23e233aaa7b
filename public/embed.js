/*
 * Back on Track chat widget for a clinic's own website:
 *   <script src="https://YOUR-BOT-HOST/embed.js" async></script>
 * adds a round chat button at the bottom right; it opens the chat page in an iframe served by the bot,
 * so the clinic's site needs no other code, and no token or key ever appears in its pages.
 * Template: the settings line is filled in at start-up (src/channels/webChat/webChatDocuments.ts).
 * Styles are set through element.style, which a host page's Content-Security-Policy allows.
 */
(function () {
  'use strict';
  var settings = {{{embedSettingsJson}}};
  if (window.__backOnTrackWidget) return;
  window.__backOnTrackWidget = true;

  var script = document.currentScript;
  var origin = new URL(script ? script.src : '/', window.location.href).origin;

  var button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', 'Open the chat with ' + settings.title);
  button.setAttribute('aria-expanded', 'false');
  Object.assign(button.style, {
    position: 'fixed', right: '20px', bottom: '20px', zIndex: '2147483000',
    width: '60px', height: '60px', borderRadius: '50%', border: '0', cursor: 'pointer', padding: '0',
    background: settings.primaryColor, color: settings.onPrimaryColor,
    font: '700 18px system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif',
    boxShadow: '0 6px 20px rgba(0, 0, 0, 0.25)', overflow: 'hidden'
  });
  if (settings.avatarUrl) {
    var picture = document.createElement('img');
    picture.src = settings.avatarUrl;
    picture.alt = '';
    Object.assign(picture.style, { width: '100%', height: '100%', objectFit: 'cover' });
    button.appendChild(picture);
  } else {
    button.textContent = settings.avatarInitials;
  }

  var frame = null;

  function isSmallScreen() {
    return window.matchMedia('(max-width: 480px)').matches;
  }

  function openChat() {
    if (!frame) {
      // Created on first open only: a visitor who never chats never loads Web Chat.
      frame = document.createElement('iframe');
      frame.src = origin + '/?embed=1';
      frame.title = 'Chat with ' + settings.title;
      Object.assign(frame.style, {
        position: 'fixed', zIndex: '2147483001', border: '0', background: '#fff',
        boxShadow: '0 12px 40px rgba(0, 0, 0, 0.3)'
      });
      document.body.appendChild(frame);
    }
    Object.assign(frame.style, isSmallScreen()
      ? { inset: '0', width: '100%', height: '100%', borderRadius: '0' }
      : { inset: 'auto', right: '20px', bottom: '92px', width: '400px', height: 'min(640px, calc(100vh - 120px))', borderRadius: '16px' });
    frame.style.display = 'block';
    button.setAttribute('aria-expanded', 'true');
  }

  function closeChat() {
    if (frame) frame.style.display = 'none';
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  button.addEventListener('click', function () {
    if (frame && frame.style.display !== 'none') closeChat();
    else openChat();
  });

  // The chat page's close button (only the bot's own page, in our iframe, may close it).
  window.addEventListener('message', function (event) {
    if (!frame || event.origin !== origin || event.source !== frame.contentWindow) return;
    if (event.data && event.data.type === 'back-on-track:close') closeChat();
  });

  function mount() {
    document.body.appendChild(button);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
