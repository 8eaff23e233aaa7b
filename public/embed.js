/*
 * Back on Track chat widget for a clinic's own website:
 *   <script src="https://YOUR-BOT-HOST/embed.js" async></script>
 * adds a labelled chat button at the bottom right; it opens the chat page in an iframe served by the
 * bot, so the clinic's site needs no other code, and no token or key ever appears in its pages.
 * Everything lives in a shadow root with its own stylesheet, so the site's CSS (button styles,
 * uppercase, letter-spacing) cannot reach it. Escape closes the chat and focus returns to the button.
 * An open chat stays open on the site's next page (the chat itself resumes inside the frame).
 * Template: the settings line is filled in at start-up (src/channels/webChat/webChatDocuments.ts).
 */
(function () {
  'use strict';
  var settings = {{{embedSettingsJson}}};
  if (window.__backOnTrackWidget) return;
  window.__backOnTrackWidget = true;

  var script = document.currentScript;
  var origin = new URL(script ? script.src : '/', window.location.href).origin;
  var OPEN_KEY = 'back-on-track:open';
  var LABEL = 'Chat with us about back pain';

  var css = [
    ':host { all: initial; }',
    '.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: inline-flex; align-items: center; gap: 10px;',
    '  min-height: 56px; padding: 0 20px 0 8px; border: 0; border-radius: 28px; cursor: pointer;',
    '  background: var(--primary); color: var(--on-primary); box-shadow: 0 6px 20px rgba(0, 0, 0, 0.25);',
    '  font: 600 16px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; letter-spacing: normal; text-transform: none; }',
    '.launcher:focus-visible { outline: 3px solid #111827; outline-offset: 3px; }',
    '.avatar { width: 40px; height: 40px; border-radius: 50%; display: inline-flex; align-items: center; justify-content: center;',
    '  background: var(--on-primary); color: var(--primary); font-weight: 700; font-size: 15px; overflow: hidden; }',
    '.avatar img { width: 100%; height: 100%; object-fit: cover; }',
    '.panel { position: fixed; z-index: 2147483001; right: 20px; bottom: 92px; width: 400px; height: min(640px, calc(100vh - 120px));',
    '  border-radius: 16px; overflow: hidden; background: #fff; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3); }',
    '.panel[hidden] { display: none; }',
    '.panel iframe { width: 100%; height: 100%; border: 0; display: block; }',
    '.refused { padding: 24px; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2a2a; }',
    '@media (max-width: 480px) { .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; } .label { display: none; }',
    '  .launcher { padding: 0 8px; } }'
  ].join('\n');

  var host = document.createElement('div');
  host.setAttribute('data-back-on-track', '');
  var root = host.attachShadow({ mode: 'open' });
  host.style.setProperty('--primary', settings.primaryColor);
  host.style.setProperty('--on-primary', settings.onPrimaryColor);
  // A constructed stylesheet is not an inline style, so a host page's CSP cannot block it.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'back-on-track-panel');
  var avatar = document.createElement('span');
  avatar.className = 'avatar';
  avatar.setAttribute('aria-hidden', 'true');
  if (settings.avatarUrl) {
    var picture = document.createElement('img');
    picture.src = settings.avatarUrl;
    picture.alt = '';
    avatar.appendChild(picture);
  } else {
    avatar.textContent = settings.avatarInitials;
  }
  var label = document.createElement('span');
  label.className = 'label';
  label.textContent = LABEL;
  button.setAttribute('aria-label', LABEL);
  button.appendChild(avatar);
  button.appendChild(label);

  var panel = document.createElement('div');
  panel.className = 'panel';
  panel.id = 'back-on-track-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', LABEL);
  panel.hidden = true;
  root.appendChild(button);
  root.appendChild(panel);

  var frame = null;

  function remember(open) {
    try {
      if (open) window.sessionStorage.setItem(OPEN_KEY, '1');
      else window.sessionStorage.removeItem(OPEN_KEY);
    } catch (error) {
      // Storage blocked: the chat just will not reopen by itself on the next page.
    }
  }

  function showRefusal() {
    var message = document.createElement('p');
    message.className = 'refused';
    message.setAttribute('role', 'alert');
    message.textContent = 'Sorry, this chat cannot be shown on this website (it is not on the chat\u2019s list of allowed sites). ' +
      'In an emergency call ' + settings.emergencyNumber + '.';
    panel.appendChild(message);
  }

  function loadChat() {
    // Created on first open only: a visitor who never chats never loads Web Chat.
    frame = document.createElement('iframe');
    frame.title = 'Chat with ' + settings.title;
    fetch(origin + '/api/webchat/embed-check', { credentials: 'omit' })
      .then(function (response) { return response.json(); })
      .then(function (check) {
        if (!check.allowed) return showRefusal();
        frame.src = origin + '/?embed=1';
        panel.appendChild(frame);
      })
      .catch(function () {
        // The check itself failed (offline, blocked): try the frame; the chat page explains its own problems.
        frame.src = origin + '/?embed=1';
        panel.appendChild(frame);
      });
  }

  function openChat() {
    if (!frame) loadChat();
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    remember(true);
    if (frame) frame.focus();
  }

  function closeChat() {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    remember(false);
    button.focus();
  }

  button.addEventListener('click', function () {
    if (!panel.hidden) closeChat();
    else openChat();
  });

  // Escape on the host page (focus outside the frame); inside the frame the chat page sends 'close'.
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !panel.hidden) closeChat();
  });

  // The chat page's close button and Escape (only the bot's own page, in our iframe, may close it).
  window.addEventListener('message', function (event) {
    if (!frame || event.origin !== origin || event.source !== frame.contentWindow) return;
    if (event.data && event.data.type === 'back-on-track:close') closeChat();
  });

  function mount() {
    document.body.appendChild(host);
    var reopen = false;
    try {
      reopen = window.sessionStorage.getItem(OPEN_KEY) === '1';
    } catch (error) {
      reopen = false;
    }
    if (reopen) {
      loadChat();
      panel.hidden = false;
      button.setAttribute('aria-expanded', 'true');
    }
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
