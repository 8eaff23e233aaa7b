/*
 * The chat page's script: gets a Direct Line session and renders Web Chat with the clinic's look.
 * The session (conversation id, token, Direct Line address) is kept in this tab's sessionStorage, so a
 * reload, or the next page of the clinic's site (the embed frame), resumes the same chat through Direct
 * Line's reconnect: the server replays the transcript, saved with the bot's state, even after a
 * restart. Where the browser refuses storage to the frame (the chat embedded on a clinic's site), the
 * server finds the open chat by a partitioned cookie instead (chatCookie.ts). "New chat" forgets the
 * session and starts over. Settings come from the page's JSON block,
 * so this file is the same for every clinic.
 *
 * The session also keeps the Direct Line watermark (how far this tab has received) and the messages
 * sent but not yet echoed back by the service. Web Chat keeps no transcript across a reload, so the
 * stream replays from the start and every message shows once; a message whose request a reload cut
 * off is sent again, unless the activities after the watermark show it arrived. Pending text lives
 * only in this tab's sessionStorage, and only until its echo comes back.
 */
(function () {
  'use strict';

  var settings = JSON.parse(document.getElementById('webchat-settings').textContent);
  var chatElement = document.getElementById('webchat');
  var statusElement = document.querySelector('.chat-status');
  var loadingElement = document.querySelector('.chat-loading');
  var newChatButton = document.querySelector('.chat-new');
  var embedded = new URLSearchParams(window.location.search).has('embed');
  var SESSION_KEY = 'back-on-track:session';
  // A token lives 30 minutes and is refreshed while the page is open; an older saved one is worthless.
  var SESSION_MAX_AGE_MS = 29 * 60 * 1000;
  // Messages kept for resending: a visitor cannot have typed more than a few before a reload.
  var MAX_PENDING = 5;

  // directlinejs ConnectionStatus values after which this chat cannot go on: ExpiredToken, FailedToConnect, Ended.
  var UNRECOVERABLE = {
    3: 'This chat has timed out.',
    4: 'The connection was lost: reload this page to carry on.',
    5: 'This chat has ended.',
  };
  // After these the saved chat cannot be resumed; a lost connection (4) can, once the server is back.
  var ENDED = { 3: true, 5: true };

  function readSession() {
    try {
      var session = JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null');
      if (session && session.token && session.conversationId && session.domain && Date.now() - session.savedAt < SESSION_MAX_AGE_MS)
        return session;
    } catch (error) {
      // Storage blocked (private mode, cookies off): every load is a new chat, which still works.
    }
    return null;
  }

  function saveSession(session) {
    try {
      window.sessionStorage.setItem(
        SESSION_KEY,
        JSON.stringify({
          token: session.token,
          conversationId: session.conversationId,
          domain: session.domain,
          watermark: session.watermark || '',
          pending: session.pending || [],
          savedAt: Date.now(),
        }),
      );
    } catch (error) {
      // As above: the chat works, it just will not survive a reload.
    }
  }

  function forgetSession() {
    try {
      window.sessionStorage.removeItem(SESSION_KEY);
    } catch (error) {
      // Nothing stored, nothing to forget.
    }
  }

  function startOver() {
    forgetSession();
    // "new": the server ignores the chat cookie this once (the embedded chat has no sessionStorage).
    var url = new URL(window.location.href);
    url.searchParams.set('new', '1');
    window.location.replace(url.toString());
  }

  var startFresh = new URLSearchParams(window.location.search).has('new');
  if (startFresh) {
    // Once only: a later reload resumes the new chat.
    var clean = new URL(window.location.href);
    clean.searchParams.delete('new');
    window.history.replaceState(null, '', clean.toString());
  }

  function showProblem(text) {
    loadingElement.hidden = true;
    statusElement.querySelector('.chat-status-text').textContent = text;
    statusElement.hidden = false;
  }

  statusElement.querySelector('.chat-restart').addEventListener('click', startOver);
  newChatButton.addEventListener('click', startOver);

  if (embedded) {
    // Inside the embed widget's iframe: the close button and Escape ask the host page (embed.js) to hide us.
    document.body.classList.add('embedded');
    var close = document.querySelector('.chat-close');
    var askToClose = function () {
      window.parent.postMessage({ type: 'back-on-track:close' }, '*');
    };
    close.hidden = false;
    close.addEventListener('click', askToClose);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') askToClose();
    });
  }

  /*
   * Message times in the page's language (its lang, set from REGION): "13:05" for a UK clinic, "1:05 PM"
   * in the US, with the day in front once the message is not from today. Web Chat 4.18 would write them
   * with one 12-hour US pattern whatever its locale ("December 3, 1:05 PM"), so this activity-status
   * middleware writes them itself with Intl.DateTimeFormat. Sending and "send failed" stay Web Chat's.
   * The bundle does not expose React: the elements are React 16's plain objects, marked with the marker
   * of the element Web Chat itself returned, so a later bundle's marker is followed.
   */
  var timeLocale = document.documentElement.lang || settings.locale;
  var clockTime = new Intl.DateTimeFormat(timeLocale, { hour: 'numeric', minute: '2-digit' });
  var dayAndTime = new Intl.DateTimeFormat(timeLocale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
  var spokenTime = new Intl.DateTimeFormat(timeLocale, { dateStyle: 'full', timeStyle: 'short' });

  function shownTime(date) {
    return date.toDateString() === new Date().toDateString() ? clockTime.format(date) : dayAndTime.format(date);
  }

  function timestampMiddleware() {
    return function (next) {
      return function (options) {
        var theirs = next(options);
        var date = new Date(options.activity.timestamp);
        if (options.sendState !== 'sent' || !options.activity.timestamp || isNaN(date.getTime()) || !theirs) return theirs;
        var element = function (type, key, props, children) {
          return {
            $$typeof: theirs.$$typeof,
            type: type,
            key: key,
            ref: null,
            props: Object.assign({ children: children }, props),
            _owner: null,
          };
        };
        // As Web Chat does: a time hidden by grouping is still there for screen readers.
        var spoken = element('span', 'spoken', { className: 'chat-sr-only' }, 'Sent at ' + spokenTime.format(date));
        var shown = options.hideTimestamp
          ? null
          : element('time', 'shown', { 'aria-hidden': true, dateTime: date.toISOString() }, shownTime(date));
        return element('span', null, { className: 'chat-time', style: { color: settings.styleOptions.timestampColor } }, [spoken, shown]);
      };
    };
  }

  if (!window.WebChat) {
    showProblem('The chat could not load. Please refresh the page.');
    return;
  }

  function postJson(url, token) {
    var headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(url, { method: 'POST', headers: headers }).then(function (response) {
      return response.json().then(
        function (body) {
          if (!response.ok)
            throw Object.assign(new Error((body && (body.message || (body.error && body.error.message))) || 'HTTP ' + response.status), {
              status: response.status,
            });
          return body;
        },
        function () {
          throw Object.assign(new Error('HTTP ' + response.status), { status: response.status });
        },
      );
    });
  }

  /** A new chat, or the open one the server finds by its cookie (the embedded chat's only memory). */
  function newSession() {
    return postJson(settings.tokenUrl + (startFresh ? '?new=1' : '')).then(function (session) {
      return { token: session.token, conversationId: session.conversationId, domain: session.domain, resumed: session.resumed === true };
    });
  }

  /** The saved chat with a fresh token, or a new chat when the saved one cannot go on (expired, or not ours). */
  function session() {
    var saved = startFresh ? null : readSession();
    if (!saved) return newSession();
    return postJson(saved.domain + '/tokens/refresh', saved.token).then(
      function (refreshed) {
        return {
          token: refreshed.token,
          conversationId: saved.conversationId,
          domain: saved.domain,
          resumed: true,
          watermark: saved.watermark,
          pending: Array.isArray(saved.pending) ? saved.pending : [],
        };
      },
      function () {
        forgetSession();
        return newSession();
      },
    );
  }

  var clientIdOf = function (activity) {
    return activity && activity.channelData && activity.channelData.clientActivityID;
  };

  /** The activities after `watermark` (what this tab had not received before the reload), page by page. */
  function activitiesAfter(chat, watermark) {
    var url =
      chat.domain +
      '/conversations/' +
      encodeURIComponent(chat.conversationId) +
      '/activities?watermark=' +
      encodeURIComponent(watermark || '');
    return fetch(url, { headers: { Accept: 'application/json', Authorization: 'Bearer ' + chat.token } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (set) {
        var activities = set.activities || [];
        if (activities.length === 0 || !set.watermark || set.watermark === watermark) return activities;
        return activitiesAfter(chat, set.watermark).then(function (more) {
          return activities.concat(more);
        });
      });
  }

  session()
    .then(function (chat) {
      var pending = chat.pending || [];
      var directLine = window.WebChat.createDirectLine({
        token: chat.token,
        domain: chat.domain,
        conversationId: chat.resumed ? chat.conversationId : undefined,
      });
      // directlinejs refreshes its token every 15 minutes, and moves its watermark with every activity set: keep both.
      var keep = function () {
        saveSession({
          token: directLine.token || chat.token,
          conversationId: chat.conversationId,
          domain: chat.domain,
          watermark: directLine.watermark || chat.watermark,
          pending: pending,
        });
      };
      keep();
      window.setInterval(keep, 60 * 1000);
      window.addEventListener('pagehide', keep);

      // Every message the visitor sends is kept until the service echoes it back.
      var post = directLine.postActivity.bind(directLine);
      directLine.postActivity = function (activity) {
        if (activity && activity.type === 'message' && clientIdOf(activity)) {
          pending = pending
            .concat([
              {
                type: 'message',
                text: activity.text,
                textFormat: activity.textFormat,
                value: activity.value,
                locale: activity.locale,
                from: activity.from,
                channelData: { clientActivityID: clientIdOf(activity) },
              },
            ])
            .slice(-MAX_PENDING);
          keep();
        }
        return post(activity);
      };

      directLine.activity$.subscribe(function (activity) {
        loadingElement.hidden = true;
        newChatButton.hidden = false;
        var echoed = clientIdOf(activity);
        var before = pending.length;
        if (echoed)
          pending = pending.filter(function (message) {
            return message.channelData.clientActivityID !== echoed;
          });
        if (pending.length !== before || (directLine.watermark && directLine.watermark !== chat.watermark)) {
          chat.watermark = directLine.watermark;
          keep();
        }
      });

      // Sent before the reload but never echoed: resend what the service did not receive, in order.
      if (chat.resumed && pending.length) {
        var unsent = pending;
        pending = [];
        keep();
        activitiesAfter(chat, chat.watermark).then(
          function (arrived) {
            var received = {};
            arrived.forEach(function (activity) {
              if (clientIdOf(activity)) received[clientIdOf(activity)] = true;
            });
            unsent.forEach(function (message) {
              if (received[message.channelData.clientActivityID]) return;
              directLine.postActivity(message).subscribe({ error: function () {} });
            });
          },
          function () {
            // Cannot tell what arrived: keep them for the next load rather than risk sending twice.
            pending = unsent.concat(pending).slice(-MAX_PENDING);
            keep();
          },
        );
      }
      directLine.connectionStatus$.subscribe(function (status) {
        if (ENDED[status]) forgetSession();
        if (UNRECOVERABLE[status]) showProblem(UNRECOVERABLE[status]);
      });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          locale: settings.locale,
          styleOptions: settings.styleOptions,
          activityStatusMiddleware: [timestampMiddleware],
          overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: settings.sendBoxPlaceholder },
        },
        chatElement,
      );
    })
    .catch(function (error) {
      if (error.status === 429) showProblem('Too many new chats from this connection. Please wait a few minutes, then try again.');
      else showProblem('The chat is unavailable right now (' + error.message + '). Please try again shortly.');
    });
})();
