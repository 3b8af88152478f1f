/**
 * Request checks every browser-host request passes before routing. A page on another origin
 * (or a DNS-rebinding name pointing at 127.0.0.1) must not be able to drive the API: the Host
 * and Origin headers pin the loopback origin, and `/api/*` additionally needs the per-run token
 * that only the printed URL carries.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function allowedAuthorities(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return allowedAuthorities(port).includes(host.toLowerCase());
}

/** Requests without an Origin (same-origin GETs, curl) pass; a present Origin must be ours. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedAuthorities(port).some((a) => origin.toLowerCase() === `http://${a}`);
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares hashes so that neither the content nor the length of the token leaks through timing. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  if (!authorization) return false;
  const match = /^Bearer (\S+)$/.exec(authorization.trim());
  if (!match) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}

/** A fixed-window counter: enough to stop a runaway loop from hammering the ledger, invisible in normal use. */
export class RateLimiter {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly maxRequests: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(): boolean {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t;
      this.count = 0;
    }
    this.count += 1;
    return this.count <= this.maxRequests;
  }
}
