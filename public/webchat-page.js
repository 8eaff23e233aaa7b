/*
 * The chat page's script: gets a Direct Line token from this server (POST /api/webchat/token; the
 * server decides whether it is its own Direct Line or Azure's), then renders Web Chat with the clinic's
 * look. Settings come from the page's JSON block, so this file is the same for every clinic.
 */
(function () {
  'use strict';

  var settings = JSON.parse(document.getElementById('webchat-settings').textContent);
  var chatElement = document.getElementById('webchat');
  var statusElement = document.querySelector('.chat-status');
  var embedded = new URLSearchParams(window.location.search).has('embed');

  // directlinejs ConnectionStatus values after which this chat cannot go on: ExpiredToken, FailedToConnect, Ended.
  var UNRECOVERABLE = { 3: 'This chat has timed out.', 4: 'The chat could not connect.', 5: 'This chat has ended.' };

  function showProblem(text) {
    statusElement.querySelector('.chat-status-text').textContent = text;
    statusElement.hidden = false;
  }

  statusElement.querySelector('.chat-restart').addEventListener('click', function () {
    window.location.reload();
  });

  if (embedded) {
    // Inside the embed widget's iframe: the close button asks the host page (embed.js) to hide us.
    document.body.classList.add('embedded');
    var close = document.querySelector('.chat-close');
    close.hidden = false;
    close.addEventListener('click', function () {
      window.parent.postMessage({ type: 'back-on-track:close' }, '*');
    });
  }

  if (!window.WebChat) {
    showProblem('The chat could not load. Please refresh the page.');
    return;
  }

  fetch(settings.tokenUrl, { method: 'POST', headers: { Accept: 'application/json' } })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body && body.message ? body.message : 'HTTP ' + response.status);
        return body;
      });
    })
    .then(function (session) {
      var directLine = window.WebChat.createDirectLine({ token: session.token, domain: session.domain });
      directLine.connectionStatus$.subscribe(function (status) {
        if (UNRECOVERABLE[status]) showProblem(UNRECOVERABLE[status]);
      });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          styleOptions: settings.styleOptions,
          overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: settings.sendBoxPlaceholder },
        },
        chatElement
      );
    })
    .catch(function (error) {
      showProblem('The chat is unavailable right now (' + error.message + '). Please try again shortly.');
    });
})();
