/**
 * Who a request really comes from, for per-client limits and the loopback check. Behind a proxy the
 * socket's address is the proxy's, so every visitor would share one limit; X-Forwarded-For names the
 * client, but anyone can send one. TRUST_PROXY says how many proxies in front of the bot append to it:
 * the client is the address that many hops back from the socket, and anything further left (what
 * the client wrote itself) is ignored.
 */
import type restify from 'restify';

export type ClientKey = (req: restify.Request) => string;

/** "::ffff:127.0.0.1" and "127.0.0.1" are one client. */
const plainAddress = (address: string): string => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

export function clientKeyFor(trustedProxies: number): ClientKey {
  return (req) => {
    const socketAddress = plainAddress(req.socket?.remoteAddress ?? 'unknown');
    if (trustedProxies <= 0) return socketAddress;
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map(plainAddress)
      .filter(Boolean);
    const hops = [...forwarded, socketAddress];
    return hops[Math.max(0, hops.length - 1 - trustedProxies)];
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;
export const isLoopback = (address: string): boolean => LOOPBACK.test(address);
