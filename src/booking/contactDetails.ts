/**
 * Understands the contact detail a user types: an email address or a phone number, validated with
 * well-kept libraries (validator, libphonenumber-js). Plain functions.
 */
import type { CountryCode } from 'libphonenumber-js';
import isEmail from 'validator/lib/isEmail';
import type { ContactDetail } from './bookingTypes';

/** The country a local number ("07700 900123") is read in, from the bot's region. */
export function phoneCountryFor(region: string): CountryCode | undefined {
  return ({ UK: 'GB', GB: 'GB', US: 'US' } as Record<string, CountryCode>)[region.toUpperCase()];
}

export function parseContactDetail(text: string, country?: CountryCode): ContactDetail | undefined {
  const trimmed = text.trim();
  const emailCandidate = trimmed.match(/\S+@\S+/)?.[0]?.replace(/[.,;]+$/, '');
  if (emailCandidate) return isEmail(emailCandidate) ? { kind: 'email', value: emailCandidate.toLowerCase() } : undefined;
  const digits = trimmed.replace(/[^\d+]/g, '');
  if (digits.replace('+', '').length < 7) return undefined;
  // Loaded on the first phone number, not at start-up (~0.1 s): most conversations never give one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parsePhoneNumberFromString } = require('libphonenumber-js') as typeof import('libphonenumber-js');
  const phone = parsePhoneNumberFromString(trimmed.replace(/[^\d+() -]/g, ' '), country);
  return phone?.isValid() ? { kind: 'phone', value: phone.number } : undefined;
}

/** "a***@example.com" / "+44 ****123": enough for a user to recognise their detail on a shared screen. */
export function maskContact(contact: ContactDetail): string {
  if (contact.kind === 'email') {
    const [local, domain] = contact.value.split('@');
    return `${local[0]}***@${domain}`;
  }
  return `${contact.value.slice(0, 3)} ****${contact.value.slice(-3)}`;
}
