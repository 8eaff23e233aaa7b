import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other when read out on the phone (no 0/O, 1/I/L, U). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh booking reference such as "BT-7K3Q9": 30^5 (24 million) possibilities, checked for clashes by the store. */
export function newBookingReference(): string {
  let code = '';
  for (let i = 0; i < 5; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `BT-${code}`;
}
