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
  // The number in the reply: the longest run of digits, spaces, dashes, dots, brackets and a leading
  // plus ("ring me on 07700900654 after 6pm" is 07700900654, not 077009006546).
  const candidate = (trimmed.match(/\+?[\d(][\d()\s.-]*\d/g) ?? []).reduce(
    (longest, run) => (run.replace(/\D/g, '').length > longest.replace(/\D/g, '').length ? run : longest),
    '',
  );
  if (candidate.replace(/\D/g, '').length < 7) return undefined;
  // Loaded on the first phone number, not at start-up (~0.1 s): most conversations never give one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parsePhoneNumberFromString } = require('libphonenumber-js') as typeof import('libphonenumber-js');
  // "+44 (0)7700 900111": the trunk zero written in brackets after the country code is not dialled.
  const phone = parsePhoneNumberFromString(candidate.replace(/^(\+\d{1,3})\s*\(0\)\s*/, '$1 ').replace(/[.()]/g, ' '), country);
  if (!phone?.isPossible()) return undefined;
  return phone.isValid() || shapedLikeValid(phone.nationalNumber, phone.country ?? country, parsePhoneNumberFromString)
    ? { kind: 'phone', value: phone.number }
    : undefined;
}

/**
 * A number whose range the library's metadata calls unallocated (a block allocated since the package was
 * built, or Ofcom's 07700 900xxx) but that has the length and leading digits of a real number of its
 * country: the user reads it back at the confirmation, and refusing a real number leaves them no way to
 * give it. A number of the wrong length or with leading digits no range uses ("012 345 6789") is refused.
 */
function shapedLikeValid(
  national: string,
  country: CountryCode | undefined,
  parse: typeof import('libphonenumber-js').parsePhoneNumberFromString,
): boolean {
  if (!country || national.length < 8) return false;
  const prefix = national.slice(0, 4);
  const rest = national.length - prefix.length;
  return SUBSCRIBER_PROBES.some((probe) => parse(prefix + probe.repeat(rest).slice(0, rest), country)?.isValid() === true);
}
/** Subscriber digits tried after a number's first four digits: one of them falls in an allocated block of a real range. */
const SUBSCRIBER_PROBES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '12', '34', '56', '78', '90'];

/** "a***@example.com" / "+44 ****123": enough for a user to recognise their detail on a shared screen. */
export function maskContact(contact: ContactDetail): string {
  if (contact.kind === 'email') {
    const [local, domain] = contact.value.split('@');
    return `${local[0]}***@${domain}`;
  }
  return `${contact.value.slice(0, 3)} ****${contact.value.slice(-3)}`;
}
