/**
 * The chat page (public/index.html) and the embed script (public/embed.js) are templates filled in
 * once at start-up with the clinic's look. `{{name}}` is HTML-escaped; `{{{name}}}` is inserted as is
 * and only ever receives markup or JSON built here. An unknown placeholder stops start-up, so a typo in
 * a template cannot ship a page with "{{titel}}" in it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WebChatLook } from './webChatSettings';

export interface WebChatDocuments {
  pageHtml: string;
  embedJs: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** JSON that is safe inside a <script> element or a JS file: no "</script>", no raw line separators. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function fillTemplate(template: string, values: Record<string, string>, name: string): string {
  return template.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_match, raw: string | undefined, escaped: string | undefined) => {
    const key = (raw ?? escaped)!;
    if (!(key in values)) throw new Error(`${name}: unknown placeholder {{${key}}}`);
    return raw ? values[key] : escapeHtml(values[key]);
  });
}

/** Where the page loads its files from: content-hashed URLs, cached for good by the browser. */
export interface WebChatAssetUrls {
  css: string;
  bundle: string;
  pageJs: string;
}

export function renderWebChatDocuments(look: WebChatLook, publicDir: string, urls: WebChatAssetUrls): WebChatDocuments {
  const avatarHtml = look.avatarUrl
    ? `<img class="chat-avatar" src="${escapeHtml(look.avatarUrl)}" alt="">`
    : `<span class="chat-avatar" aria-hidden="true">${escapeHtml(look.avatarInitials)}</span>`;
  const pageSettings = {
    tokenUrl: '/api/webchat/token',
    locale: look.locale,
    styleOptions: look.styleOptions,
    sendBoxPlaceholder: look.sendBoxPlaceholder,
  };
  const embedSettings = {
    title: look.title,
    primaryColor: look.primaryColor,
    onPrimaryColor: look.onPrimaryColor,
    avatarInitials: look.avatarInitials,
    avatarUrl: look.avatarUrl ?? null,
    emergencyNumber: look.emergencyNumber,
  };
  const values = {
    title: look.title,
    subtitle: look.subtitle,
    primaryColor: look.primaryColor,
    onPrimaryColor: look.onPrimaryColor,
    tintColor: look.tintColor,
    emergencyNumber: look.emergencyNumber,
    avatarHtml,
    locale: look.locale,
    cssUrl: urls.css,
    bundleUrl: urls.bundle,
    pageJsUrl: urls.pageJs,
    settingsJson: scriptSafeJson(pageSettings),
    embedSettingsJson: scriptSafeJson(embedSettings),
  };
  const read = (file: string) => fs.readFileSync(path.join(publicDir, file), 'utf8');
  return {
    pageHtml: fillTemplate(read('index.html'), values, 'public/index.html'),
    embedJs: fillTemplate(read('embed.js'), values, 'public/embed.js'),
  };
}
